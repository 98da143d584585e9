import { strtotime } from '../../php/strtotime.js';
import { phpEmpty, phpIntval } from '../../php/values.js';
import type { PhpValue } from '../../php/values.js';
import { WpError } from '../../wp-rest/errors.js';
import type { RestRequest } from '../../wp-rest/request.js';
import type { ArgSpec } from '../../wp-rest/types.js';
import type { AamContext } from '../../aam/context.js';
import { isNumeric } from './jwt-utility.js';
import { canAccessUser } from './users.js';

const invalid = (message: string, status = 400): WpError => new WpError('rest_invalid_param', message, { status });

/** `_validate_fields_input()`: every comma-separated name must survive `sanitize_key()` unchanged in length. */
export function validateFields(value: PhpValue): true | WpError {
  if (typeof value !== 'string' || value === '') return true;
  const bad = value.split(',').filter((field) => !/^[A-Za-z0-9_-]*$/.test(field));
  return bad.length === 0 ? true : invalid(`Invalid fields: ${bad.join(', ')}`);
}

/** `_validate_expires_in_input()`: a non-empty string must be something `strtotime()` parses. */
export function validateExpiresIn(ctx: AamContext) {
  return (value: PhpValue): true | WpError =>
    typeof value === 'string' && value !== '' && strtotime(value, ctx.jwt.nowSeconds()) === false ? invalid('Invalid expires_in value') : true;
}

/** `fields` as the JWT and login routes declare it. */
export const FIELDS_ARG: ArgSpec = { description: 'List of additional fields to return', type: 'string', validate: validateFields };

/**
 * The args `_register_route()` adds to every route of an access-level-aware controller that serves only the
 * `user` level: `access_level` (enum `user`) and `user_id` (an integer), each with AAM's cross-checks.
 */
export function accessLevelArgs(ctx: AamContext): Record<string, ArgSpec> {
  return {
    access_level: {
      description: 'Access level for the controls',
      type: 'string',
      enum: ['user'],
      validate: (value, req) => {
        if (value === 'role' && phpEmpty(req.getParam('role_id'))) return invalid('The role_id is required');
        if (value === 'user' && phpEmpty(req.getParam('user_id'))) return invalid('The user_id is required');
        return true;
      },
    },
    user_id: {
      description: 'User ID',
      type: 'integer',
      validate: (value, req) => validateUserId(ctx, value, req),
    },
  };
}

/** `_validate_user_id()`: with `access_level=user`, the user must exist and be listable (GET) or editable. */
function validateUserId(ctx: AamContext, value: PhpValue, req: RestRequest): true | WpError {
  if (!isNumeric(value) || req.getParam('access_level') !== 'user') return true;
  const id = phpIntval(value);
  const exists = ctx.users.byId(id) !== undefined;
  if (exists && canAccessUser(ctx, req.currentUserId, id, req.method === 'GET')) return true;
  return new WpError('rest_not_found', `The user with ID '${id}' does not exist or is not editable`, { status: 404 });
}
