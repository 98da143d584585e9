/**
 * Reading a JWT without verifying it, and naming it without showing it. The runner never prints a token:
 * it prints {@link tokenLabel}, which tells tokens apart (by `jti` and the last characters of the
 * signature, since AAM 7.x keeps the `jti` across a refresh) but cannot be used as a credential.
 */
import { isObject } from '../generators/lib/type-checks.js';

/** The claims the runner cares about; every field is `undefined` when absent or of another type. */
export interface TokenClaims {
  readonly jti: string | undefined;
  /** `userId` (AAM 6.9.x) or `user_id` (AAM 7.x), as a decimal string. */
  readonly userId: string | undefined;
  /** Expiry, epoch seconds. */
  readonly exp: number | undefined;
  /** Issued at, epoch seconds. */
  readonly iat: number | undefined;
  /** AAM's `revocable` claim: a non-revocable token is never in the registry and cannot be revoked. */
  readonly revocable: boolean | undefined;
}

/** A JWT as AAM issues it: three base64url segments, the first two JSON objects (so they start with `ey`). */
export const JWT_PATTERN = /ey[A-Za-z0-9_-]{6,}\.ey[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]*/g;

/** The claims of `token` (a leading `Bearer ` is ignored), or `undefined` when it is no readable JWT. */
export function readClaims(token: string): TokenClaims | undefined {
  const payload = token.replace(/^Bearer /, '').split('.')[1];
  if (payload === undefined || payload === '') return undefined;
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
  if (!isObject(claims)) return undefined;
  // AAM writes the user claim last (6.9.x `userId`, 7.x `user_id`), after any additional claims, which may
  // carry the other name: the last one is the real one.
  const userKey = Object.keys(claims).filter((key) => key === 'userId' || key === 'user_id').pop();
  const user = userKey === undefined ? undefined : claims[userKey];
  return {
    jti: typeof claims.jti === 'string' ? claims.jti : undefined,
    userId: (typeof user === 'number' && Number.isInteger(user)) || (typeof user === 'string' && /^\d+$/.test(user)) ? String(user) : undefined,
    exp: typeof claims.exp === 'number' ? claims.exp : undefined,
    iat: typeof claims.iat === 'number' ? claims.iat : undefined,
    revocable: typeof claims.revocable === 'boolean' ? claims.revocable : undefined,
  };
}

/** How many characters of the signature a label shows: enough to tell tokens apart, useless to an attacker. */
const TAIL = 6;

/** `[jwt jti=… …abc123]`: a printable name for a token that is not the token. */
export function tokenLabel(token: string): string {
  const bare = token.replace(/^Bearer /, '');
  const jti = readClaims(bare)?.jti;
  const signature = bare.split('.')[2] ?? '';
  const tail = signature.length > TAIL * 4 ? ` …${signature.slice(-TAIL)}` : '';
  return `[jwt${jti === undefined ? '' : ` jti=${jti.replace(/[^\w.-]/g, '?').slice(0, 64)}`}${tail}]`;
}
