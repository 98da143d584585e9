import { phpIntval } from '../../php/values.js';
import type { PhpMap, PhpValue } from '../../php/values.js';
import type { UserRecord } from '../../wp/users.js';
import type { AamContext } from '../../aam/context.js';
import { escJs, PhpException } from './exceptions.js';
import { isNumeric, phpStringOf } from './jwt-utility.js';
import { getRegistry, hasRegistryRow, tokenOf } from './registry.js';

/**
 * `AAM_Framework_Utility_AccessLevels::get_user()`: a number is a user id, a string with `@` after its first
 * character an e-mail, any other string a login; anything else is not an identifier.
 */
export function resolveUser(ctx: AamContext, identifier: PhpValue | undefined): UserRecord {
  let user: UserRecord | undefined;
  if (isNumeric(identifier)) user = ctx.users.byId(phpIntval(identifier as PhpValue));
  else if (typeof identifier === 'string') user = identifier.indexOf('@') > 0 ? ctx.users.byEmail(identifier) : ctx.users.byLogin(identifier);
  else throw new PhpException('InvalidArgumentException', 'Invalid user identifier');
  if (user === undefined) throw new PhpException('OutOfRangeException', `Cannot find user by identifier ${escJs(phpStringOf(identifier))}`);
  return user;
}

/** Whether the caller may manage JWTs: AAM 7 counts `aam_*` caps only when some role has them. */
export function canManageJwts(ctx: AamContext, currentUserId: number): boolean {
  const user = ctx.users.byId(currentUserId);
  return ctx.users.userCan(user, 'aam_manager', null) && ctx.users.userCan(user, 'aam_manage_jwt', null);
}

/** `current_user_can('list_users')` / `current_user_can('edit_user', $id)` (a user may edit themselves). */
export function canAccessUser(ctx: AamContext, currentUserId: number, userId: number, read: boolean): boolean {
  const current = ctx.users.byId(currentUserId);
  if (read) return ctx.users.userCan(current, 'list_users');
  return currentUserId === userId || ctx.users.userCan(current, 'edit_users');
}

/** `wp_user_level` of WordPress' default roles. */
const USER_LEVELS: Readonly<Record<string, string>> = { administrator: '10', editor: '7', author: '2', contributor: '1', subscriber: '0' };

/** `wp_capabilities`: the role, then the caps given to the user directly. */
function capabilities(user: UserRecord): PhpMap {
  return new Map<string, PhpValue>([[user.role, true], ...(user.caps ?? []).map((cap): [string, PhpValue] => [cap, true])]);
}

/** The user meta WordPress creates for every user (defaults of `wp_insert_user()`), plus the roles. */
function userMeta(user: UserRecord): Readonly<Record<string, PhpValue>> {
  return {
    nickname: user.login, first_name: '', last_name: '', description: '', rich_editing: 'true', syntax_highlighting: 'true',
    comment_shortcuts: 'false', admin_color: 'fresh', use_ssl: '0', show_admin_bar_front: 'true', locale: '',
    wp_capabilities: capabilities(user), wp_user_level: USER_LEVELS[user.role] ?? '0',
  };
}

/** `WP_User::$back_compat_keys` */
const BACK_COMPAT: Readonly<Record<string, string>> = {
  user_firstname: 'first_name', user_lastname: 'last_name', user_description: 'description', user_level: 'wp_user_level',
};

/**
 * `isset($user->{$prop}) ? $user->{$prop}`: what `/aam/v2/authenticate?fields=` can return — the `WP_User`
 * properties, the `users` row and any user meta (the token registry included). `user_pass`, `data` and
 * `allcaps` are not modelled (undefined).
 */
export function userProperty(ctx: AamContext, user: UserRecord, prop: string): PhpValue | undefined {
  const row: Readonly<Record<string, PhpValue>> = {
    ID: user.id, id: user.id, user_login: user.login,
    user_nicename: user.nicename ?? user.login.toLowerCase().replace(/[^a-z0-9_-]/g, ''),
    user_email: user.email, user_url: user.url ?? '', user_registered: user.registered, user_activation_key: '', user_status: '0',
    display_name: user.displayName ?? user.login,
    roles: [user.role], caps: capabilities(user), cap_key: 'wp_capabilities',
  };
  if (Object.hasOwn(row, prop)) return row[prop];
  const key = BACK_COMPAT[prop] ?? prop;
  const meta = userMeta(user);
  if (Object.hasOwn(meta, key)) return meta[key];
  if (key === 'wp_aam_jwt_registry' && hasRegistryRow(ctx, user.id)) {
    return getRegistry(ctx, user.id).map((entry) => (typeof entry === 'string' ? entry : { token: tokenOf(entry), description: entry.description }));
  }
  return undefined;
}
