import { createHash, randomBytes } from 'node:crypto';
import type { UserRecord } from './users.js';

/**
 * `wp_set_auth_cookie()` for a root install: the auth cookie on the plugins and admin paths and
 * the logged-in cookie on `/`. The values have WordPress' shape (`login|expiration|token|hmac`)
 * but are not valid WordPress cookies; the mock never reads them back.
 */
export function authCookies(user: UserRecord, siteUrl: string, nowSeconds: number, remember: boolean): string[] {
  const hash = createHash('md5').update(siteUrl).digest('hex');
  const secure = siteUrl.startsWith('https:');
  const expiration = nowSeconds + (remember ? 14 * 86400 : 2 * 86400);
  const expire = remember ? expiration + 12 * 3600 : 0;
  const value = (scheme: string): string => {
    const token = randomBytes(21).toString('base64url').slice(0, 43);
    const hmac = createHash('sha256').update(`${user.login}|${expiration}|${token}|${scheme}`).digest('hex');
    return encodeURIComponent(`${user.login}|${expiration}|${token}|${hmac}`);
  };
  const attrs = (path: string): string => {
    const exp = expire ? `; expires=${phpCookieDate(expire)}; Max-Age=${expire - nowSeconds}` : '';
    return `${exp}; path=${path}${secure ? '; secure' : ''}; HttpOnly`;
  };
  const auth = value(secure ? 'secure_auth' : 'auth');
  const authName = `wordpress_${secure ? 'sec_' : ''}${hash}`;
  return [
    `${authName}=${auth}${attrs('/wp-content/plugins')}`,
    `${authName}=${auth}${attrs('/wp-admin')}`,
    `wordpress_logged_in_${hash}=${value('logged_in')}${attrs('/')}`,
  ];
}

/**
 * PHP 8.2's `setcookie()` date format (the reference site runs PHP 8.2): `Thu, 01 Jan 2026 00:00:00 GMT`,
 * i.e. `D, d M Y H:i:s \\G\\M\\T`. PHP 8.0/8.1 wrote `Thu, 01-Jan-2026 00:00:00 GMT` (changed by php-src GH-9200).
 */
function phpCookieDate(seconds: number): string {
  return new Date(seconds * 1000).toUTCString();
}
