/**
 * A run against a real site: preflight (one clear line and exit 2 when the site cannot run the suite), the
 * registries before, the collection, then — whatever happened to the run — the clean-up and the summary of
 * what changed on the site.
 */
import type { EventEmitter } from 'node:events';
import { cleanUp, listRegistries, type CleanupReport, type Party } from './cleanup.js';
import { runCollection, type CollectionRunResult } from './collection-run.js';
import type { AamVersion } from './generations.js';
import type { SiteTarget } from './parse-args.js';
import { preflight } from './preflight.js';
import type { Redactor } from './redact.js';
import type { RunEventSink } from './run-events.js';
import { startRestRouteProxy, type RestRouteProxy } from './rest-route-proxy.js';
import { observeRun, type RunObservations } from './run-observer.js';
import { closeCallerSession } from './site-api/caller-session.js';
import { CookieJar, logout } from './site-api/login.js';
import { SiteLedger } from './site-api/site-ledger.js';
import { formatSiteChanges, type SessionFacts } from './site-changes.js';

/** AAM's default registry limit (`service.jwt.registry_size`). */
const AAM_REGISTRY_SIZE = 10;

export interface SiteRunOptions {
  readonly root: string;
  readonly target: SiteTarget;
  readonly forced: AamVersion | undefined;
  readonly reportsDir: string | undefined;
  readonly progress: boolean;
  readonly requestTimeoutMs: number;
  readonly totalTimeoutMs: number;
  readonly signal: AbortSignal | undefined;
  readonly redactor: Redactor;
  /** Already redacting. */
  readonly log: (text: string) => void;
  /** epoch milliseconds */
  readonly now: () => number;
  /** Live progress (preflight, generation, steps, clean-up). */
  readonly onEvent?: RunEventSink;
}

export interface SiteRunResult {
  readonly version: AamVersion;
  /** The AAM release installed, when the caller may read the plugin list. */
  readonly release: string | undefined;
  readonly restUrl: string;
  readonly run: CollectionRunResult | undefined;
  /** The run could not start or crashed; the clean-up ran anyway. */
  readonly runFailure: Error | undefined;
  readonly changes: CleanupReport | undefined;
  /** The "Site changes" section. */
  readonly changesText: string;
}

export async function runAgainstSite(options: SiteRunOptions): Promise<SiteRunResult> {
  const started = options.now();
  const ledger = new SiteLedger();
  const onEvent = options.onEvent ?? (() => undefined);
  onEvent({ kind: 'preflight' });
  const site = await preflight({ target: options.target, forced: options.forced, requestTimeoutMs: options.requestTimeoutMs, now: options.now, ledger });
  options.log(`${site.generationLine}\nAAM release: ${site.release.known ? site.release.version : `unknown (${site.release.why})`}\n`);
  onEvent({ kind: 'generation', version: site.version, line: site.generationLine, release: site.release.known ? site.release.version : undefined });
  let proxy: RestRouteProxy | undefined;
  try {
    const parties: Party[] = [{ role: 'caller', userId: site.caller.userId, name: site.caller.name }];
    const { unprivileged, targetUserId } = options.target;
    if (site.unprivilegedId !== undefined && unprivileged !== undefined) parties.push({ role: 'unprivileged', userId: site.unprivilegedId, name: `${unprivileged.username} (user ${site.unprivilegedId})` });
    parties.push({ role: 'target', userId: targetUserId, name: `user ${targetUserId}` });
    const before = await listRegistries(site.api, parties);
    const callerBefore = before.get(site.caller.userId);
    if (site.caller.kind === 'login-token' && callerBefore?.ok === true && callerBefore.value.length >= AAM_REGISTRY_SIZE) {
      ledger.note(`the runner's own login filled ${site.caller.name}'s registry to ${AAM_REGISTRY_SIZE} tokens: it may have evicted the oldest, which cannot be named without a WordPress cookie session`);
    }
    if (site.http.base.style === 'query') proxy = await startRestRouteProxy(site.http.siteRoot);
    const restUrl = proxy?.restUrl ?? site.http.base.url;
    let observed: RunObservations | undefined;
    let run: CollectionRunResult | undefined;
    let runFailure: Error | undefined;
    try {
      run = await runCollection({
        root: options.root,
        version: site.version,
        target: { ...options.target, restUrl },
        restUrl,
        // through the proxy, WordPress still names its own URL in redirects (the admin URL, the signed-URL login)
        ...(proxy === undefined ? {} : { siteUrl: site.http.siteRoot.replace(/\/+$/, '') }),
        reportsDir: options.reportsDir,
        progress: options.progress,
        requestTimeoutMs: options.requestTimeoutMs,
        timeLimitMs: options.totalTimeoutMs - (options.now() - started),
        totalTimeoutMs: options.totalTimeoutMs,
        signal: options.signal,
        redactor: options.redactor,
        log: options.log,
        attach: (emitter: EventEmitter) => {
          observed = observeRun(emitter, site.since);
        },
        onEvent,
      });
    } catch (err) {
      runFailure = err as Error;
    }
    options.log('\nCleaning up the site…\n');
    onEvent({ kind: 'cleanup' });
    const sessions = await endRunSessions(site.http, site.adminUrl, observed, ledger);
    let changes: CleanupReport | undefined;
    let cleanupError: string | undefined;
    try {
      changes = await cleanUp({
        api: site.api,
        parties,
        before,
        observed: observed ?? { issued: [], logins: new Map(), sessionCookies: [], cookieOnlySessions: 0, unansweredLogins: 0 },
        since: site.since,
        keep: new Set('token' in options.target.credentials ? [options.target.credentials.token] : []),
        ownToken: site.caller.ownToken,
        now: options.now,
      });
    } catch (err) {
      cleanupError = (err as Error).message;
    }
    await closeCallerSession(site.http, site.adminUrl, site.caller, ledger);
    const own = ledger.sessions;
    const facts: SessionFacts = { runOpened: sessions.opened, runEnded: sessions.ended, ownOpened: own.opened, ownEnded: own.ended, left: own.left };
    const changesText = formatSiteChanges({ site: site.http.base.url, report: changes, cleanupError, sessions: facts, notes: ledger.notes });
    return { version: site.version, release: site.release.known ? site.release.version : undefined, restUrl: site.http.base.url, run, runFailure, changes, changesText };
  } finally {
    await proxy?.close();
  }
}

/** Ends the login sessions whose cookies the run was sent; counts the run's sessions. */
async function endRunSessions(
  http: Parameters<typeof logout>[0],
  adminUrl: string,
  observed: RunObservations | undefined,
  ledger: SiteLedger,
): Promise<{ opened: number; ended: number }> {
  if (observed === undefined) return { opened: 0, ended: 0 };
  let opened = observed.cookieOnlySessions;
  for (const count of observed.logins.values()) opened += count;
  let ended = 0;
  for (const pair of observed.sessionCookies) {
    let failure: string | undefined;
    try {
      failure = await logout(http, adminUrl, CookieJar.of(pair));
    } catch (err) {
      failure = (err as Error).message;
    }
    if (failure === undefined) ended += 1;
    else ledger.note(`could not end a login session the run opened with cookies: ${failure}`);
  }
  return { opened, ended };
}
