/**
 * Leaves the caller's JWT registry as it was found: every login of the walkthrough ("Log in", the legacy
 * login, an automatic login) adds a token to the caller's registry, and a Postman user keeps them; this
 * harness revokes the ones a run added. Built on the runner's site API (runner/site-api/): the caller's own
 * session (a WordPress cookie session where the site offers one, ended afterwards; otherwise a login token of
 * its own, revoked last), the generation's adapter to list a registry and revoke a token. No token is printed.
 */
import { adapterFor, type GenerationAdapter } from '../../runner/site-api/index.js';
import { closeCallerSession, openLoginSession, type CallerSession } from '../../runner/site-api/caller-session.js';
import { createSiteHttp, type SiteHttp } from '../../runner/site-api/http.js';
import { CookieJar, logout } from '../../runner/site-api/login.js';
import { SiteLedger } from '../../runner/site-api/site-ledger.js';
import { createSiteApi, type SiteApi } from '../../runner/site-api/site-api.js';

/** The caller's registry before the run, and how the harness reaches it. */
export interface CallerSnapshot {
  readonly http: SiteHttp;
  readonly session: CallerSession;
  readonly api: SiteApi;
  readonly before: ReadonlySet<string>;
  readonly ledger: SiteLedger;
}

export class CallerTokensError extends Error {
  readonly code = 'ERR_WALKTHROUGH_CALLER_TOKENS';
}

async function tokensOf(api: SiteApi, userId: string): Promise<string[]> {
  const listed = await api.list(userId);
  if (!listed.ok) throw new CallerTokensError(`listing the tokens of user ${userId}: ${listed.reason}`);
  return listed.value.map((entry) => entry.token);
}

/** Opens the caller's session and lists its registry (the generation's adapter: `6.9.32`, `6.9.51`, …). */
export async function snapshotCallerTokens(restUrl: string, username: string, password: string, version = '6.9.32'): Promise<CallerSnapshot> {
  const adapter: GenerationAdapter | undefined = adapterFor(version);
  if (adapter === undefined) throw new CallerTokensError(`no site adapter for AAM ${version}`);
  const http = createSiteHttp({ url: restUrl, style: 'path' }, 30_000);
  const ledger = new SiteLedger();
  const opened = await openLoginSession(http, http.siteRoot, username, password, ledger);
  if (!opened.ok) throw new CallerTokensError(opened.reason);
  const api = createSiteApi(http, adapter, opened.session.headers);
  return { http, session: opened.session, api, before: new Set(await tokensOf(api, opened.session.userId)), ledger };
}

/** Revokes every token the caller's registry gained since the snapshot and ends the harness's session; returns how many were revoked. */
export async function revokeNewCallerTokens(snapshot: CallerSnapshot): Promise<number> {
  const { api, session } = snapshot;
  const own = session.ownToken;
  const added = (await tokensOf(api, session.userId)).filter((token) => !snapshot.before.has(token) && token !== own);
  for (const token of [...added, ...(own === undefined ? [] : [own])]) {
    const revoked = await api.revoke(token);
    if (!revoked.ok || (revoked.value !== 'revoked' && revoked.value !== 'already-invalid')) {
      throw new CallerTokensError(`revoking a token the walkthrough added: ${revoked.ok ? revoked.value : revoked.reason}`);
    }
  }
  await closeCallerSession(snapshot.http, snapshot.http.siteRoot, session, snapshot.ledger);
  return added.length;
}

/** How many tokens the target user has (none after the walkthrough). */
export async function targetTokenCount(snapshot: CallerSnapshot, targetUserId: string): Promise<number> {
  return (await tokensOf(snapshot.api, targetUserId)).length;
}

/** What the harness's own session left on the site (a login session WordPress never sent a cookie for, …). */
export function harnessLeftovers(snapshot: CallerSnapshot): readonly string[] {
  return [...snapshot.ledger.sessions.left, ...snapshot.ledger.notes];
}

/** Ends the WordPress login sessions whose logged-in cookie the walkthrough kept (`name=value`); returns why each one could not be ended. */
export async function endSessions(snapshot: CallerSnapshot, cookies: readonly string[]): Promise<string[]> {
  const failures: string[] = [];
  for (const pair of cookies) {
    const failure = await logout(snapshot.http, snapshot.http.siteRoot, CookieJar.of(pair));
    if (failure !== undefined) failures.push(failure);
  }
  return failures;
}
