/**
 * The preflight: before anything is sent to a real site's token routes, check that the site can run the suite,
 * and say in one line what is wrong when it cannot (the CLI exits 2). In order:
 *   1. the REST index answers JSON (network failures, TLS, HTML pages, a missing /wp-json → `?rest_route=`,
 *      a disabled REST API);
 *   2. AAM is there (`aam/v2` namespace);
 *   3. the caller's credentials work (login refused; token expired, revoked or foreign);
 *   4. AAM's JWT service is on, and the AAM JWT API generation, detected with the caller's credentials (or
 *      forced), has a collection here;
 *   5. the caller may list tokens, the target exists and is nobody else, the unprivileged login works.
 */
import { isObject } from '../generators/lib/type-checks.js';
import { detectGeneration, readSiteView } from './detect-generation.js';
import { isAamVersion, type AamVersion } from './generations.js';
import { readClaims, tokenLabel } from './jwt-claims.js';
import type { SiteTarget } from './parse-args.js';
import { describe, errorInfo, htmlTitle, isHtml } from './site-api/answers.js';
import { closeCallerSession, openLoginSession, tokenSession, type CallerSession } from './site-api/caller-session.js';
import { createSiteHttp, SiteUnreachableError, type HttpAnswer, type RestBase, type SiteHttp } from './site-api/http.js';
import { adapterFor, type GenerationAdapter } from './site-api/index.js';
import { login, logout } from './site-api/login.js';
import { createSiteApi, type SiteApi } from './site-api/site-api.js';
import type { SiteLedger } from './site-api/site-ledger.js';
import { PreflightError } from './preflight-error.js';
import { readPluginVersion, type PluginVersion } from './plugin-version.js';

export interface PreflightOptions {
  readonly target: SiteTarget;
  /** `--aam-version`: run this generation whatever the site serves. */
  readonly forced: AamVersion | undefined;
  readonly requestTimeoutMs: number;
  /** Clock for the token's expiry, epoch milliseconds. */
  readonly now: () => number;
  readonly ledger: SiteLedger;
}

export interface SiteContext {
  readonly http: SiteHttp;
  /** The site's `siteurl` with a trailing slash (wp-login.php, wp-admin/). */
  readonly adminUrl: string;
  readonly adapter: GenerationAdapter;
  readonly version: AamVersion;
  /** `AAM JWT API generation: … (…how it was detected…)` */
  readonly generationLine: string;
  readonly caller: CallerSession;
  readonly api: SiteApi;
  readonly unprivilegedId: string | undefined;
  /** The AAM release installed, from the plugin list (administrators only), or why it is unknown. */
  readonly release: PluginVersion;
  /** When the run started on the site's clock (its Date header), epoch seconds: older tokens are not the run's. */
  readonly since: number;
}

const REST_DISABLED = new Set(['rest_disabled', 'rest_cannot_access', 'rest_login_required', 'rest_not_logged_in', 'rest_api_disabled', 'rest_forbidden']);

export async function preflight(options: PreflightOptions): Promise<SiteContext> {
  const { target, ledger } = options;
  const index = await reachIndex(target.restUrl, options.requestTimeoutMs, ledger, options.now);
  const { http, namespaces } = index;
  const adminUrl = index.siteUrl ?? http.siteRoot;
  if (!namespaces.includes('aam/v2')) throw new PreflightError('ERR_AAM_MISSING', `AAM is not installed or not active on ${http.base.url}: the REST index has no aam/v2 namespace`);
  const caller = await openCaller(http, adminUrl, options);
  try {
    return { ...(await checkWithCaller(http, adminUrl, namespaces, caller, options)), since: index.siteTime };
  } catch (err) {
    await closeCallerSession(http, adminUrl, caller, ledger, true);
    throw err;
  }
}

