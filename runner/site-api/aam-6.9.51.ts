/**
 * AAM 6.9.33–6.9.51: `/aam/v2/service/jwts` (GET list, POST create, DELETE reset → `[]`, 507 when the registry is
 * empty), `/aam/v2/service/jwt/<id>` (GET, DELETE → `{"success":true}`). Lists always start with `id, token`.
 * validate/revoke as in 6.9.32 (200; 400 `{code,reason}` when invalid; 409 for a non-revocable token).
 */
import type { GenerationAdapter } from './adapter.js';
import { PUBLIC_6_9, parseEntries } from './entries.js';

export const AAM_6951: GenerationAdapter = {
  version: '6.9.51',
  releases: '6.9.33–6.9.51',
  marker: { namespace: 'aam/v2/service', route: '/aam/v2/service/jwts' },
  list: (userId) => ({ method: 'GET', route: '/aam/v2/service/jwts', query: { user_id: userId, fields: 'is_valid' } }),
  parseList: parseEntries,
  remove: (userId, id) => ({ method: 'DELETE', route: `/aam/v2/service/jwt/${encodeURIComponent(id)}`, query: { user_id: userId } }),
  reset: (userId) => ({ method: 'DELETE', route: '/aam/v2/service/jwts', query: { user_id: userId } }),
  resetDone: (answer) => answer.status === 200,
  ...PUBLIC_6_9,
};
