import { claimsOf, isRecord, parseJson, requestParam, targetUserOf, withJson, wpErrorObject, type ProxiedRequest, type ProxiedResponse, type Route } from './exchange.js';
import type { Fault, FaultHandler } from './fault-model.js';
import { DIALECT_6932, listEntry, RegistryViews, tokenModel, type AppendPolicy, type RegistryDialect } from './registry-model.js';

/** Faults of the per-user token registry (§3.5): the faulty site keeps other tokens than AAM. */

const REVOKED = { code: 'rest_jwt_validation_failure', reason: 'Token has been revoked' };

/** A validate answer as the faulty site gives it: its ghosts validate, the tokens it dropped are revoked. */
function validateAnswer(views: RegistryViews, req: ProxiedRequest, res: ProxiedResponse): ProxiedResponse | undefined {
  const jwt = requestParam(req, 'jwt');
  if (typeof jwt !== 'string') return undefined;
  const owner = views.ownerOf(jwt);
  if (owner === undefined) return undefined;
  if (res.status === 400 && views.ghosts(owner).includes(jwt)) return withJson(res, 200, claimsOf(jwt));
  if (res.status === 200 && views.dropped(owner).includes(jwt)) return withJson(res, 400, REVOKED);
  return undefined;
}

function listAnswer(views: RegistryViews, req: ProxiedRequest, res: ProxiedResponse): ProxiedResponse | undefined {
  const site = views.site(targetUserOf(req));
  const upstream = parseJson(res.body);
  if (res.status !== 200 || site === undefined || !Array.isArray(upstream)) return undefined;
  if (views.ghosts(targetUserOf(req)).length === 0 && views.dropped(targetUserOf(req)).length === 0) return undefined;
  const byToken = new Map<unknown, unknown>(upstream.map((entry: unknown) => [isRecord(entry) ? entry.token : undefined, entry]));
  return withJson(res, 200, site.map((token) => byToken.get(token) ?? listEntry(token, req)));
}

function deleteAnswer(views: RegistryViews, req: ProxiedRequest, res: ProxiedResponse): ProxiedResponse | undefined {
  const user = targetUserOf(req);
  const id = req.url.split('?')[0]?.split('/').pop();
  const ghost = views.ghosts(user).find((token) => claimsOf(token)?.jti === id);
  if (ghost !== undefined && res.status === 404) {
    views.forget(ghost);
    return withJson(res, 200, tokenModel(ghost));
  }
  const body = parseJson(res.body);
  if (res.status === 200 && isRecord(body) && views.dropped(user).includes(String(body.token))) {
    return withJson(res, 404, wpErrorObject('rest_not_found', 'Token does not exist', 404));
  }
  return undefined;
}

function resetAnswer(views: RegistryViews, req: ProxiedRequest, res: ProxiedResponse): ProxiedResponse | undefined {
  const site = views.site(targetUserOf(req));
  const body = parseJson(res.body);
  if (res.status !== 200 || site === undefined || !isRecord(body) || body.deleted_token_count === site.length) return undefined;
  return withJson(res, 200, { deleted_token_count: site.length });
}

/** How one generation's faulty site answers, given the two registry views (undefined = the mock's answer). */
export type RegistryAnswer = (views: RegistryViews, req: ProxiedRequest, res: ProxiedResponse, route: string | undefined) => ProxiedResponse | undefined;

/** The two registry faults of a generation: a registry that takes new tokens with another policy than AAM's. */
export function registryFaults(routes: readonly Route[], answer: RegistryAnswer, dialect: RegistryDialect = DIALECT_6932): readonly Fault[] {
  const fault = (id: string, description: string, policy: AppendPolicy): Fault => ({
    id,
    description,
    routes,
    start: (): FaultHandler => {
      const views = new RegistryViews(policy, 10, dialect);
      return {
        response: (req, res, route) => {
          const altered = route === 'validateToken' || route === 'validateTokenV1' ? validateAnswer(views, req, res) : answer(views, req, res, route);
          views.observe(req, res, route);
          return altered;
        },
      };
    },
  });
  return [
    fault('registry-not-limited', 'the registry is not limited: an 11th token evicts nothing, the first token still validates', (registry, token) => [...registry, token]),
    fault('registry-evicts-newest', 'a full registry evicts the newest token instead of the oldest', (registry, token, limit) => [
      ...(registry.length >= limit ? registry.slice(0, -1) : registry),
      token,
    ]),
  ];
}

/** AAM 6.9.32's answers of the faulty site: its list, its deletes by id, its reset count. */
const answer6932: RegistryAnswer = (views, req, res, route) => {
  if (route === 'listTokens') return listAnswer(views, req, res);
  if (route === 'deleteToken') return deleteAnswer(views, req, res);
  if (route === 'resetTokens') return resetAnswer(views, req, res);
  return undefined;
};

export const REGISTRY_FAULTS: readonly Fault[] = registryFaults(['createToken', 'listTokens', 'deleteToken', 'resetTokens', 'validateToken', 'validateTokenV1'], answer6932);
