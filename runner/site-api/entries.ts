import { isObject } from '../../generators/lib/type-checks.js';
import type { GenerationAdapter, RegistryEntry } from './adapter.js';
import type { HttpAnswer } from './http.js';

/** A 200 list of `{id, token, is_valid?}` objects (key order differs per generation, the names do not). */
export function parseEntries(answer: HttpAnswer): RegistryEntry[] | undefined {
  if (answer.status !== 200 || !Array.isArray(answer.json)) return undefined;
  const entries: RegistryEntry[] = [];
  for (const item of answer.json as unknown[]) {
    if (!isObject(item) || typeof item.token !== 'string') return undefined;
    const id = typeof item.id === 'string' ? item.id : undefined;
    if (id === undefined) return undefined;
    entries.push({ id, token: item.token, valid: typeof item.is_valid === 'boolean' ? item.is_valid : undefined });
  }
  return entries;
}

/** The public token routes, the same paths on every generation (7.x deprecates them but still serves them). */
export const PUBLIC_ROUTES = { validate: '/aam/v2/jwt/validate', revoke: '/aam/v2/jwt/revoke' } as const;

/**
 * validate/revoke on AAM 6.9.x (6.9.11–6.9.51, identical): 200; 400 `{code,reason}` when the token is invalid
 * (expired, revoked, bad signature, malformed); 409 when a valid token is not in the registry (non-revocable).
 */
export const PUBLIC_6_9: Pick<GenerationAdapter, 'revoke' | 'classifyRevoke' | 'validate' | 'isValid'> = {
  revoke: (token) => ({ method: 'POST', route: PUBLIC_ROUTES.revoke, json: { jwt: token } }),
  classifyRevoke: (answer) => (answer.status === 200 ? 'revoked' : answer.status === 400 ? 'already-invalid' : answer.status === 409 ? 'not-revocable' : 'failed'),
  validate: (token) => ({ method: 'POST', route: PUBLIC_ROUTES.validate, json: { jwt: token } }),
  isValid: (answer) => (answer.status === 200 ? true : answer.status === 400 ? false : undefined),
};
