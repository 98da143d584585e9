/**
 * Leaves the site as the run found it, as far as AAM allows: after every run (passed, failed or stopped) the
 * registries of the caller, the unprivileged account and the target are listed again and compared with the
 * listing taken before the run; every token the run issued that is still registered is deleted (or revoked),
 * the target's registry is reset, and what could not be undone is said. Generation differences live in the
 * adapters (`site-api/`); this file is the same for every generation.
 *
 * Which tokens are the run's: those it saw issued (see run-observer.ts), and, only when a login was still in
 * flight as the run stopped, new registry entries issued after the run started. A token that appeared in the
 * caller's registry during the run without the run issuing it belongs to someone else: it is left alone.
 */
import { readClaims, tokenLabel } from './jwt-claims.js';
import type { RunObservations } from './run-observer.js';
import type { RegistryEntry } from './site-api/index.js';
import type { Result, SiteApi } from './site-api/site-api.js';

export interface Party {
  readonly role: 'caller' | 'unprivileged' | 'target';
  readonly userId: string;
  /** `admin (user 1)` */
  readonly name: string;
}

export type Registries = ReadonlyMap<string, Result<RegistryEntry[]>>;

export interface UserReport {
  readonly party: Party;
  readonly before: readonly RegistryEntry[] | undefined;
  readonly final: readonly RegistryEntry[] | undefined;
  /** Tokens of this user the run was seen to issue. */
  readonly issued: number;
  /** Labels of the run's tokens the runner deleted or revoked. */
  readonly removed: readonly string[];
  /** Tokens the registry held before the run and lost during it (evicted by the run's logins). */
  readonly evicted: readonly RegistryEntry[];
  /** Tokens that appeared during the run without the run issuing them (left alone). */
  readonly foreign: readonly RegistryEntry[];
  /** The target only: how many tokens the final reset removed. */
  readonly reset: number | undefined;
  readonly failures: readonly string[];
}

export interface CleanupReport {
  readonly users: readonly UserReport[];
  /** What stays changed on the site: valid non-revocable tokens, failures of the clean-up. */
  readonly leftovers: readonly string[];
}

export interface CleanupInput {
  readonly api: SiteApi;
  readonly parties: readonly Party[];
  readonly before: Registries;
  readonly observed: RunObservations;
  /** The run's start on the site's clock, epoch seconds. */
  readonly since: number;
  /** Tokens the runner must never revoke (a token given with --token). */
  readonly keep: ReadonlySet<string>;
  /** The runner's own login token (a `login-token` caller session): revoked last. */
  readonly ownToken: string | undefined;
  /** epoch milliseconds */
  readonly now: () => number;
}

/** Lists the registries of `parties` (in order). */
export async function listRegistries(api: SiteApi, parties: readonly Party[]): Promise<Map<string, Result<RegistryEntry[]>>> {
  const lists = new Map<string, Result<RegistryEntry[]>>();
  for (const party of parties) if (!lists.has(party.userId)) lists.set(party.userId, await api.list(party.userId));
  return lists;
}

export async function cleanUp(raw: CleanupInput): Promise<CleanupReport> {
  const input = withoutRunnerTokens(raw);
  const { api, observed, keep, ownToken } = input;
  const parties = withObservedUsers(input.parties, input.observed);
  const afterRun = await listRegistries(api, parties);
  const issuedBy = new Map<string, Set<string>>();
  for (const token of observed.issued) {
    const key = token.userId ?? '?';
    issuedBy.set(key, (issuedBy.get(key) ?? new Set()).add(token.token));
  }
  const leftovers: string[] = [];
  const work = new Map<string, { removed: string[]; failures: string[]; foreign: RegistryEntry[]; reset: number | undefined }>();
  for (const party of parties) {
    const state = { removed: [] as string[], failures: [] as string[], foreign: [] as RegistryEntry[], reset: undefined as number | undefined };
    work.set(party.userId, state);
    const listed = afterRun.get(party.userId);
    if (listed === undefined || !listed.ok) {
      state.failures.push(`could not list the registry after the run: ${listed?.ok === false ? listed.reason : 'not listed'}`);
      continue;
    }
    if (party.role === 'target') {
      if (listed.value.length === 0) continue;
      const reset = await api.reset(party.userId);
      if (reset.ok) state.reset = listed.value.length;
      else {
        state.failures.push(`reset failed (${reset.reason}); deleting the tokens one by one`);
        for (const entry of listed.value) await removeEntry(api, party, entry, state, leftovers);
      }
      continue;
    }
    const before = input.before.get(party.userId);
    const known = before?.ok === true ? new Set(before.value.map((e) => e.token)) : undefined;
    const mine = issuedBy.get(party.userId) ?? new Set<string>();
    for (const entry of listed.value) {
      if (keep.has(entry.token) || entry.token === ownToken || known?.has(entry.token) === true) continue;
      const iat = readClaims(entry.token)?.iat ?? 0;
      const runs = mine.has(entry.token) || (observed.unansweredLogins > 0 && iat >= input.since);
      if (runs) await removeEntry(api, party, entry, state, leftovers);
      else if (known !== undefined) state.foreign.push(entry);
    }
  }
  await revokeStrays(input, parties, afterRun, leftovers);
  const final = await listRegistries(api, parties);
  if (ownToken !== undefined) {
    const revoked = await api.revoke(ownToken);
    if (!revoked.ok || revoked.value === 'not-revocable') leftovers.push(`the runner's own login token ${tokenLabel(ownToken)} could not be revoked (${revoked.ok ? revoked.value : revoked.reason})`);
  }
  const users = parties.map((party): UserReport => {
    const state = work.get(party.userId);
    const before = input.before.get(party.userId);
    const after = afterRun.get(party.userId);
    const end = final.get(party.userId);
    const beforeList = before?.ok === true ? before.value : undefined;
    const afterTokens = new Set(after?.ok === true ? after.value.map((e) => e.token) : []);
    return {
      party,
      before: beforeList,
      final: end?.ok === true ? end.value.filter((e) => e.token !== ownToken) : undefined,
      issued: issuedBy.get(party.userId)?.size ?? 0,
      removed: state?.removed ?? [],
      evicted: beforeList !== undefined && after?.ok === true && party.role !== 'target' ? beforeList.filter((e) => !afterTokens.has(e.token)) : [],
      foreign: state?.foreign ?? [],
      reset: state?.reset,
      failures: state?.failures ?? [],
    };
  });
  return { users, leftovers };
}

