import { UserOptions } from '../../wp/user-options.js';
import type { AamContext } from '../../aam/context.js';
import { REGISTRY_OPTION } from '../../aam/context.js';
import { PhpException } from './exceptions.js';

/** One registry entry: the token, or (AAM 7.1.0+) the token with its description. */
export type RegistryEntry = string | { readonly token: string; readonly description: string };

/** The token of an entry. */
export function tokenOf(entry: RegistryEntry): string {
  return typeof entry === 'string' ? entry : entry.token;
}

/**
 * The `wp_aam_jwt_registry` user option of each mock site. AAM 7 stores entries of its own shape, so the
 * rows live in a user-option table of their own, one per site context.
 */
const tables = new WeakMap<AamContext, UserOptions<RegistryEntry>>();

function table(ctx: AamContext): UserOptions<RegistryEntry> {
  let options = tables.get(ctx);
  if (options === undefined) {
    options = new UserOptions<RegistryEntry>();
    tables.set(ctx, options);
  }
  return options;
}

/** `_get_registry()`: the user's entries, oldest first (`[]` without a row). */
export function getRegistry(ctx: AamContext, userId: number): RegistryEntry[] {
  const row = table(ctx).get(REGISTRY_OPTION, userId, 0);
  return row === false ? [] : row;
}

/** Whether the user's registry holds this exact token string. */
export function isRegistered(ctx: AamContext, userId: number, token: string): boolean {
  return getRegistry(ctx, userId).some((entry) => tokenOf(entry) === token);
}

/** `_add_to_registry()`: drop the oldest entry when full, append (with the description when there is one). */
export function addToRegistry(ctx: AamContext, userId: number, token: string, description: string | null = null): void {
  const registry = getRegistry(ctx, userId);
  if (registry.length >= ctx.registrySize) registry.shift();
  registry.push(description === null || description === '' || description === '0' ? token : { token, description });
  if (!table(ctx).update(REGISTRY_OPTION, userId, registry)) throw new PhpException('RuntimeException', 'Failed to register a token');
}

/** `_remove_from_registry()`: filter the token out; nothing removed is an OutOfRangeException. */
export function removeFromRegistry(ctx: AamContext, userId: number, token: string): true {
  const registry = getRegistry(ctx, userId);
  const filtered = registry.filter((entry) => tokenOf(entry) !== token);
  if (filtered.length === registry.length) throw new PhpException('OutOfRangeException', 'Provided token is not registered');
  if (!table(ctx).update(REGISTRY_OPTION, userId, filtered)) throw new PhpException('RuntimeException', 'Failed to revoke the token');
  return true;
}

/** `reset()`: `delete_user_option()`, false when there was no row. */
export function deleteRegistry(ctx: AamContext, userId: number): boolean {
  return table(ctx).delete(REGISTRY_OPTION, userId);
}

/** Whether the user has a registry row (an empty one included), as `metadata_exists()` tells. */
export function hasRegistryRow(ctx: AamContext, userId: number): boolean {
  return table(ctx).get(REGISTRY_OPTION, userId, 0) !== false;
}
