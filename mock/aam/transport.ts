import { header } from '../php/request.js';
import type { PhpRequest } from '../php/request.js';
import { phpEmpty, phpGet } from '../php/values.js';
import type { PhpValue } from '../php/values.js';
import type { AamContext } from './context.js';
import { claimUserId, validateWithRegistry } from './validate.js';

/** A token found in the request, and the transport it came from. */
export interface ExtractedToken {
  jwt: PhpValue;
  method: string;
}

/** `$_SERVER` key → HTTP header name (`HTTP_X_JWT` → `x-jwt`). */
function serverVar(req: PhpRequest, key: string): string | undefined {
  if (!key.startsWith('HTTP_')) return undefined;
  return header(req, key.slice(5).toLowerCase().replace(/_/g, '-'));
}

/** `service.jwt.bearer` split into its entries (the setting is fixed, so it is split once per value). */
let splitMethods: { readonly setting: string; readonly list: readonly string[] } = { setting: '', list: [] };
function bearerMethods(setting: string): readonly string[] {
  if (splitMethods.setting !== setting) splitMethods = { setting, list: setting.split(/[\s,]+/).filter(Boolean) };
  return splitMethods.list;
}

/** SJ `_extract_token()`: the first non-empty value in `service.jwt.bearer` order wins. */
export function extractToken(ctx: AamContext, req: PhpRequest): ExtractedToken | null {
  const b = ctx.bearer;
  for (const raw of bearerMethods(b.methods)) {
    const method = raw.trim().toLowerCase();
    let jwt: PhpValue | undefined;
    if (method === 'header') {
      for (const key of ['HTTP_AUTHORIZATION', 'REDIRECT_HTTP_AUTHORIZATION', b.headerName]) {
        jwt = serverVar(req, key);
        if (!phpEmpty(jwt)) break;
      }
    } else if (method === 'cookie') jwt = req.cookies.get(b.cookieName);
    else if (method === 'post' || method === 'post_param') jwt = phpGet(req.post, b.postParamName);
    else if (method === 'get' || method === 'query' || method === 'query_param') jwt = phpGet(req.get, b.queryParamName);
    if (!phpEmpty(jwt)) {
      const value = typeof jwt === 'string' ? jwt.replace(/^Bearer /, '') : (jwt as PhpValue);
      return { jwt: value, method };
    }
  }
  return null;
}

/** Who the request runs as, and whether a query-string token asks for the signed-URL login. */
export interface CurrentUser {
  userId: number;
  signedUrlLogin: boolean;
}

/**
 * SJ `determineUser()` on `determine_current_user` (priority `PHP_INT_MAX`): when no user was determined
 * before it (`userId`, e.g. by a WordPress cookie), a valid token makes the request run as its user.
 */
export async function determineCurrentUser(ctx: AamContext, req: PhpRequest, userId = 0): Promise<CurrentUser> {
  if (userId > 0) return { userId, signedUrlLogin: false };
  const token = extractToken(ctx, req);
  if (!token) return { userId: 0, signedUrlLogin: false };
  const result = await validateWithRegistry(ctx, token.jwt, 0);
  if (!result.valid) return { userId: 0, signedUrlLogin: false };
  const tokenUser = claimUserId(result.claims);
  if (!ctx.users.byId(tokenUser)) return { userId: 0, signedUrlLogin: false };
  return { userId: tokenUser, signedUrlLogin: ['get', 'query', 'query_param'].includes(token.method) };
}
