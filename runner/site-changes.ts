/**
 * The "Site changes" section of the summary: per user, the registry before the run and after the clean-up,
 * the tokens the run issued and the runner removed, tokens the run's logins evicted (named by jti), login
 * sessions, and everything that stays changed. Pure: facts in, text out (tokens only as labels).
 */
import type { CleanupReport, UserReport } from './cleanup.js';
import { readClaims, tokenLabel } from './jwt-claims.js';
import type { RegistryEntry } from './site-api/index.js';

export interface SessionFacts {
  /** Login sessions opened by the run (its logins and cookie login links). */
  readonly runOpened: number;
  /** Of those, ended again by the runner (it held their cookie). */
  readonly runEnded: number;
  /** Sessions the runner opened itself, and ended. */
  readonly ownOpened: number;
  readonly ownEnded: number;
  /** Sessions that stay, with why. */
  readonly left: readonly string[];
}

export interface SiteChangesInput {
  readonly site: string;
  readonly report: CleanupReport | undefined;
  /** Why the clean-up could not run at all. */
  readonly cleanupError: string | undefined;
  readonly sessions: SessionFacts;
  readonly notes: readonly string[];
}

/** One sentence, printed after every real-site run. */
export const REGISTRY_ADVICE =
  'AAM keeps only the 10 newest tokens per user and silently evicts the oldest when an 11th is issued, so run the suite as a dedicated caller account (or with --token, which adds no login token) whose tokens no integration relies on.';

export function formatSiteChanges(input: SiteChangesInput): string {
  const lines = [`Site changes on ${input.site} (what the run did, and what the runner undid):`];
  for (const note of input.notes) lines.push(`  note: ${note}`);
  const undo: string[] = [];
  if (input.report === undefined) {
    undo.push(`the clean-up could not run: ${input.cleanupError ?? 'unknown reason'}; tokens the run issued may still be valid`);
  } else {
    for (const user of input.report.users) lines.push(`  ${userLine(user)}`);
    for (const user of input.report.users) {
      for (const entry of user.evicted) {
        undo.push(`${user.party.role === 'caller' ? 'the caller' : user.party.name}'s token ${tokenLabel(entry.token)}${issuedAt(entry)} was evicted from ${user.party.name}'s full registry by the run's login(s); it cannot be restored`);
      }
      for (const entry of user.foreign) {
        lines.push(`  left alone: ${tokenLabel(entry.token)} appeared in ${user.party.name}'s registry during the run, but the run did not issue it`);
      }
      if (user.party.role === 'target' && user.before !== undefined && user.before.length > 0) {
        undo.push(`the target's registry held ${user.before.length} token(s) before the run (${user.before.map((e) => tokenLabel(e.token)).join(', ')}); the suite's resets removed them`);
      }
      for (const failure of user.failures) undo.push(`${user.party.name}: ${failure}`);
    }
    undo.push(...input.report.leftovers);
  }
  const s = input.sessions;
  const runLeft = s.runOpened - s.runEnded;
  lines.push(
    `  WordPress login sessions: the run opened ${s.runOpened} (one per login), the runner ended ${s.runEnded} whose cookie it was sent; the runner opened ${s.ownOpened} of its own and ended ${s.ownEnded}`,
  );
  if (runLeft > 0) {
    undo.push(`${runLeft} login session(s) of the run's logins stay until WordPress expires them (2 days): AAM's login creates one even when it sends no cookie, and WordPress offers no way to end a session without its cookie`);
  }
  undo.push(...s.left.map((why) => `login session left open: ${why}`));
  if (undo.length === 0) lines.push('  nothing else changed: the registries are as the run found them');
  else lines.push('  could not undo:', ...undo.map((text) => `    - ${text}`));
  lines.push(`  ${REGISTRY_ADVICE}`);
  return `${lines.join('\n')}\n`;
}

function userLine(user: UserReport): string {
  const { party } = user;
  const before = user.before === undefined ? '?' : String(user.before.length);
  const after = user.final === undefined ? '?' : String(user.final.length);
  const verdict = sameTokens(user.before, user.final, user.evicted, party.role === 'target');
  const parts = [`${party.role} ${party.name}: registry ${before} → ${after} token(s)${verdict}`, `the run issued ${user.issued}`];
  if (user.reset !== undefined) parts.push(`the final reset removed ${user.reset}`);
  if (user.removed.length > 0) parts.push(`the runner deleted ${user.removed.length}: ${user.removed.join(' ')}`);
  else if (party.role !== 'target') parts.push('the runner deleted none');
  return parts.join('; ');
}

/** `, as found` when the registry holds exactly the tokens it held before (apart from evicted ones). */
function sameTokens(before: readonly RegistryEntry[] | undefined, final: readonly RegistryEntry[] | undefined, evicted: readonly RegistryEntry[], target: boolean): string {
  if (final === undefined) return ' (could not list it after the clean-up)';
  if (before === undefined) return ' (not listed before the run)';
  if (target) return final.length === 0 ? ', empty' : `, NOT empty: ${final.map((e) => tokenLabel(e.token)).join(' ')}`;
  const gone = new Set(evicted.map((e) => e.token));
  const want = new Set(before.filter((e) => !gone.has(e.token)).map((e) => e.token));
  const have = new Set(final.map((e) => e.token));
  const extra = [...have].filter((t) => !want.has(t));
  const missing = [...want].filter((t) => !have.has(t));
  if (extra.length === 0 && missing.length === 0) return evicted.length === 0 ? ', as found' : ', as found apart from the evicted token(s)';
  return `, DIFFERS: ${[...extra.map((t) => `+${tokenLabel(t)}`), ...missing.map((t) => `-${tokenLabel(t)}`)].join(' ')}`;
}

function issuedAt(entry: RegistryEntry): string {
  const claims = readClaims(entry.token);
  return claims?.iat === undefined ? '' : ` (issued ${new Date(claims.iat * 1000).toISOString()})`;
}
