import type { PhpRequest } from '../../php/request.js';
import { phpStringOf } from './jwt-utility.js';
import type { AamContext } from '../../aam/context.js';
import { extractToken } from '../../aam/transport.js';
import type { CurrentUser } from '../../aam/transport.js';
import { PhpException } from './exceptions.js';
import { JwtUtility } from './jwt-utility.js';
import { JwtsService } from './jwts-service.js';
import { resolveUser } from './users.js';

const ANONYMOUS: CurrentUser = { userId: 0, signedUrlLogin: false };

/**
 * `AAM_Service_Jwt::_determine_current_user()` of AAM 7.1.1: the token's owner (claim `userId` for 6.x tokens,
 * else `user_id`) when the token passes the JWT service's validation (signature, time, registry for revocable
 * tokens), unless a user was determined before it (`userId`, e.g. by a WordPress cookie). A token in the query string (`aam-jwt`) logs the user in and redirects.
 */
export async function determineCurrentUser(ctx: AamContext, php: PhpRequest, userId = 0): Promise<CurrentUser> {
  if (userId > 0) return { userId, signedUrlLogin: false };
  const extracted = extractToken(ctx, php);
  if (extracted === null || typeof extracted.jwt !== 'string') return ANONYMOUS;
  const decoded = new JwtUtility(ctx).decode(extracted.jwt);
  if (!decoded.ok) return ANONYMOUS;
  const owner = decoded.claims.has('userId') ? decoded.claims.get('userId') : decoded.claims.get('user_id');
  try {
    // AAM::api()->jwts('user:' . $cuid): the identifier is the claim's string form
    const user = resolveUser(ctx, phpStringOf(owner));
    await new JwtsService(ctx, user.id).validate(extracted.jwt);
    return { userId: user.id, signedUrlLogin: ['get', 'query', 'query_param'].includes(extracted.method) };
  } catch (err) {
    if (err instanceof PhpException) return ANONYMOUS;
    throw err;
  }
}
