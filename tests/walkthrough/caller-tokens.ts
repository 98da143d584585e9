/**
 * Leaves the caller's JWT registry as it was found: every login of the walkthrough ("Log in", the legacy
 * login, an automatic login) adds a token to the caller's registry, and a Postman user keeps them; this
 * harness revokes the ones a run added. AAM 6.9.x routes: `GET /aam/v2/service/jwt` without `user_id` lists
 * the caller's own registry, `POST /aam/v2/jwt/revoke` revokes a token (public). No token is ever printed.
 */

/** The caller's registry before the run, and the harness's own login token (revoked last). */
export interface CallerSnapshot {
  readonly restUrl: string;
  readonly harnessToken: string;
  readonly before: ReadonlySet<string>;
}

export class CallerTokensError extends Error {
  readonly code = 'ERR_WALKTHROUGH_CALLER_TOKENS';
}

async function call(restUrl: string, method: string, route: string, options: { json?: unknown; bearer?: string } = {}): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.json !== undefined) headers['Content-Type'] = 'application/json';
  if (options.bearer !== undefined) headers.Authorization = `Bearer ${options.bearer}`;
  const response = await fetch(`${restUrl}${route}`, { method, headers, ...(options.json === undefined ? {} : { body: JSON.stringify(options.json) }) });
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: response.status, body };
}

async function ownTokens(restUrl: string, bearer: string): Promise<string[]> {
  const { status, body } = await call(restUrl, 'GET', '/aam/v2/service/jwt?fields=id', { bearer });
  if (status !== 200 || !Array.isArray(body)) throw new CallerTokensError(`listing the caller's tokens answered ${status}`);
  return body.map((entry) => String((entry as { token?: unknown }).token));
}

/** Logs the caller in (one more token, revoked by {@link revokeNewCallerTokens}) and lists its registry. */
export async function snapshotCallerTokens(restUrl: string, username: string, password: string): Promise<CallerSnapshot> {
  const { status, body } = await call(restUrl, 'POST', '/aam/v2/authenticate', { json: { username, password, issueJWT: true } });
  const token = (body as { jwt?: { token?: unknown } } | null)?.jwt?.token;
  if (status !== 200 || typeof token !== 'string') throw new CallerTokensError(`logging the caller in answered ${status}`);
  return { restUrl, harnessToken: token, before: new Set(await ownTokens(restUrl, token)) };
}

/** Revokes every token the caller's registry gained since the snapshot, the harness's own last; returns how many. */
export async function revokeNewCallerTokens(snapshot: CallerSnapshot): Promise<number> {
  const added = (await ownTokens(snapshot.restUrl, snapshot.harnessToken)).filter((token) => !snapshot.before.has(token));
  let revoked = 0;
  for (const token of [...added, snapshot.harnessToken]) {
    const { status } = await call(snapshot.restUrl, 'POST', '/aam/v2/jwt/revoke', { json: { jwt: token } });
    if (status !== 200) throw new CallerTokensError(`revoking a token the walkthrough added answered ${status}`);
    revoked += 1;
  }
  return revoked;
}

/** The target's tokens (must be none after the walkthrough). */
export async function targetTokenCount(snapshot: CallerSnapshot, targetUserId: string): Promise<number> {
  const { status, body } = await call(snapshot.restUrl, 'GET', `/aam/v2/service/jwt?fields=id&user_id=${encodeURIComponent(targetUserId)}`, { bearer: snapshot.harnessToken });
  if (status !== 200 || !Array.isArray(body)) throw new CallerTokensError(`listing the target's tokens answered ${status}`);
  return body.length;
}
