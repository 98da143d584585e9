import type { UserRecord, UserStore } from './users.js';

/** A WordPress `WP_Error` from `wp_signon()` (first code and message, as AAM reads them). */
export interface SignonError {
  code: string;
  message: string;
}

/** `wp_strip_all_tags()` (approximation of PHP `strip_tags` + trim). */
export function stripAllTags(s: string): string {
  return s
    .replace(/<(script|style)[^>]*?>[\s\S]*?<\/\1>/gi, '')
    .replace(/<[^>]*(>|$)/g, '')
    .trim();
}

/** PHP `strip_tags()` (no trim). */
export function stripTags(s: string): string {
  return s.replace(/<[^>]*(>|$)/g, '');
}

/** `sanitize_user( $username, false )` (accents are not transliterated). */
export function sanitizeUser(username: string): string {
  return stripAllTags(username)
    .replace(/%[a-fA-F0-9]{2}/g, '')
    .replace(/&.+?;/g, '')
    .trim()
    .replace(/\s+/g, ' ');
}

/** `is_email()` (the checks WordPress makes, without the DNS-free TLD subtleties). */
export function isEmail(email: string): boolean {
  if (email.length < 6 || !email.includes('@', 1)) return false;
  const [local = '', domain = ''] = email.split(/@(.*)/s);
  if (!/^[a-zA-Z0-9!#$%&'*+/=?^_`{|}~.-]+$/.test(local)) return false;
  if (/\.{2,}/.test(domain) || /^[\s.]|[\s.]$/.test(domain)) return false;
  const subs = domain.split('.');
  if (subs.length < 2) return false;
  return subs.every((s) => /^[a-z0-9-]+$/i.test(s) && !/^-|-$/.test(s));
}

/** What `wp_authenticate_cookie()` finds in the request's auth cookie (`wordpress_<hash>`). */
export interface AuthCookieLogin {
  /** the user a valid auth cookie names, else 0 */
  readonly userId: number;
  /** the cookie is there and not empty */
  readonly present: boolean;
}

/**
 * `wp_signon()` → `wp_authenticate()` with WordPress 6.1's `authenticate` filters (username/password,
 * email/password, then `wp_authenticate_cookie`: with neither a username nor a password, a valid auth
 * cookie logs its user in) and their exact messages.
 */
export function wpSignon(users: UserStore, siteUrl: string, rawLogin: string, rawPassword: string, authCookie?: () => AuthCookieLogin): UserRecord | SignonError {
  const username = sanitizeUser(rawLogin);
  const password = rawPassword.trim();
  const lostPassword = ` <a href="${siteUrl}/wp-login.php?action=lostpassword">Lost your password?</a>`;
  const noUsername = username === '' || username === '0';
  const noPassword = password === '' || password === '0';
  if (noUsername && noPassword && authCookie !== undefined) {
    const cookie = authCookie();
    const user = cookie.userId > 0 ? users.byId(cookie.userId) : undefined;
    if (user !== undefined) return user;
    if (cookie.present) return { code: 'expired_session', message: 'Please log in again.' };
  }
  if (noUsername || noPassword) {
    if (noUsername) return { code: 'empty_username', message: '<strong>Error:</strong> The username field is empty.' };
    return { code: 'empty_password', message: '<strong>Error:</strong> The password field is empty.' };
  }
  let result: UserRecord | SignonError;
  const byLogin = users.byLogin(username);
  if (byLogin) {
    result = byLogin.password === password ? byLogin : {
      code: 'incorrect_password',
      message: `<strong>Error:</strong> The password you entered for the username <strong>${username}</strong> is incorrect.${lostPassword}`,
    };
  } else {
    result = {
      code: 'invalid_username',
      message: `<strong>Error:</strong> The username <strong>${username}</strong> is not registered on this site. If you are unsure of your username, try your email address instead.`,
    };
  }
  if ('id' in result || !isEmail(username)) return result;
  const byEmail = users.byEmail(username);
  if (!byEmail) return { code: 'invalid_email', message: 'Unknown email address. Check again or try your username.' };
  if (byEmail.password !== password) {
    return {
      code: 'incorrect_password',
      message: `<strong>Error:</strong> The password you entered for the email address <strong>${username}</strong> is incorrect.${lostPassword}`,
    };
  }
  return byEmail;
}
