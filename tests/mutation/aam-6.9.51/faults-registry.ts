import { claimsOf, isRecord, parseJson, queryOf, targetUserOf, withJson, wpErrorObject, type ProxiedRequest, type ProxiedResponse, type Route } from '../exchange.js';
import type { Fault, FaultHandler } from '../fault-model.js';
import { validateAnswer } from '../faults-registry.js';
import { RegistryViews, tokenModel, type AppendPolicy, type RegistryDialect } from '../registry-model.js';
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

/** A registry that takes new tokens with `policy` instead of AAM's "drop the oldest at 10". */
function registryFault(id: string, description: string, policy: AppendPolicy): Fault {
  const routes: readonly Route[] = ['createToken', 'listTokens', 'getToken', 'deleteToken', 'resetTokens', 'validateToken', 'validateTokenV1'];
  return {
    id,
    description,
    routes,
    start: (): FaultHandler => {
      const views = new RegistryViews(policy, 10, DIALECT_6951);
      return {
        response: (req, res, route) => {
          let answer: ProxiedResponse | undefined;
          if (route === 'validateToken' || route === 'validateTokenV1') answer = validateAnswer(views, req, res);
          else if (route === 'listTokens') answer = listAnswer(views, req, res);
          else if (route === 'getToken' || route === 'deleteToken') answer = itemAnswer(views, req, res, route);
          views.observe(req, res, route);
          return answer;
        },
      };
    },
  };
}

export const REGISTRY_FAULTS_6951: readonly Fault[] = [
  registryFault('registry-not-limited', 'the registry is not limited: an 11th token evicts nothing, the first token still validates', (registry, token) => [...registry, token]),
  registryFault('registry-evicts-newest', 'a full registry evicts the newest token instead of the oldest', (registry, token, limit) => [
    ...(registry.length >= limit ? registry.slice(0, -1) : registry),
    token,
  ]),
];
