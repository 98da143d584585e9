/**
 * AAM 6.9.11–6.9.32: `/aam/v2/service/jwt` (GET list, POST create), `/aam/v2/service/jwt/<id>` (GET, DELETE),
 * `/aam/v2/service/jwt/reset` (POST/PUT/PATCH → `{"deleted_token_count":N}`, 500 when the registry is empty).
 * Lists start with `token` and hold only the requested `fields`, so the runner asks for `id,is_valid`.
 * validate/revoke: 200, or 400 `{code,reason}` for an invalid token; revoking a valid token that is not in the
 * registry (non-revocable) is a 409.
 */
import type { GenerationAdapter } from './adapter.js';
import { PUBLIC_6_9, parseEntries } from './entries.js';

export const AAM_6932: GenerationAdapter = {
  version: '6.9.32',
  releases: '6.9.11–6.9.32',
  marker: { namespace: 'aam/v2/service', route: '/aam/v2/service/jwt' },
  list: (userId) => ({ method: 'GET', route: '/aam/v2/service/jwt', query: { user_id: userId, fields: 'id,is_valid' } }),
  parseList: parseEntries,
  remove: (userId, id) => ({ method: 'DELETE', route: `/aam/v2/service/jwt/${encodeURIComponent(id)}`, query: { user_id: userId } }),
  reset: (userId) => ({ method: 'POST', route: '/aam/v2/service/jwt/reset', query: { user_id: userId } }),
  resetDone: (answer) => answer.status === 200,
  ...PUBLIC_6_9,
};
