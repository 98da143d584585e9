/**
 * AAM's user access expiration (`aam_user_expiration` user option): set by the signed-URL login from the
 * token's `exp` and `trigger` claims, checked on every request a user is logged in for
 * (`AAM::getInstance()` → `validateStatus()`): once it has passed, it is removed and its action runs.
 */
import { PhpObject, phpNumeric } from '../php/values.js';
import type { PhpValue } from '../php/values.js';
import type { AamContext } from './context.js';

/** The stored expiration: when, and what happens then (`logout` unless the trigger says otherwise). */
export interface UserExpiration {
  /** Unix time; `null` when it is not a time PHP's `DateTime('@…')` reads (then it counts as now) */
  readonly expires: number | null;
  readonly action: PhpValue;
}

/** `aam_set_user_expiration_action`: `array_merge( ['expires' => $exp], (array) $trigger )`, action default `logout`. */
export function setUserExpiration(ctx: AamContext, userId: number, exp: PhpValue | undefined, trigger: PhpValue | undefined): void {
  const settings = new Map<string, PhpValue>([['expires', exp ?? null]]);
  for (const [key, value] of arrayCast(trigger)) settings.set(key, value);
  ctx.userExpirations.set(userId, { expires: timestamp(settings.get('expires') ?? null), action: settings.has('action') ? (settings.get('action') ?? null) : 'logout' });
}

/**
 * `validateStatus()` for the logged-in user: the action due when the expiration has passed (and the
 * expiration is then removed), or null.
 */
export function dueExpirationAction(ctx: AamContext, userId: number): PhpValue | undefined {
  const expiration = ctx.userExpirations.get(userId);
  if (expiration === undefined) return undefined;
  const now = Math.floor(ctx.now() / 1000);
  if ((expiration.expires ?? now) > now) return undefined;
  ctx.userExpirations.delete(userId);
  return expiration.action;
}

/** PHP's `(array)` cast: an object's properties, an array's entries, a scalar as `[0 => value]`, null as `[]`. */
function arrayCast(value: PhpValue | undefined): [string, PhpValue][] {
  if (value === undefined || value === null) return [];
  if (value instanceof PhpObject) return [...value.props];
  if (value instanceof Map) return [...value];
  if (Array.isArray(value)) return value.map((v, i) => [String(i), v]);
  return [['0', value]];
}

/** `new DateTime('@' . $expires)`: whole seconds of a number or numeric string (`true` is `@1`), else unreadable. */
function timestamp(value: PhpValue): number | null {
  if (value === true) return 1;
  const n = phpNumeric(value);
  return n === null ? null : Math.trunc(n);
}
