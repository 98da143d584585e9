import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AamContext } from './aam/context.js';
import { registerToken } from './aam/registry.js';
import { signedUrlLogin } from './aam/signed-url.js';
import { determineCurrentUser } from './aam/transport.js';
import type { CurrentUser } from './aam/transport.js';
import { dueExpirationAction } from './aam/user-expiration.js';
import { resolveContext } from './config.js';
import { aamGeneration } from './generations/index.js';
import type { MockOptions } from './config.js';
import { createPhpRequest } from './php/request.js';
import type { PhpRequest } from './php/request.js';
import type { PhpValue } from './php/values.js';
import type { AamVersion } from './generations/index.js';
import type { RouteRegistry } from './wp-rest/routes.js';
import type { UserRecord } from './wp/users.js';
import { serveRest } from './wp-rest/server.js';
import type { HttpResult } from './wp-rest/server.js';
import { adminAjax } from './wp/admin-ajax.js';
import { isWpLogin, wpLogin } from './wp/wp-login.js';
import { canonicalPath } from './wp/canonical.js';
import { determineCookieUser, isAdminAjax, requestSessionToken, wpLogout } from './wp/current-user.js';
import type { RestAuthCookie } from './wp/current-user.js';
import { criticalError, nocacheHeaders, wpDie, wpIsJsonRequest } from './wp/die.js';
import { createNonce, verifyNonce } from './wp/nonces.js';
import { restRouteVar } from './wp/parse-request.js';
import { theme404Page } from './wp/theme.js';
import { docsAnswer } from './docs-page.js';

/** PHP's default `post_max_size` (8M): larger bodies reach WordPress as if empty. */
export const POST_MAX_SIZE = 8 * 1024 * 1024;

/** An in-process mock site. */
export interface Mock {
  /** a `node:http` request listener */
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** a login-style token (`userId`, `revocable:true`, `refreshable:null`), registered like /authenticate does */
  issueToken(login: string): string;
  /** the resolved site URL */
  readonly siteUrl: string;
  /** the AAM version (generation of the JWT API) this mock answers as */
  readonly aamVersion: AamVersion;
}

export class UnknownUserError extends Error {
  readonly code = 'ERR_MOCK_UNKNOWN_USER';
}


/** Create the mock: WordPress REST semantics with the JWT routes of one AAM generation, no socket. */
export function createMock(options: MockOptions = {}): Mock {
  const ctx = resolveContext(options);
  const generation = aamGeneration(ctx.aamVersion);
  const site: Site = {
    ctx,
    routesFor: generation.createRoutes(ctx),
    currentUser: (php, cookieUserId) => (generation.determineCurrentUser ?? determineCurrentUser)(ctx, php, cookieUserId),
    signedUrlLogin: (php, userId) => (generation.signedUrlLogin ? generation.signedUrlLogin(ctx, php, userId) : signedUrlLogin(ctx, php)),
    isAamManager: (user) => (generation.isAamManager ? generation.isAamManager(ctx, user) : ctx.users.userCan(user, 'aam_manager')),
  };
  return {
    siteUrl: ctx.siteUrl,
    aamVersion: ctx.aamVersion,
    handle(req, res) {
      void handleRequest(site, req, res, options.docsFile);
    },
    issueToken(login) {
      const user = ctx.users.byLogin(login);
      if (!user) throw new UnknownUserError(`no such user: ${login}`);
      if (generation.issueLoginToken) return generation.issueLoginToken(ctx, user);
      const issued = ctx.jwt.issue(new Map<string, PhpValue>([['userId', user.id], ['revocable', true], ['refreshable', null]]));
      registerToken(ctx, user.id, issued.token, 0);
      return issued.token;
    },
  };
}

/** One mock site: its context, the routes a caller sees, and how a request's user is determined. */
interface Site {
  readonly ctx: AamContext;
  readonly routesFor: (currentUserId: number) => RouteRegistry;
  /** `determine_current_user` after WordPress' cookie check (`cookieUserId`, 0 = none) */
  readonly currentUser: (php: PhpRequest, cookieUserId: number) => Promise<CurrentUser>;
  /** AAM's signed-URL login of a request from `userId` (`?aam-jwt=`): its 302, or null */
  readonly signedUrlLogin: (php: PhpRequest, userId: number) => Promise<HttpResult | null>;
  /** `current_user_can('aam_manager')` of a logged-in user */
  readonly isAamManager: (user: UserRecord) => boolean;
}

async function handleRequest(site: Site, req: IncomingMessage, res: ServerResponse, docsFile: string | undefined): Promise<void> {
  const { ctx } = site;
  const body = await readBody(req).catch(() => Buffer.alloc(0));
  const php = createPhpRequest(req.method ?? 'GET', req.url ?? '/', req.headers, body);
  if ((php.path === '/docs' || php.path === '/docs/') && (php.method === 'GET' || php.method === 'HEAD')) {
    // not a WordPress route: the mock's rendered API docs
    send(res, await docsAnswer(docsFile, php.method));
    return;
  }
  try {
    send(res, await answer(site, php));
  } catch {
    // a PHP fatal error: WordPress' "critical error" page, after the headers sent so far; admin-ajax.php
    // answers it with the status alone (measured: an empty body)
    send(res, isAdminAjax(php, ctx.siteUrl) ? { status: 500, headers: php.out.sent(), body: '' } : criticalError(php));
  }
}

/** Who the request is from: WordPress' cookies first, then AAM's token (`determine_current_user`). */
interface Visitor {
  readonly userId: number;
  readonly restAuthCookie: RestAuthCookie;
  /** the token came from the query string: AAM's signed-URL login runs on `init` */
  readonly signedUrlLogin: boolean;
}

