/**
 * Hand check of the clean-up on a real site of any generation, including those this checkout has no collection
 * for yet: detects the generation with the caller's cookie session, lists the registries of the caller, the
 * unprivileged account and the target, issues tokens the way a run does (logins of the caller and the
 * unprivileged account, revocable and non-revocable tokens of the target), runs the runner's clean-up and lists
 * the registries again. Not part of `npm test` (it needs a site).
 *
 *   AAM_USERNAME=admin AAM_PASSWORD=… AAM_UNPRIVILEGED_USERNAME=subscriber1 AAM_UNPRIVILEGED_PASSWORD=… \
 *     node --import tsx tests/tools/cleanup-check.ts http://127.0.0.1:8082 3
 */
import { cleanUp, listRegistries, type Party } from '../../runner/cleanup.js';
import { detectGeneration, readSiteView } from '../../runner/detect-generation.js';
import { readClaims, tokenLabel } from '../../runner/jwt-claims.js';
import type { RunObservations } from '../../runner/run-observer.js';
import { closeCallerSession, openLoginSession } from '../../runner/site-api/caller-session.js';
import { createSiteHttp } from '../../runner/site-api/http.js';
import { login, logout } from '../../runner/site-api/login.js';
import { createSiteApi } from '../../runner/site-api/site-api.js';
import { SiteLedger } from '../../runner/site-api/site-ledger.js';
import { formatSiteChanges } from '../../runner/site-changes.js';

const [site = '', targetUserId = ''] = process.argv.slice(2);
const env = (name: string): string => process.env[name] ?? assertFail(`${name} is not set`);
function assertFail(message: string): never {
  throw new Error(message);
}
const http = createSiteHttp({ url: `${site.replace(/\/+$/, '')}/wp-json`, style: 'path' }, 30_000);
const ledger = new SiteLedger();
const index = await http.rest('GET', '/', { query: { _fields: 'namespaces,url' } });
const namespaces = (index.json as { namespaces: string[] }).namespaces;
const adminUrl = `${(index.json as { url: string }).url}/`;
const opened = await openLoginSession(http, adminUrl, env('AAM_USERNAME'), env('AAM_PASSWORD'), ledger);
if (!opened.ok) throw new Error(opened.reason);
const caller = opened.session;
try {
  const detection = detectGeneration(await readSiteView(http, namespaces, caller.headers, `the caller ${caller.name}`));
  if (detection.kind !== 'found') throw new Error(detection.evidence);
  const { adapter } = detection;
  console.log(`AAM JWT API generation: ${adapter.releases} (${detection.evidence})`);
  const api = createSiteApi(http, adapter, caller.headers);
  // The unprivileged account's id, from a cookie login that is ended again (no token, no session left).
  const unprivileged = await login(http, { username: env('AAM_UNPRIVILEGED_USERNAME'), password: env('AAM_UNPRIVILEGED_PASSWORD'), jwt: false, cookies: true });
  if (!unprivileged.ok) throw new Error('unprivileged login failed');
  console.log(`unprivileged probe session: ${(await logout(http, adminUrl, unprivileged.jar)) ?? 'ended'}`);
  const parties: Party[] = [
    { role: 'caller', userId: caller.userId, name: caller.name },
    { role: 'unprivileged', userId: unprivileged.userId, name: `${env('AAM_UNPRIVILEGED_USERNAME')} (user ${unprivileged.userId})` },
    { role: 'target', userId: targetUserId, name: `user ${targetUserId}` },
  ];
  const since = Math.floor(Date.parse(index.headers.get('date') ?? '') / 1000);
  const before = await listRegistries(api, parties);
  const show = (label: string, lists: Awaited<ReturnType<typeof listRegistries>>): void => {
    for (const party of parties) {
      const list = lists.get(party.userId);
      console.log(`${label} ${party.role} ${party.name}: ${list?.ok === true ? `${list.value.length} [${list.value.map((e) => e.id.slice(0, 8)).join(' ')}]` : list?.reason}`);
    }
  };
  show('before', before);
  // What a run issues.
  const issued: string[] = [];
  const first = await login(http, { username: env('AAM_UNPRIVILEGED_USERNAME'), password: env('AAM_UNPRIVILEGED_PASSWORD'), jwt: true, cookies: false });
  if (first.ok && first.token !== undefined) issued.push(first.token);
  const callerLogin = await login(http, { username: env('AAM_USERNAME'), password: env('AAM_PASSWORD'), jwt: true, cookies: false });
  if (callerLogin.ok && callerLogin.token !== undefined) issued.push(callerLogin.token);
  const second = await login(http, { username: env('AAM_UNPRIVILEGED_USERNAME'), password: env('AAM_UNPRIVILEGED_PASSWORD'), jwt: true, cookies: false });
  if (second.ok && second.token !== undefined) issued.push(second.token);
  const create = adapter.version === '7.1.1' ? '/aam/v2/jwts' : adapter.version === '6.9.51' ? '/aam/v2/service/jwts' : '/aam/v2/service/jwt';
  for (const json of [{ expires_in: '+1 hour' }, { expires_in: '+1 hour' }, { expires_in: '+1 hour', is_revocable: false }]) {
    const answer = await http.rest('POST', create, { query: { user_id: targetUserId }, json, headers: caller.headers });
    const token = (answer.json as { token?: string } | undefined)?.token;
    if (token !== undefined) issued.push(token);
    else console.log(`create answered ${answer.status}`);
  }
  console.log(`issued: ${issued.map(tokenLabel).join(' ')}`);
  const observed: RunObservations = {
    issued: issued.map((token) => ({ token, userId: readClaims(token)?.userId, jti: readClaims(token)?.jti })),
    logins: new Map(),
    sessionCookies: [],
    cookieOnlySessions: 0,
    unansweredLogins: 0,
  };
  const report = await cleanUp({ api, parties, before, observed, since, keep: new Set(), ownToken: caller.ownToken, now: Date.now });
  show('after', await listRegistries(api, parties));
  console.log(formatSiteChanges({ site, report, cleanupError: undefined, sessions: { runOpened: 3, runEnded: 0, ownOpened: 0, ownEnded: 0, left: [] }, notes: ledger.notes }));
} finally {
  await closeCallerSession(http, adminUrl, caller, ledger);
  console.log(`the check's cookie session: ${ledger.sessions.ended === 1 ? 'ended' : `left: ${ledger.sessions.left.join('; ')}`}`);
}
