import type { WpSalts } from './salts.js';
import type { SessionTokens } from './session-tokens.js';
import type { UserOptions } from './user-options.js';
import type { UserStore } from './users.js';

/** The WordPress state every WordPress-level function of the mock reads. */
export interface WpContext {
  users: UserStore;
  userOptions: UserOptions;
  /** the `session_tokens` user meta of every user */
  sessions: SessionTokens;
  /** the keys and salts of `wp-config.php` */
  salts: WpSalts;
  /** `siteurl` (= `home`), without a trailing slash */
  siteUrl: string;
  /** epoch milliseconds */
  now: () => number;
}

/** PHP's `time()` on the context's clock. */
export function wpTime(wp: Pick<WpContext, 'now'>): number {
  return Math.floor(wp.now() / 1000);
}
