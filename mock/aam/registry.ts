import type { AamContext } from './context.js';
import { REGISTRY_OPTION } from './context.js';

/** `getTokenRegistry()`: the user's tokens, oldest first (`[]` when there is no row). */
export function getRegistry(ctx: AamContext, userId: number, currentUserId: number): string[] {
  const row = ctx.userOptions.get(REGISTRY_OPTION, userId, currentUserId);
  return row === false ? [] : row;
}

/** `registerToken()`: drop the oldest token when full, append; or replace one token in place of nothing. */
export function registerToken(ctx: AamContext, userId: number, token: string, currentUserId: number, replace?: string): boolean {
  const registry = getRegistry(ctx, userId, currentUserId);
  if (replace !== undefined) {
    const filtered = registry.filter((t) => t !== replace);
    filtered.push(token);
    return ctx.userOptions.update(REGISTRY_OPTION, userId, filtered);
  }
  if (registry.length >= ctx.registrySize) registry.shift();
  registry.push(token);
  return ctx.userOptions.update(REGISTRY_OPTION, userId, registry);
}

/** `revokeUserToken()`: filter the token out and write back (false when nothing changed). */
export function revokeToken(ctx: AamContext, userId: number, token: string, currentUserId: number): boolean {
  const filtered = getRegistry(ctx, userId, currentUserId).filter((t) => t !== token);
  return ctx.userOptions.update(REGISTRY_OPTION, userId, filtered);
}

/** Step 6 of §3.3: the exact token string must be in the registry of its user. */
export function isRegistered(ctx: AamContext, userId: number, token: string, currentUserId: number): boolean {
  return getRegistry(ctx, userId, currentUserId).includes(token);
}

/** Remove the whole registry row (`delete_user_option`). */
export function deleteRegistry(ctx: AamContext, userId: number): boolean {
  return ctx.userOptions.delete(REGISTRY_OPTION, userId);
}