async function checkWithCaller(http: SiteHttp, adminUrl: string, namespaces: readonly string[], caller: CallerSession, options: PreflightOptions): Promise<Omit<SiteContext, 'since'>> {
  const { target } = options;
  const view = await readSiteView(http, namespaces, caller.headers, `the caller ${caller.name}`);
  const detection = detectGeneration(view);
  const detected = detection.kind === 'found' ? detection.adapter : undefined;
  // Checked with the caller's view: 7.x may drop its deprecated public routes, and then an anonymous index
  // of a working site lists no JWT route at all.
  if (detection.kind === 'none' && !view.routes.has('/aam/v2/jwt/validate')) {
    throw new PreflightError('ERR_AAM_JWT_OFF', `AAM is installed on ${http.base.url} but its JWT service is off: no JWT route (neither a token route nor /aam/v2/jwt/validate) for ${view.as}; turn on "JWT Tokens" in AAM's services`);
  }
  if (detection.kind === 'hidden' && options.forced === undefined) {
    throw new PreflightError('ERR_CALLER_FORBIDDEN', `${detection.evidence}: AAM 7.x serves its token routes only to callers with aam_manager and aam_manage_jwt, and honours those capabilities only when a role carries them (otherwise it asks for administrator)`);
  }
  if (detection.kind === 'none' && options.forced === undefined) throw new PreflightError('ERR_GENERATION_UNKNOWN', `no known AAM JWT API generation on ${http.base.url}: ${detection.evidence}`);
  let adapter: GenerationAdapter;
  let line: string;
  if (options.forced !== undefined) {
    adapter = adapterFor(options.forced) ?? failUnknown(options.forced);
    const seen = detected === undefined ? `the site matches no known generation: ${detection.evidence}` : detected === adapter ? 'the site serves it too' : `the site serves ${detected.releases}!`;
    line = `AAM JWT API generation: ${adapter.releases} (forced by --aam-version ${options.forced}; ${seen})`;
  } else {
    adapter = detected ?? failUnknown('?');
    line = `AAM JWT API generation: ${adapter.releases} (${detection.evidence})`;
  }
  const release = await readPluginVersion(http, caller.headers);
  if (!isAamVersion(adapter.version)) {
    throw new PreflightError('ERR_GENERATION_UNSUPPORTED', `${line.replace('AAM JWT API generation: ', 'the site serves AAM JWT API generation ')}, and this checkout has no collection for it yet (spec/aam-${adapter.version}/)`, {
      generation: adapter.releases,
      ...(release.known ? { release: release.version } : {}),
    });
  }
  const api = createSiteApi(http, adapter, caller.headers);
  const own = await api.list(caller.userId);
  if (!own.ok) throw new PreflightError('ERR_CALLER_FORBIDDEN', `the caller ${caller.name} cannot list its tokens (${own.reason}): it needs aam_manager and aam_manage_jwt`);
  if (target.targetUserId === caller.userId) throw new PreflightError('ERR_TARGET', `--target-user-id ${target.targetUserId} is the caller ${caller.name}: use a dedicated throw-away user`);
  const targetList = await api.list(target.targetUserId);
  if (!targetList.ok) throw new PreflightError('ERR_TARGET', `the target user ${target.targetUserId} cannot be used: ${targetList.reason}`);
  const unprivilegedId = await checkUnprivileged(http, adminUrl, caller, options);
  return { http, adminUrl, adapter, version: adapter.version, generationLine: line, caller, api, unprivilegedId, release };
}

function failUnknown(version: string): never {
  throw new PreflightError('ERR_GENERATION_UNKNOWN', `the runner has no site adapter for AAM ${version}`);
}

/** The caller's session: the given token (checked locally and by the site), or a login. */
async function openCaller(http: SiteHttp, adminUrl: string, options: PreflightOptions): Promise<CallerSession> {
  const { credentials } = options.target;
  if ('token' in credentials) {
    const claims = readClaims(credentials.token);
    const label = tokenLabel(credentials.token);
    if (claims?.userId === undefined) throw new PreflightError('ERR_TOKEN_INVALID', `the token ${label} is not an AAM JWT (no readable userId/user_id claim)`);
    if (claims.exp !== undefined && claims.exp * 1000 <= options.now()) {
      throw new PreflightError('ERR_TOKEN_EXPIRED', `the token ${label} expired at ${new Date(claims.exp * 1000).toISOString()}: issue a new one`);
    }
    const answer = await http.rest('POST', '/aam/v2/jwt/validate', { json: { jwt: credentials.token } });
    // No validate route (JWT service off, or a 7.x that dropped it): detection and the token list decide.
    if (answer.status !== 200 && errorInfo(answer).code !== 'rest_no_route') {
      const reason = errorInfo(answer).message ?? describe(answer);
      const code = /expired/i.test(reason) ? 'ERR_TOKEN_EXPIRED' : 'ERR_TOKEN_INVALID';
      throw new PreflightError(code, `the site rejects the token ${label}: ${reason} (${describe(answer)})`);
    }
    return tokenSession(credentials.token, claims.userId);
  }
  const opened = await openLoginSession(http, adminUrl, credentials.username, credentials.password, options.ledger);
  if (!opened.ok) throw new PreflightError('ERR_CREDENTIALS', opened.reason);
  return opened.session;
}

