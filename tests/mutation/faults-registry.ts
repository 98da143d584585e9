import { claimsOf, isRecord, parseJson, requestParam, targetUserOf, withJson, wpErrorObject, type ProxiedRequest, type ProxiedResponse, type Route } from './exchange.js';
import type { Fault, FaultHandler } from './fault-model.js';
import { listEntry, RegistryViews, tokenModel, type AppendPolicy } from './registry-model.js';

/** Faults of the per-user token registry (§3.5): the faulty site keeps other tokens than AAM. */

const REVOKED = { code: 'rest_jwt_validation_failure', reason: 'Token has been revoked' };

/** A validate answer as the faulty site gives it: its ghosts validate, the tokens it dropped are revoked. */
export function validateAnswer(views: RegistryViews, req: ProxiedRequest, res: ProxiedResponse): ProxiedResponse | undefined {
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

/** A registry that takes new tokens with `policy` instead of AAM's "drop the oldest at 10". */
function registryFault(id: string, description: string, policy: AppendPolicy): Fault {
  const routes: readonly Route[] = ['createToken', 'listTokens', 'deleteToken', 'resetTokens', 'validateToken', 'validateTokenV1'];
  return {
    id,
    description,
    routes,
    start: (): FaultHandler => {
      const views = new RegistryViews(policy);
      return {
        response: (req, res, route) => {
          let answer: ProxiedResponse | undefined;
          if (route === 'validateToken' || route === 'validateTokenV1') answer = validateAnswer(views, req, res);
          else if (route === 'listTokens') answer = listAnswer(views, req, res);
          else if (route === 'deleteToken') answer = deleteAnswer(views, req, res);
          else if (route === 'resetTokens') answer = resetAnswer(views, req, res);
          views.observe(req, res, route);
          return answer;
        },
      };
    },
  };
}

export const REGISTRY_FAULTS: readonly Fault[] = [
  registryFault('registry-not-limited', 'the registry is not limited: an 11th token evicts nothing, the first token still validates', (registry, token) => [...registry, token]),
  registryFault('registry-evicts-newest', 'a full registry evicts the newest token instead of the oldest', (registry, token, limit) => [
    ...(registry.length >= limit ? registry.slice(0, -1) : registry),
    token,
  ]),
];
