import { createHash, randomInt } from 'node:crypto';

/** One login session (`session_tokens` user meta entry); IP and user agent are not kept. */
export interface WpSession {
  readonly expiration: number;
  readonly login: number;
}

const PASSWORD_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** `wp_generate_password( $length, false, false )`: letters and digits. */
export function wpGeneratePassword(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += PASSWORD_CHARS[randomInt(PASSWORD_CHARS.length)];
  return out;
}

/**
 * `WP_User_Meta_Session_Tokens`: each user's sessions keyed by the SHA-256 of their token. A session
 * counts while its expiration is not past (`is_still_valid`); every write drops the expired ones.
 */
export class SessionTokens {
  private readonly byUser = new Map<number, Map<string, WpSession>>();
  private readonly nowSeconds: () => number;

  constructor(nowSeconds: () => number) {
    this.nowSeconds = nowSeconds;
  }

  /** `create( $expiration )`: a new 43-character token for the user. */
  create(userId: number, expiration: number): string {
    const token = wpGeneratePassword(43);
    this.update(userId, token, { expiration, login: this.nowSeconds() });
    return token;
  }

  /** `verify( $token )`: the token names a session of the user that has not expired. */
  verify(userId: number, token: string): boolean {
    return this.sessions(userId).has(hashToken(token));
  }

  /** `destroy( $token )` */
  destroy(userId: number, token: string): void {
    this.update(userId, token, null);
  }

  /** `destroy_all()` */
  destroyAll(userId: number): void {
    this.byUser.delete(userId);
  }

  /** The sessions of a user that are still valid (`get_all()`), in creation order. */
  all(userId: number): WpSession[] {
    return [...this.sessions(userId).values()];
  }

  private sessions(userId: number): Map<string, WpSession> {
    const now = this.nowSeconds();
    return new Map([...(this.byUser.get(userId) ?? new Map<string, WpSession>())].filter(([, s]) => s.expiration >= now));
  }

  private update(userId: number, token: string, session: WpSession | null): void {
    const sessions = this.sessions(userId);
    if (session === null) sessions.delete(hashToken(token));
    else sessions.set(hashToken(token), session);
    if (sessions.size === 0) this.byUser.delete(userId);
    else this.byUser.set(userId, sessions);
  }
}

/** `hash_token()`: the verifier a session is stored under. */
function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
