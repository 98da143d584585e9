import { createHmac } from 'node:crypto';

/** The eight secret keys of `wp-config.php`. */
export interface WpSalts {
  readonly AUTH_KEY: string;
  readonly SECURE_AUTH_KEY: string;
  readonly LOGGED_IN_KEY: string;
  readonly NONCE_KEY: string;
  readonly AUTH_SALT: string;
  readonly SECURE_AUTH_SALT: string;
  readonly LOGGED_IN_SALT: string;
  readonly NONCE_SALT: string;
}

export const SALT_NAMES = ['AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT'] as const;

/** The schemes `wp_salt()` knows: the auth cookies, the logged-in cookie and nonces. */
export type SaltScheme = 'auth' | 'secure_auth' | 'logged_in' | 'nonce';

/** `aam-mock-<name>` for each key (`AUTH_KEY` → `aam-mock-auth-key`), `SECURE_AUTH_KEY` = the JWT secret. */
export function defaultSalts(secureAuthKey: string): WpSalts {
  const named = (name: string): string => `aam-mock-${name.toLowerCase().replaceAll('_', '-')}`;
  return {
    AUTH_KEY: named('AUTH_KEY'), SECURE_AUTH_KEY: secureAuthKey, LOGGED_IN_KEY: named('LOGGED_IN_KEY'), NONCE_KEY: named('NONCE_KEY'),
    AUTH_SALT: named('AUTH_SALT'), SECURE_AUTH_SALT: named('SECURE_AUTH_SALT'), LOGGED_IN_SALT: named('LOGGED_IN_SALT'), NONCE_SALT: named('NONCE_SALT'),
  };
}

/**
 * The name of a key that is empty or used twice, or undefined. WordPress ignores such a key (it falls
 * back to a random value kept in the database), which the mock does not model: it refuses them.
 */
export function unusableSalt(salts: WpSalts): string | undefined {
  const seen = new Set<string>();
  for (const name of SALT_NAMES) {
    const value = salts[name];
    if (value === '' || value === 'put your unique phrase here' || seen.has(value)) return name;
    seen.add(value);
  }
  return undefined;
}

/** `wp_salt( $scheme )`: the scheme's key followed by its salt. */
export function wpSalt(salts: WpSalts, scheme: SaltScheme): string {
  switch (scheme) {
    case 'auth':
      return salts.AUTH_KEY + salts.AUTH_SALT;
    case 'secure_auth':
      return salts.SECURE_AUTH_KEY + salts.SECURE_AUTH_SALT;
    case 'logged_in':
      return salts.LOGGED_IN_KEY + salts.LOGGED_IN_SALT;
    case 'nonce':
      return salts.NONCE_KEY + salts.NONCE_SALT;
  }
}

/** `wp_hash( $data, $scheme )`: HMAC-MD5 of the data with the scheme's salt, as hex. */
export function wpHash(salts: WpSalts, data: string, scheme: SaltScheme): string {
  return createHmac('md5', wpSalt(salts, scheme)).update(data).digest('hex');
}
