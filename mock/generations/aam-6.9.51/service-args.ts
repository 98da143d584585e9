/**
 * The arguments AAM 6.9.33–6.9.51 registers on its token-management routes, with their validate callbacks:
 * `user_id` on every route (added by `_register_route()`'s `array_merge_recursive`), `fields` on the routes
 * that answer tokens, the create settings, and the path `id`.
 */
import { phpIntval, phpNumeric } from '../../php/values.js';
import type { PhpValue } from '../../php/values.js';
import { WpError } from '../../wp-rest/errors.js';
import type { RestRequest } from '../../wp-rest/request.js';
import type { ArgSpec } from '../../wp-rest/types.js';
import type { AamContext } from '../../aam/context.js';
import { validateExpiresIn } from '../../aam/service-core.js';

/** A `fields` item passes when `sanitize_key()` keeps its length: only `[A-Za-z0-9_-]` (the empty item too). */
const FIELD_NAME = /^[A-Za-z0-9_-]*$/;

/** `_validate_fields_input()`: every comma item must be a key; the message lists the bad ones. */
export function validateFields(value: PhpValue): true | WpError {
  if (typeof value !== 'string' || value.length === 0) return true;
  const invalid = value.split(',').filter((field) => !FIELD_NAME.test(field));
  if (invalid.length === 0) return true;
  return new WpError('rest_invalid_param', `Invalid fields: ${invalid.join(', ')}`, { status: 400 });
}

/**
 * `_validate_user_id()`: only with `access_level=user` (a parameter no route registers, read anyway) is the
 * user checked — it must exist and the caller must hold `aam_list_users` (GET) or `edit_user` on it.
 */
function validateUserId(ctx: AamContext) {
  return (value: PhpValue, req: RestRequest): true | WpError => {
    if (phpNumeric(value) === null || req.getParam('access_level') !== 'user') return true;
    const id = phpIntval(value);
    const user = ctx.users.byId(id);
    const caller = ctx.users.byId(req.currentUserId);
    const allowed = user !== undefined && (req.method === 'GET'
      ? ctx.users.userCan(caller, 'aam_list_users')
      : user.id === req.currentUserId || ctx.users.userCan(caller, 'edit_users'));
    if (allowed) return true;
    return new WpError('rest_not_found', `The user with ID '${id}' does not exist or is not editable`, { status: 404 });
  };
}

const FIELDS: ArgSpec = { description: 'List of additional fields to return', type: 'string', validate: validateFields };
const ID: ArgSpec = { description: 'Token unique ID', type: 'string', required: true };

/** The args of each handler, `user_id` first (the order OPTIONS lists them and errors name them in). */
export function serviceArgs(ctx: AamContext): Readonly<Record<'list' | 'create' | 'get' | 'delete' | 'reset', Record<string, ArgSpec>>> {
  const userId: ArgSpec = { description: 'User ID', type: 'integer', validate: validateUserId(ctx) };
  return {
    list: { user_id: userId, fields: FIELDS },
    create: {
      user_id: userId,
      expires_at: { description: 'Well formatted date-time when the token expires', type: 'date-time' },
      expires_in: { description: 'Relative datetime format', type: 'string', validate: validateExpiresIn(ctx) },
      is_refreshable: { description: 'Wether issued JWT is refreshable', type: 'boolean' },
      is_revocable: { description: 'Wether issued JWT is revocable', type: 'boolean', default: true },
      additional_claims: { description: 'Any additional claims to include in the token', type: 'object' },
      fields: FIELDS,
    },
    get: { user_id: userId, id: ID, fields: FIELDS },
    delete: { user_id: userId, id: ID },
    reset: { user_id: userId },
  };
}
