/**
 * What the token-management handlers of every AAM 6.9.x generation share (`AAM_Core_Restful_JwtService` in
 * 6.9.11–6.9.32, `AAM_Restful_JwtService` in 6.9.33–6.9.51): the permission check, the target user, the
 * `expires_in` check and the claims of a created token. The handlers themselves differ per generation.
 */
import { strtotime } from '../php/strtotime.js';
import { phpFloatToString } from '../php/json-encode.js';
import { PhpFloat, phpEmpty, phpIntval, toPhpArray } from '../php/values.js';
import type { PhpMap, PhpValue } from '../php/values.js';
import { WpError } from '../wp-rest/errors.js';
import type { RestRequest } from '../wp-rest/request.js';
import type { AamContext } from './context.js';

/** PHP string conversion of a scalar request value (arrays make PHP throw a TypeError). */
export function phpString(v: PhpValue | undefined): string {
  if (v === undefined || v === null || v === false) return '';
  if (v === true) return '1';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (v instanceof PhpFloat) return phpFloatToString(v.value);
  throw new TypeError('Array to string conversion');
}

/** The user whose registry a call works on: `intval(user_id)`, 0 when that user does not exist. */
export function targetUserId(ctx: AamContext, req: RestRequest): number {
  const id = phpIntval(req.getParam('user_id') ?? null);
  return ctx.users.byId(id) ? id : 0;
}

/** `check_permissions()`: `aam_manager` and `aam_manage_jwt`. */
export function canManage(ctx: AamContext) {
  return (req: RestRequest): boolean => {
    const user = ctx.users.byId(req.currentUserId);
    return ctx.users.userCan(user, 'aam_manager') && ctx.users.userCan(user, 'aam_manage_jwt');
  };
}

/** `_validate_expires_in_input()` */
export function validateExpiresIn(ctx: AamContext) {
  return (value: PhpValue): true | WpError => {
    if (typeof value === 'string' && value.length > 0 && strtotime(value, ctx.jwt.nowSeconds()) === false) {
      return new WpError('rest_invalid_param', 'Invalid expires_in value', { status: 400 });
    }
    return true;
  };
}

/**
 * The claims `create_token()` hands to the JWT manager: `additional_claims`, then `exp` (`expires_at` wins over
 * `expires_in`), `refreshable`, `revocable` (a non-boolean falls back to `service.jwt.is_revocable`) and `userId`,
 * each overwriting a same-named additional claim in place.
 */
export function createClaims(ctx: AamContext, req: RestRequest, userId: number): PhpMap {
  const claims = toPhpArray(req.getParam('additional_claims'));
  const expiresAt = req.getParam('expires_at');
  const expiresIn = req.getParam('expires_in');
  if (!phpEmpty(expiresAt)) claims.set('exp', strtotime(phpString(expiresAt), ctx.jwt.nowSeconds()));
  else if (!phpEmpty(expiresIn)) claims.set('exp', strtotime(phpString(expiresIn), ctx.jwt.nowSeconds()));
  const isRef = req.getParam('is_refreshable');
  claims.set('refreshable', typeof isRef === 'boolean' ? isRef : false);
  const isRev = req.getParam('is_revocable');
  claims.set('revocable', typeof isRev === 'boolean' ? isRev : ctx.isRevocableDefault);
  claims.set('userId', userId);
  return claims;
}
