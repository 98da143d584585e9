import { claimsOf, isRecord, parseJson, queryOf, targetUserOf, withJson, wpErrorObject, type ProxiedRequest, type ProxiedResponse } from '../exchange.js';
import type { Fault } from '../fault-model.js';
import { registryFaults } from '../faults-registry.js';
import { tokenModel, type RegistryDialect, type RegistryViews } from '../registry-model.js';
import { tokenIdOf } from './routes.js';

/** Faults of the per-user token registry as AAM 6.9.51 answers it: the faulty site keeps other tokens than AAM. */

/** 6.9.51: a reset without a registry is a 507; DELETE answers {"success":true}, so the token comes from the path id. */
const DIALECT_6951: RegistryDialect = {
  resetStatuses: [200, 507],
  deletedToken: (req, _body, views) => {
    const id = tokenIdOf(req);
    return id === undefined ? undefined : views.tokenWithId(targetUserOf(req), id);
  },
};

/** A list element as 6.9.51 builds it: `id`, `token`, then each requested field the token has. */
function listEntry(token: string, req: ProxiedRequest): Record<string, unknown> {
  const model = tokenModel(token);
  const entry: Record<string, unknown> = { id: model.id, token };
  for (const field of (queryOf(req.url).get('fields') ?? '').split(',')) if (field in model && !(field in entry)) entry[field] = model[field];
  return entry;
}

function listAnswer(views: RegistryViews, req: ProxiedRequest, res: ProxiedResponse): ProxiedResponse | undefined {
  const user = targetUserOf(req);
  const site = views.site(user);
  const upstream = parseJson(res.body);
  if (res.status !== 200 || site === undefined || !Array.isArray(upstream)) return undefined;
  if (views.ghosts(user).length === 0 && views.dropped(user).length === 0) return undefined;
  const byToken = new Map<unknown, unknown>(upstream.map((entry: unknown) => [isRecord(entry) ? entry.token : undefined, entry]));
  return withJson(res, 200, site.map((token) => byToken.get(token) ?? listEntry(token, req)));
}

/** A ghost can be read and deleted by id on the faulty site; a token it dropped cannot. */
function itemAnswer(views: RegistryViews, req: ProxiedRequest, res: ProxiedResponse, route: 'getToken' | 'deleteToken'): ProxiedResponse | undefined {
  const user = targetUserOf(req);
  const id = tokenIdOf(req);
  const ghost = views.ghosts(user).find((token) => claimsOf(token)?.jti === id);
  if (ghost !== undefined && res.status === 404) {
    if (route === 'getToken') return withJson(res, 200, listEntry(ghost, req));
    views.forget(ghost);
    return withJson(res, 200, { success: true });
  }
  const dropped = views.dropped(user).find((token) => claimsOf(token)?.jti === id);
  return dropped !== undefined && res.status === 200 ? withJson(res, 404, wpErrorObject('rest_not_found', 'Token does not exist', 404)) : undefined;
}

export const REGISTRY_FAULTS_6951: readonly Fault[] = registryFaults(
  ['createToken', 'listTokens', 'getToken', 'deleteToken', 'resetTokens', 'validateToken', 'validateTokenV1'],
  (views, req, res, route) => {
    if (route === 'listTokens') return listAnswer(views, req, res);
    if (route === 'getToken' || route === 'deleteToken') return itemAnswer(views, req, res, route);
    return undefined;
  },
  DIALECT_6951,
);
