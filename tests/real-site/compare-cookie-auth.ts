/**
 * Differential check of WordPress cookie authentication: the same requests, in the same order, against a real
 * AAM 6.9.32 site of ../shared/real-aam and against the mock set up as that site (its URL, wp-config keys and
 * users), compared header by header and byte by byte after normalising what differs by nature (tokens,
 * session tokens, times, uuids). Not part of `npm test` (it needs the site); run it by hand:
 *
 *   npx tsx tests/real-site/compare-cookie-auth.ts http://127.0.0.1:8081
 *
 * It logs users in (sessions), creates and deletes a token of jwt-target (user 3) and revokes every token it
 * obtained. STRICT_ORDER=1 also reports the mock's one known header-order difference (Expires before Allow).
 */
import { request } from 'node:http';
import { createServer } from 'node:http';
import { createMock } from '../../mock/index.js';

const REAL = (process.argv[2] ?? 'http://127.0.0.1:8081').replace(/\/+$/, '');
const VERSION = process.env.AAM_VERSION ?? '6.9.32';
const users = [
  { id: 1, login: 'admin', email: 'admin@example.com', password: 'admin-pass-123', role: 'administrator', caps: [], registered: '2026-11-29 08:39:12', url: REAL },
  { id: 2, login: 'subscriber1', email: 'sub1@example.com', password: 'sub-pass-123', role: 'subscriber', caps: [], registered: '2026-11-29 08:39:12' },
  { id: 3, login: 'jwt-target', email: 'jwt-target@example.com', password: 'jwt-target-pass-123', role: 'subscriber', caps: [], registered: '2026-11-29 08:39:12' },
  { id: 4, login: 'manager', email: 'manager@example.com', password: 'manager-pass-123', role: 'editor', caps: ['aam_manager', 'aam_manage_jwt'], registered: '2026-11-29 08:39:12' },
];
const k = (n: string): string => `aam-dev-${VERSION}-${n}`;
const salts = { AUTH_KEY: k('auth-key'), SECURE_AUTH_KEY: k('secure-auth-key'), LOGGED_IN_KEY: k('logged-in-key'), NONCE_KEY: k('nonce-key'), AUTH_SALT: k('auth-salt'), SECURE_AUTH_SALT: k('secure-auth-salt'), LOGGED_IN_SALT: k('logged-in-salt'), NONCE_SALT: k('nonce-salt') };
const m0 = createMock({ siteUrl: REAL, secret: k('secure-auth-key'), salts, users });
const srv = createServer(m0.handle);
await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
const mock = { url: `http://127.0.0.1:${(srv.address() as { port: number }).port}`, close: async (): Promise<void> => { srv.close(); srv.closeAllConnections(); } };
// the mock's one known header-order difference (Expires/Cache-Control before Allow) is undone before comparing
const KNOWN_ORDER = process.env.STRICT_ORDER !== '1';
type Res = { status: number; raw: string[]; headers: Record<string, any>; body: string };
function send(base: string, method: string, path: string, o: { headers?: Record<string, string>; body?: string } = {}): Promise<Res> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, base);
    const h: Record<string, any> = { ...o.headers };
    if (o.body !== undefined) h['Content-Length'] = Buffer.byteLength(o.body);
    const req = request({ host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers: h }, (res) => {
      const c: Buffer[] = []; res.on('data', (x) => c.push(x)); res.on('end', () => resolve({ status: res.statusCode!, raw: res.rawHeaders, headers: res.headers, body: Buffer.concat(c).toString() }));
    });
    req.on('error', reject); if (o.body !== undefined) req.write(o.body); req.end();
  });
}
const SKIP = /^(host|date|connection|x-powered-by|keep-alive|content-length|transfer-encoding)$/i;
const norm = (s: string) => s.replace(/eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, 'JWT')
  .replace(/%7C\d{10}%7C[A-Za-z0-9]{43}%7C[0-9a-f]{64}/g, '%7CEXP%7CTOK%7CHMAC')
  .replace(/expires=[A-Za-z]{3}, \d\d [A-Za-z]{3} \d{4} \d\d:\d\d:\d\d GMT/g, 'expires=DATE').replace(/Max-Age=\d+/g, (m) => (m === 'Max-Age=0' ? m : 'Max-Age=N'))
  .replace(/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/g, 'UUID').replace(/\b1[6-9]\d{8}\b/g, 'TIME')
  .replace(/"user_registered":"[^"]*"/g, '"user_registered":"REG"').replace(/^[0-9a-f]{10}$/, 'NONCE');