async function visitor(site: Site, php: PhpRequest): Promise<Visitor> {
  const cookie = determineCookieUser(site.ctx, php);
  const current = await site.currentUser(php, cookie.userId);
  return { userId: current.userId, restAuthCookie: cookie.restAuthCookie, signedUrlLogin: current.signedUrlLogin };
}

/** Nonces of a user for an action, tied to the session token of the request's logged-in cookie. */
function nonces(ctx: AamContext, php: PhpRequest, action: string): { verify: (nonce: string, userId: number) => 1 | 2 | false; create: (userId: number) => string } {
  const token = requestSessionToken(ctx, php);
  const now = (): number => Math.floor(ctx.now() / 1000);
  return {
    verify: (nonce, userId) => verifyNonce(ctx.salts, now(), nonce, action, { userId, token }),
    create: (userId) => createNonce(ctx.salts, now(), action, { userId, token }),
  };
}

/** One request the way WordPress runs it: `plugins_loaded` (user, AAM's user status), `init`, then the URL's handler. */
async function answer(site: Site, php: PhpRequest): Promise<HttpResult> {
  const { ctx } = site;
  const first = await visitor(site, php);
  let userId = first.userId;
  // AAM::getInstance() → validateStatus(): an access expiration that has passed logs the user out
  if (userId > 0 && dueExpirationAction(ctx, userId) === 'logout') {
    wpLogout(ctx, php, userId);
    userId = 0;
  }
  if (first.signedUrlLogin) {
    const login = await site.signedUrlLogin(php, first.userId);
    if (login !== null) return login;
  }
  if (isAdminAjax(php, ctx.siteUrl)) return adminAjax(php, ctx.siteUrl, { userId, restNonce: () => nonces(ctx, php, 'wp_rest').create(userId) });
  if (isWpLogin(php, ctx.siteUrl)) {
    const logOut = nonces(ctx, php, 'log-out');
    const page = wpLogin(php, {
      siteUrl: ctx.siteUrl,
      blogName: ctx.blogName,
      now: ctx.now,
      verifyNonce: (nonce) => logOut.verify(nonce, userId) !== false,
      createNonce: () => logOut.create(userId),
      logout: () => wpLogout(ctx, php, userId),
    });
    if (page !== null) return page;
  }
  const route = restRouteVar(php);
  if (route.kind === 'mismatch') {
    return wpDie(php, { message: 'A variable mismatch has been detected.', title: 'Sorry, you are not allowed to view this item.', status: 400, code: 'wp_die' });
  }
  if (route.kind === 'route') {
    // serve_request(): a current user that does not exist is determined again, when first asked for
    let again: Promise<number> | undefined;
    const currentUser = (): Promise<number> => (userId > 0 ? Promise.resolve(userId) : (again ??= visitor(site, php).then((v) => v.userId)));
    const rest = nonces(ctx, php, 'wp_rest');
    const auth = { restAuthCookie: first.restAuthCookie, currentUser, verifyNonce: rest.verify, createNonce: rest.create };
    return serveRest(php, route.value, auth, { registry: site.routesFor(userId), siteUrl: ctx.siteUrl });
  }
  if (php.path === '/' || php.path === '/index.php') {
    const out = php.out;
    out.set('Content-Type', 'text/html; charset=UTF-8');
    out.set('Link', `<${ctx.siteUrl}/wp-json/>; rel="https://api.w.org/"`);
    return { status: 200, headers: out.entries(), body: `<!DOCTYPE html><html><head><title>AAM mock</title></head><body><p>AAM ${ctx.aamVersion} JWT mock. REST API: /wp-json/</p></body></html>\n` };
  }
  // WP::handle_404(): status_header(404) + nocache_headers(); send_headers() the Content-Type; then on
  // template_redirect redirect_canonical() (priority 10) and the REST Link header (11)
  const out = php.out;
  nocacheHeaders(out);
  out.set('Content-Type', 'text/html; charset=UTF-8');
  const canonical = canonicalPath(php.method, php.path);
  if (canonical !== null) {
    out.set('X-Redirect-By', 'WordPress');
    out.set('Location', `${ctx.siteUrl}${canonical}${php.queryString === '' ? '' : `?${php.queryString}`}`);
    return { status: 301, headers: out.entries(), body: '' };
  }
  out.set('Link', `<${ctx.siteUrl}/wp-json/>; rel="https://api.w.org/"`);
  const user = ctx.users.byId(userId);
  const logoutNonce = user === undefined ? '' : nonces(ctx, php, 'log-out').create(userId);
  const page = theme404Page(ctx.siteUrl, ctx.blogName, user, logoutNonce, wpIsJsonRequest(php), user !== undefined && site.isAamManager(user));
  return { status: 404, headers: out.entries(), body: page };
}

/** Read the body; beyond `post_max_size` PHP discards it, so the rest is drained and dropped. */
function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = Number(req.headers['content-length'] ?? 0) > POST_MAX_SIZE;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > POST_MAX_SIZE) tooBig = true;
      if (!tooBig) chunks.push(chunk);
    });
    req.on('end', () => resolve(tooBig ? Buffer.alloc(0) : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, result: HttpResult): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.statusCode = result.status;
  const grouped = new Map<string, string[]>();
  for (const [name, value] of result.headers) {
    const values = grouped.get(name);
    if (values) values.push(value);
    else grouped.set(name, [value]);
  }
  for (const [name, values] of grouped) res.setHeader(name, name === 'Set-Cookie' ? values : values.join(', '));
  res.end(result.body);
}