/**
 * The run's observations and the "before" listings without the tokens that are not the run's to count: the
 * given token and the runner's own login token (issued by the preflight, so "before" may hold it and the run
 * may have listed it).
 */
function withoutRunnerTokens(input: CleanupInput): CleanupInput {
  const skip = (token: string): boolean => input.keep.has(token) || token === input.ownToken;
  const before = new Map([...input.before].map(([id, result]) => [id, result.ok ? { ok: true as const, value: result.value.filter((e) => e.token !== input.ownToken) } : result]));
  const issued = input.observed.issued.filter((t) => !skip(t.token));
  const observed: RunObservations = {
    issued,
    logins: input.observed.logins,
    sessionCookies: input.observed.sessionCookies,
    cookieOnlySessions: input.observed.cookieOnlySessions,
    unansweredLogins: input.observed.unansweredLogins,
  };
  return { ...input, before, observed };
}

/** The unprivileged account's id is learned from its tokens when the preflight could not learn it. */
function withObservedUsers(parties: readonly Party[], observed: RunObservations): Party[] {
  const all = [...parties];
  const ids = new Set(parties.map((p) => p.userId));
  for (const token of observed.issued) {
    if (token.userId === undefined || ids.has(token.userId)) continue;
    ids.add(token.userId);
    all.push({ role: 'unprivileged', userId: token.userId, name: `user ${token.userId}` });
  }
  return all;
}

async function removeEntry(
  api: SiteApi,
  party: Party,
  entry: RegistryEntry,
  state: { removed: string[]; failures: string[] },
  leftovers: string[],
): Promise<void> {
  const label = tokenLabel(entry.token);
  const removed = await api.remove(party.userId, entry.id);
  if (removed.ok) {
    state.removed.push(label);
    return;
  }
  const revoked = await api.revoke(entry.token);
  if (revoked.ok && revoked.value !== 'not-revocable') state.removed.push(label);
  else leftovers.push(`token ${label} of ${party.name}: delete failed (${removed.reason}), revoke failed (${revoked.ok ? revoked.value : revoked.reason})`);
}

/**
 * Tokens the run was issued that the registry clean-up could not reach: a non-revocable token stays valid
 * whatever happens to the registry (AAM skips the registry check for it; 7.x never stores it), so each is
 * validated and reported while valid; a token of a user the runner did not list is revoked by value.
 */
async function revokeStrays(input: CleanupInput, parties: readonly Party[], afterRun: Registries, leftovers: string[]): Promise<void> {
  const { api, observed, keep, ownToken } = input;
  const listed = new Set<string>();
  for (const result of afterRun.values()) if (result.ok) for (const entry of result.value) listed.add(entry.token);
  const partyIds = new Set(parties.map((p) => p.userId));
  const nowSeconds = input.now() / 1000;
  for (const issued of observed.issued) {
    if (keep.has(issued.token) || issued.token === ownToken) continue;
    const claims = readClaims(issued.token);
    if (claims?.exp !== undefined && claims.exp <= nowSeconds) continue;
    const owner = parties.find((p) => p.userId === issued.userId)?.name ?? `user ${issued.userId ?? '?'}`;
    const until = claims?.exp === undefined ? 'with no expiry' : `until ${new Date(claims.exp * 1000).toISOString()}`;
    if (claims?.revocable === false) {
      const valid = await api.validate(issued.token);
      if (valid.ok && valid.value === false) continue;
      leftovers.push(`non-revocable token ${tokenLabel(issued.token)} of ${owner} stays valid ${until} (AAM cannot revoke a non-revocable token)`);
      continue;
    }
    if (listed.has(issued.token) || (issued.userId !== undefined && partyIds.has(issued.userId))) continue;
    const revoked = await api.revoke(issued.token);
    if (!revoked.ok || revoked.value === 'not-revocable') leftovers.push(`token ${tokenLabel(issued.token)} of ${owner} could not be revoked (${revoked.ok ? revoked.value : revoked.reason}); valid ${until}`);
  }
}