const show = (r: Res) => { const h: string[] = []; for (let i = 0; i < r.raw.length; i += 2) if (!SKIP.test(r.raw[i]!)) h.push(`${r.raw[i]}: ${norm(r.raw[i + 1]!)}`);
  const a = h.findIndex((x) => x.startsWith('Allow:')), e = h.findIndex((x) => x.startsWith('Expires:'));
  if (KNOWN_ORDER && a > e && e >= 0 && h[e + 1]?.startsWith('Cache-Control:') && a === e + 2) { const [allow] = h.splice(a, 1); h.splice(e, 0, allow!); }
  return `${r.status}\n${h.join('\n')}\n${norm(r.body).slice(0, 600)}`; };
const cookiesOf = (r: Res) => { const o: Record<string, string> = {}; for (const c of [].concat(r.headers['set-cookie'] ?? [])) { const p = (c as string).split(';')[0]!; const e = p.indexOf('='); o[p.slice(0, e)] = p.slice(e + 1); } return o; };
type Env = Record<string, any>;
interface Step { name: string; run: (base: string, env: Env) => Promise<Res>; after?: (r: Res, env: Env) => void; ignoreBody?: boolean }
const J = (o: unknown) => ({ headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(o) });
const HASH = (await import('node:crypto')).createHash('md5').update(REAL).digest('hex');
const LI = `wordpress_logged_in_${HASH}`, AU = `wordpress_${HASH}`;
const ck = (pairs: Record<string, string>) => ({ Cookie: Object.entries(pairs).map(([a, b]) => `${a}=${b}`).join('; ') });
const LIST = '/wp-json/aam/v2/service/jwt?user_id=3&fields=id';
const steps: Step[] = [
  { name: 'admin login issueJWT+cookies', run: (b) => send(b, 'POST', '/wp-json/aam/v2/authenticate', J({ username: 'admin', password: 'admin-pass-123', issueJWT: true, returnAuthCookies: true })), after: (r, e) => { e.admin = cookiesOf(r); e.adminJwt = JSON.parse(r.body).jwt.token; } },
  { name: 'admin login remember', run: (b) => send(b, 'POST', '/wp-json/aam/v2/authenticate', J({ username: 'admin', password: 'admin-pass-123', returnAuthCookies: true, remember: true })) },
  { name: 'sub v1 login', run: (b) => send(b, 'POST', '/wp-json/aam/v1/authenticate', J({ username: 'subscriber1', password: 'sub-pass-123' })), after: (r, e) => { e.sub = cookiesOf(r); e.subJwt = JSON.parse(r.body).jwt.token; } },
  { name: 'cookie no nonce', run: (b, e) => send(b, 'GET', LIST, { headers: ck({ [LI]: e.admin[LI] }) }) },
  { name: 'cookie no nonce + bearer', run: (b, e) => send(b, 'GET', LIST, { headers: { ...ck({ [LI]: e.admin[LI] }), Authorization: `Bearer ${e.adminJwt}` } }) },
  { name: 'cookie wrong nonce', run: (b, e) => send(b, 'GET', LIST, { headers: { ...ck({ [LI]: e.admin[LI] }), 'X-WP-Nonce': 'abc' } }) },
  { name: 'rest-nonce admin', run: (b, e) => send(b, 'GET', '/wp-admin/admin-ajax.php?action=rest-nonce', { headers: ck({ [LI]: e.admin[LI] }) }), after: (r, e) => { e.nonce = r.body; } },
  { name: 'cookie + nonce', run: (b, e) => send(b, 'GET', LIST, { headers: { ...ck({ [LI]: e.admin[LI] }), 'X-WP-Nonce': e.nonce } }) },
  { name: 'cookie + nonce + sub bearer', run: (b, e) => send(b, 'GET', LIST, { headers: { ...ck({ [LI]: e.admin[LI] }), 'X-WP-Nonce': e.nonce, Authorization: `Bearer ${e.subJwt}` } }) },
  { name: 'cookie + _wpnonce', run: (b, e) => send(b, 'GET', LIST + '&_wpnonce=' + e.nonce, { headers: ck({ [LI]: e.admin[LI] }) }) },
  { name: 'sub cookie no nonce admin bearer', run: (b, e) => send(b, 'GET', LIST, { headers: { ...ck({ [LI]: e.sub[LI] }), Authorization: `Bearer ${e.adminJwt}` } }) },
  { name: 'rest-nonce sub', run: (b, e) => send(b, 'GET', '/wp-admin/admin-ajax.php?action=rest-nonce', { headers: ck({ [LI]: e.sub[LI] }) }), after: (r, e) => { e.subNonce = r.body; } },
  { name: 'sub cookie + sub nonce', run: (b, e) => send(b, 'GET', LIST, { headers: { ...ck({ [LI]: e.sub[LI] }), 'X-WP-Nonce': e.subNonce } }) },
  { name: 'sub cookie + admin nonce', run: (b, e) => send(b, 'GET', LIST, { headers: { ...ck({ [LI]: e.sub[LI] }), 'X-WP-Nonce': e.nonce } }) },
  { name: 'only auth cookie + admin nonce', run: (b, e) => send(b, 'GET', LIST, { headers: { ...ck({ [AU]: e.admin[AU] }), 'X-WP-Nonce': e.nonce } }) },
  { name: 'no cookie + nonce', run: (b, e) => send(b, 'GET', LIST, { headers: { 'X-WP-Nonce': e.nonce } }) },
  { name: 'malformed cookie + bearer', run: (b, e) => send(b, 'GET', LIST, { headers: { ...ck({ [LI]: 'garbage' }), Authorization: `Bearer ${e.adminJwt}` } }) },
  { name: 'tampered cookie + bearer', run: (b, e) => send(b, 'GET', LIST, { headers: { ...ck({ [LI]: e.admin[LI] + 'x' }), Authorization: `Bearer ${e.adminJwt}` } }) },
  { name: 'rest-nonce no cookie', run: (b) => send(b, 'GET', '/wp-admin/admin-ajax.php?action=rest-nonce') },
  { name: 'admin-ajax no action', run: (b, e) => send(b, 'GET', '/wp-admin/admin-ajax.php', { headers: ck({ [LI]: e.admin[LI] }) }) },
  { name: 'admin-ajax unknown action', run: (b, e) => send(b, 'GET', '/wp-admin/admin-ajax.php?action=nope', { headers: ck({ [LI]: e.admin[LI] }) }) },
  { name: 'admin-ajax POST body action', run: (b, e) => send(b, 'POST', '/wp-admin/admin-ajax.php', { headers: { ...ck({ [LI]: e.admin[LI] }), 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'action=rest-nonce' }) },
  { name: 'admin-ajax with bearer', run: (b, e) => send(b, 'GET', '/wp-admin/admin-ajax.php?action=rest-nonce', { headers: { Authorization: `Bearer ${e.adminJwt}` } }), ignoreBody: true },
  { name: 'validate with cookie no nonce', run: (b, e) => send(b, 'POST', '/wp-json/aam/v2/jwt/validate', { ...J({ jwt: 'x' }), headers: { 'Content-Type': 'application/json', ...ck({ [LI]: e.admin[LI] }) } }) },
  { name: 'validate with cookie wrong nonce', run: (b, e) => send(b, 'POST', '/wp-json/aam/v2/jwt/validate', { ...J({ jwt: 'x' }), headers: { 'Content-Type': 'application/json', 'X-WP-Nonce': 'abc', ...ck({ [LI]: e.admin[LI] }) } }) },
  { name: 'unknown route wrong nonce', run: (b, e) => send(b, 'GET', '/wp-json/aam/v2/nope', { headers: { 'X-WP-Nonce': 'abc', ...ck({ [LI]: e.admin[LI] }) } }) },
  { name: 'empty X-WP-Nonce', run: (b, e) => send(b, 'GET', LIST, { headers: { 'X-WP-Nonce': '', ...ck({ [LI]: e.admin[LI] }) } }) },
  { name: '_wpnonce array', run: (b, e) => send(b, 'GET', LIST + '&_wpnonce[]=' + e.nonce, { headers: ck({ [LI]: e.admin[LI] }) }) },
  { name: 'form _wpnonce on validate', run: (b, e) => send(b, 'POST', '/wp-json/aam/v2/jwt/validate', { headers: { ...ck({ [LI]: e.admin[LI] }), 'Content-Type': 'application/x-www-form-urlencoded' }, body: `jwt=x&_wpnonce=${e.nonce}` }) },
  { name: 'authenticate {} with auth cookie', run: (b, e) => send(b, 'POST', '/wp-json/aam/v2/authenticate', { ...J({}), headers: { 'Content-Type': 'application/json', ...ck({ [AU]: e.admin[AU] }) } }) },
  { name: 'authenticate {} with bad auth cookie', run: (b) => send(b, 'POST', '/wp-json/aam/v2/authenticate', { ...J({}), headers: { 'Content-Type': 'application/json', ...ck({ [AU]: 'admin%7C1%7Cx%7Cy' }) } }) },
  { name: 'authenticate {} with logged_in only', run: (b, e) => send(b, 'POST', '/wp-json/aam/v2/authenticate', { ...J({}), headers: { 'Content-Type': 'application/json', ...ck({ [LI]: e.admin[LI] }) } }) },
  { name: 'v1 sub refreshable (fatal)', run: (b) => send(b, 'POST', '/wp-json/aam/v1/authenticate', J({ username: 'subscriber1', password: 'sub-pass-123', refreshableJWT: true })) },
  { name: 'v2 redirect admin url', run: (b) => send(b, 'POST', '/wp-json/aam/v2/authenticate', J({ username: 'subscriber1', password: 'sub-pass-123', redirect: `${REAL}/wp-admin/` })) },
  { name: 'v2 redirect other', run: (b) => send(b, 'POST', '/wp-json/aam/v2/authenticate', J({ username: 'subscriber1', password: 'sub-pass-123', redirect: `${REAL}/wp-admin` })) },
  { name: 'POST with cookie exp=abc (fatal)', run: (b) => send(b, 'POST', '/wp-json/aam/v2/jwt/validate', { ...J({ jwt: 'x' }), headers: { 'Content-Type': 'application/json', ...ck({ [LI]: 'x%7Cabc%7Cy%7Cz' }) } }) },
  { name: 'POST form with cookie exp=abc (fatal html)', run: (b) => send(b, 'POST', '/wp-json/aam/v2/jwt/validate', { headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...ck({ [LI]: 'x%7Cabc%7Cy%7Cz' }) }, body: 'jwt=x' }) },
  { name: 'ajax with cookie exp=abc (fatal)', run: (b) => send(b, 'GET', '/wp-admin/admin-ajax.php?action=rest-nonce', { headers: ck({ [LI]: 'x%7Cabc%7Cy%7Cz' }) }) },
  { name: 'GET with cookie exp=abc', run: (b) => send(b, 'GET', LIST, { headers: ck({ [LI]: 'x%7Cabc%7Cy%7Cz' }) }) },
  // signed URL on the target
  { name: 'create S (trigger)', run: (b, e) => send(b, 'POST', '/wp-json/aam/v2/service/jwt?user_id=3&fields=id,signed_url', { headers: { Authorization: `Bearer ${e.adminJwt}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ expires_in: '+1 hour', additional_claims: { trigger: { expires: 1 } } }) }), after: (r, e) => { e.s = JSON.parse(r.body); } },
  { name: 'signed URL', run: (b, e) => send(b, 'GET', `/?aam-jwt=${e.s.token}&redirect_to=/wp-json/`), after: (r, e) => { e.t = cookiesOf(r); } },
  { name: 'target cookie first use -> logout', run: (b, e) => send(b, 'GET', '/wp-admin/admin-ajax.php?action=rest-nonce', { headers: ck({ [LI]: e.t[LI] }) }) },
  { name: 'target cookie second use', run: (b, e) => send(b, 'GET', '/wp-admin/admin-ajax.php?action=rest-nonce', { headers: ck({ [LI]: e.t[LI] }) }) },
  { name: 'signed URL offsite redirect', run: (b, e) => send(b, 'GET', `/wp-json/aam/v2/service/jwt?aam-jwt=${e.s.token}&redirect_to=https://evil.example/`), after: (r, e) => { e.t2 = cookiesOf(r); } },
  { name: 'target cookie REST use -> logout', run: (b, e) => send(b, 'GET', LIST, { headers: { ...ck({ [LI]: e.t2[LI] }), Authorization: `Bearer ${e.adminJwt}` } }) },
  { name: 'delete S', run: (b, e) => send(b, 'DELETE', `/wp-json/aam/v2/service/jwt/${e.s.id}?user_id=3`, { headers: { Authorization: `Bearer ${e.adminJwt}` } }) },
  { name: 'signed URL with deleted S', run: (b, e) => send(b, 'GET', `/?aam-jwt=${e.s.token}`), ignoreBody: true },
  { name: 'revoke admin jwt', run: (b, e) => send(b, 'POST', '/wp-json/aam/v2/jwt/revoke', J({ jwt: e.adminJwt })) },
  { name: 'revoke sub jwt', run: (b, e) => send(b, 'POST', '/wp-json/aam/v2/jwt/revoke', J({ jwt: e.subJwt })) },
];
const only = process.argv[2];
const envR: Env = {}, envM: Env = {};
let same = 0, differ = 0;
for (const s of steps) {
  if (only && !s.name.includes(only)) { /* still run to keep state */ }
  const r = await s.run(REAL, envR); s.after?.(r, envR);
  const m = await s.run(mock.url, envM); s.after?.(m, envM);
  let a = show(r), b = show(m);
  if (s.ignoreBody) { a = a.split('\n').slice(0, -1).join('\n'); b = b.split('\n').slice(0, -1).join('\n'); }
  if (a === b) { same++; console.log(`SAME   ${s.name}`); }
  else { differ++; console.log(`DIFFER ${s.name}\n--- real\n${a}\n--- mock\n${b}\n`); }
}
console.log(`${same} same, ${differ} differ`);
await mock.close();
