import { signedUrlLoginWithoutExpiration } from '../../aam/signed-url.js';
import type { AamGeneration } from '../index.js';
import { determineCurrentUser } from './current-user.js';
import { JwtsService } from './jwts-service.js';
import { createRoutes } from './routes.js';

/**
 * AAM 7.x (observed on 7.1.1): `/aam/v2/jwts` and `/aam/v2/jwt/{id}` for JWT managers only, the deprecated
 * public `/aam/v2/jwt/{validate,refresh,revoke}`, `/aam/v2/authenticate` for anonymous callers; claim `user_id`.
 */
export const generation711: AamGeneration = {
  version: '7.1.1',
  releases: '7.x',
  createRoutes,
  determineCurrentUser,
  issueLoginToken: (ctx, user) => new JwtsService(ctx, user.id).issue(new Map(), { refreshable: false }).token,
  // AAM 7 counts `aam_*` caps only when a role has them: a user holding them directly is no manager
  isAamManager: (ctx, user) => ctx.users.userCan(user, 'aam_manager', null),
  // `_authenticate_user()` inside determine_current_user: cookies and the redirect (the access expiration it
  // stores is not modelled for 7.1.1, see mock/README.md)
  signedUrlLogin: signedUrlLoginWithoutExpiration,
};
