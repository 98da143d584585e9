import { phpIntval, phpTruthy } from '../php/values.js';
import type { PhpObject, PhpValue } from '../php/values.js';
import type { AamContext } from './context.js';
import { isRegistered } from './registry.js';

export type ServiceCheck = { valid: true; claims: PhpObject } | { valid: false; error: string };

/** The claim `userId` as AAM uses it (`intval`). */
export function claimUserId(claims: PhpObject): number {
  return phpIntval(claims.props.get('userId') ?? null);
}

/** AAM's service-level validation: steps 1–5 plus the registry check for revocable tokens (§3.3). */
export async function validateWithRegistry(ctx: AamContext, jwt: PhpValue | undefined, currentUserId: number): Promise<ServiceCheck> {
  const check = await ctx.jwt.check(jwt);
  if (!check.valid) return { valid: false, error: check.error };
  const claims = check.claims;
  if (phpTruthy(claims.props.get('revocable')) && !isRegistered(ctx, claimUserId(claims), jwt as string, currentUserId)) {
    return { valid: false, error: 'Token has been revoked' };
  }
  return { valid: true, claims };
}
