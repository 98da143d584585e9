/**
 * AAM 7.x (7.1.1 observed): `/aam/v2/jwts` (GET list, POST create, DELETE reset → `{"success":true}`, or
 * `{"success":false}` when already empty) and `/aam/v2/jwt/<id>` (GET, DELETE → `{"success":true}`, PATCH refresh),
 * registered only for callers with `aam_manager` + `aam_manage_jwt` (404 `rest_no_route` for anyone else);
 * `user_id` is mandatory on every call. Lists start with `id, token, is_valid`. validate/revoke are deprecated
 * but served: 200; 507 "Unregistered token"/"Expired token" when invalid (400 for malformed input);
 * a valid token that is not in the registry (non-revocable) is a 404 "Provided token is not registered".
 */
import type { GenerationAdapter } from './adapter.js';
import { PUBLIC_ROUTES, parseEntries } from './entries.js';

export const AAM_7X: GenerationAdapter = {
  version: '7.1.1',
  releases: '7.x',
  marker: { namespace: 'aam/v2', route: '/aam/v2/jwts' },
  list: (userId) => ({ method: 'GET', route: '/aam/v2/jwts', query: { user_id: userId } }),
  parseList: parseEntries,
  remove: (userId, id) => ({ method: 'DELETE', route: `/aam/v2/jwt/${encodeURIComponent(id)}`, query: { user_id: userId } }),
  reset: (userId) => ({ method: 'DELETE', route: '/aam/v2/jwts', query: { user_id: userId } }),
  resetDone: (answer) => answer.status === 200,
  revoke: (token) => ({ method: 'POST', route: PUBLIC_ROUTES.revoke, json: { jwt: token } }),
  classifyRevoke: (answer) =>
    answer.status === 200 ? 'revoked' : answer.status === 507 || answer.status === 400 ? 'already-invalid' : answer.status === 404 ? 'not-revocable' : 'failed',
  validate: (token) => ({ method: 'POST', route: PUBLIC_ROUTES.validate, json: { jwt: token } }),
  isValid: (answer) => (answer.status === 200 ? true : answer.status === 507 || answer.status === 400 ? false : undefined),
};