/** Logs the unprivileged account in with cookies (no token) to check it and learn its id, and out again. */
async function checkUnprivileged(http: SiteHttp, adminUrl: string, caller: CallerSession, options: PreflightOptions): Promise<string | undefined> {
  const { unprivileged, targetUserId } = options.target;
  if (unprivileged === undefined) return undefined;
  const result = await login(http, { username: unprivileged.username, password: unprivileged.password, jwt: false, cookies: true });
  if (!result.ok) throw new PreflightError('ERR_CREDENTIALS', `the site refuses the login of the unprivileged account ${unprivileged.username}: ${result.reason}`);
  options.ledger.sessionOpened();
  const ended = result.jar.hasSession() ? await logout(http, adminUrl, result.jar) : 'the login sent no cookie to end it with';
  if (ended === undefined) options.ledger.sessionEnded();
  else options.ledger.sessionLeft(`${unprivileged.username}'s login session of the preflight check (${ended})`);
  if (result.userId === targetUserId) throw new PreflightError('ERR_TARGET', `the unprivileged account ${unprivileged.username} is the target user ${targetUserId}: use another account`);
  if (result.userId === caller.userId) throw new PreflightError('ERR_TARGET', `the unprivileged account ${unprivileged.username} is the caller: use an account without aam_manager`);
  return result.userId;
}

interface IndexFacts {
  readonly http: SiteHttp;
  readonly namespaces: readonly string[];
  /** `siteurl` from the index, with a trailing slash. */
  readonly siteUrl: string | undefined;
  /** The site's clock (Date header), epoch seconds. */
  readonly siteTime: number;
}

/** Step 1: the REST index, at …/wp-json/ or, when that is missing, at …/?rest_route=/. */
async function reachIndex(restUrl: string, timeoutMs: number, ledger: SiteLedger, now: () => number): Promise<IndexFacts> {
  const pretty = createSiteHttp({ url: restUrl, style: 'path' }, timeoutMs);
  const first = await readIndex(pretty, now);
  if (first.kind === 'index') return first.facts;
  if (first.kind === 'missing') {
    const plain: RestBase = { url: `${pretty.siteRoot}?rest_route=`, style: 'query' };
    const fallback = createSiteHttp(plain, timeoutMs);
    const second = await readIndex(fallback, now);
    if (second.kind === 'index') {
      ledger.note(`${restUrl}/ is missing (${describe(first.answer)}) but ${plain.url}/ serves the REST API (no pretty permalinks): the run goes through a local proxy that maps /wp-json/… to ?rest_route=/…`);
      return second.facts;
    }
    if (second.kind === 'failure') throw second.error;
    throw new PreflightError('ERR_SITE_NO_REST', `no WordPress REST API at ${restUrl}/ (${describe(first.answer)}) nor at ${plain.url}/ (${describe(second.answer)}): is --base-url the WordPress site?`);
  }
  throw first.error;
}

type IndexRead =
  | { readonly kind: 'index'; readonly facts: IndexFacts }
  | { readonly kind: 'missing'; readonly answer: HttpAnswer }
  | { readonly kind: 'failure'; readonly error: PreflightError };

async function readIndex(http: SiteHttp, now: () => number): Promise<IndexRead> {
  let answer: HttpAnswer;
  try {
    answer = await http.rest('GET', '/', { query: { _fields: 'namespaces,url,home' } });
  } catch (err) {
    if (err instanceof SiteUnreachableError) throw new PreflightError(err.code, err.message);
    throw err;
  }
  const where = answer.url.replace(/[?&]_fields=[^&]*/, '');
  const body = answer.json;
  if (answer.status === 200 && isObject(body) && Array.isArray(body.namespaces)) {
    const siteUrl = typeof body.url === 'string' && /^https?:\/\//.test(body.url) ? `${body.url.replace(/\/+$/, '')}/` : undefined;
    const date = Date.parse(answer.headers.get('date') ?? '');
    const siteTime = Math.floor((Number.isNaN(date) ? now() : date) / 1000);
    return { kind: 'index', facts: { http, namespaces: body.namespaces.filter((n): n is string => typeof n === 'string'), siteUrl, siteTime } };
  }
  const { code } = errorInfo(answer);
  if (code !== undefined && REST_DISABLED.has(code)) {
    return { kind: 'failure', error: new PreflightError('ERR_REST_DISABLED', `the REST API of the site is disabled or closed to anonymous callers: ${where} answered ${describe(answer)} (a plugin or the rest_authentication_errors filter blocks it; the suite needs it open, logins and validation are anonymous)`) };
  }
  if (answer.status === 404 || code === 'rest_no_route') return { kind: 'missing', answer };
  if (isHtml(answer)) {
    const title = htmlTitle(answer.text);
    return {
      kind: 'failure',
      error: new PreflightError('ERR_SITE_HTML', `${where} answered ${answer.status} with an HTML page${title === undefined ? '' : ` ("${title}")`} where JSON was expected: a maintenance page, a firewall (WAF) or a login wall stands in front of the REST API`),
    };
  }
  return { kind: 'failure', error: new PreflightError('ERR_SITE_ANSWER', `${where} is no WordPress REST index: it answered ${describe(answer)}`) };
}
