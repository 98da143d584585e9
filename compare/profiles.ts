/**
 * What compare needs to know about each AAM generation beyond its spec: where its spec lives and the few
 * housekeeping requests that keep both sides comparable (reset the target's registry, create the named
 * target tokens). Everything else is drawn from the spec.
 */

export interface HousekeepingRequest {
  method: string;
  target: string;
  body: unknown;
}

export interface GenerationProfile {
  version: string;
  /** repository path of the generation's OpenAPI document */
  spec: string;
  resetRegistry(userId: number): HousekeepingRequest;
  createToken(userId: number, settings: Record<string, unknown>): HousekeepingRequest;
}

const json = (method: string, target: string, body: unknown = null): HousekeepingRequest => ({ method, target, body });

const PROFILES: Readonly<Record<string, GenerationProfile>> = {
  '6.9.32': {
    version: '6.9.32',
    spec: 'spec/aam-6.9.32/openapi.yaml',
    resetRegistry: (id) => json('POST', `/wp-json/aam/v2/service/jwt/reset?user_id=${id}`),
    createToken: (id, settings) => json('POST', `/wp-json/aam/v2/service/jwt?user_id=${id}`, settings),
  },
  '6.9.51': {
    version: '6.9.51',
    spec: 'spec/aam-6.9.51/openapi.yaml',
    resetRegistry: (id) => json('DELETE', `/wp-json/aam/v2/service/jwts?user_id=${id}`),
    createToken: (id, settings) => json('POST', `/wp-json/aam/v2/service/jwts?user_id=${id}`, settings),
  },
  '7.1.1': {
    version: '7.1.1',
    spec: 'spec/aam-7.1.1/openapi.yaml',
    resetRegistry: (id) => json('DELETE', `/wp-json/aam/v2/jwts?user_id=${id}`),
    createToken: (id, settings) => json('POST', `/wp-json/aam/v2/jwts?user_id=${id}`, settings),
  },
};

export const PROFILE_VERSIONS = Object.keys(PROFILES);

export class UnknownGenerationError extends Error {
  readonly code = 'ERR_COMPARE_GENERATION';
}

export function generationProfile(version: string): GenerationProfile {
  const p = PROFILES[version];
  if (!p) throw new UnknownGenerationError(`compare knows no AAM generation ${version} (known: ${PROFILE_VERSIONS.join(', ')})`);
  return p;
}

/** The named tokens of the target user every side creates, with the settings each is created with. */
export const TARGET_TOKEN_SETTINGS: readonly (readonly [string, Record<string, unknown>])[] = [
  ['t-refresh', { expires_in: '+1 hour', is_refreshable: true }],
  ['t-plain', { expires_in: '+2 hours' }],
  ['t-norevoke', { expires_in: '+3 hours', is_revocable: false }],
  ['t-expired', { expires_in: '-1 hour' }],
];
