/**
 * The AAM generations the mock can be: each is a folder of route registrations over the shared layers
 * (php/, wp-rest/, wp/, jwt/, aam/). A new generation is one more folder and one more row here.
 */
import type { AamContext } from '../aam/context.js';
import { type SignedUrlAnswer, signedUrlLoginWithoutExpiration } from '../aam/signed-url.js';
import type { CurrentUser } from '../aam/transport.js';
import type { PhpRequest } from '../php/request.js';
import type { RouteRegistry } from '../wp-rest/routes.js';
import type { UserRecord } from '../wp/users.js';
import { createRoutes as createRoutes6932 } from './aam-6.9.32/routes.js';
import { createRoutes as createRoutes6951 } from './aam-6.9.51/routes.js';
import { generation711 } from './aam-7.1.1/generation.js';

/** The AAM versions the mock emulates, one per generation of the JWT API. */
export const AAM_VERSIONS = ['6.9.32', '6.9.51', '7.1.1'] as const;
export type AamVersion = (typeof AAM_VERSIONS)[number];

/** The default generation: the seed's API. */
export const DEFAULT_AAM_VERSION: AamVersion = '6.9.32';

/** One generation of AAM's JWT API. */
export interface AamGeneration {
  /** the AAM release the mock reproduces, e.g. `6.9.32` */
  readonly version: AamVersion;
  /** the releases that serve this generation's API, e.g. `6.9.11–6.9.32` */
  readonly releases: string;
  /**
   * Builds the REST routes once per mock. WordPress registers routes on `rest_api_init` for each request,
   * and some AAM generations register some routes only for some callers: the result gives the registry a
   * request with this current user (0 = anonymous) sees.
   */
  createRoutes(ctx: AamContext): (currentUserId: number) => RouteRegistry;
  /**
   * `determine_current_user`: who a request runs as, from the token it carries. Absent = AAM 6.9's
   * (`mock/aam/transport.ts`: claim `userId`, 6.9 validation).
   */
  determineCurrentUser?(ctx: AamContext, request: PhpRequest, userId?: number): Promise<CurrentUser>;
  /**
   * A login token for `user`, issued and registered the way this generation's `/aam/v2/authenticate`
   * does (`Mock.issueToken`). Absent = AAM 6.9's (`userId`, `revocable: true`, `refreshable: null`).
   */
  issueLoginToken?(ctx: AamContext, user: UserRecord): string;
  /**
   * `current_user_can('aam_manager')` for a logged-in user (AAM's toolbar item on the theme's pages).
   * Absent = AAM 6.9's (`userCan` counting the caps given to the user directly).
   */
  isAamManager?(ctx: AamContext, user: UserRecord): boolean;
  /**
   * The signed-URL login (`?aam-jwt=<token>`) of a request whose `determineCurrentUser` said so, for its
   * user `userId`: the 302 with WordPress' cookies, or null when nobody is logged in. Absent = AAM 6.9.11–6.9.32's
   * (`mock/aam/signed-url.ts`: the token's `exp`/`trigger` become the user's access expiration).
   */
  signedUrlLogin?(ctx: AamContext, request: PhpRequest, userId: number): Promise<SignedUrlAnswer | null>;
}

const GENERATIONS: Readonly<Record<AamVersion, AamGeneration>> = {
  '6.9.32': {
    version: '6.9.32',
    releases: '6.9.11–6.9.32',
    createRoutes(ctx) {
      const registry = createRoutes6932(ctx);
      return () => registry;
    },
  },
  '6.9.51': {
    version: '6.9.51',
    releases: '6.9.33–6.9.51',
    // the token's `exp`/`trigger` reach AAM's user service under keys it ignores: no access expiration
    signedUrlLogin: signedUrlLoginWithoutExpiration,
    createRoutes(ctx) {
      const registry = createRoutes6951(ctx);
      return () => registry;
    },
  },
  '7.1.1': generation711,
};

/** Whether `value` names a generation the mock knows. */
export function isAamVersion(value: string): value is AamVersion {
  return (AAM_VERSIONS as readonly string[]).includes(value);
}

/** The generation of an AAM version. */
export function aamGeneration(version: AamVersion): AamGeneration {
  return GENERATIONS[version];
}
