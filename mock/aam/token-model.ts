import type { PhpMap, PhpValue } from '../php/values.js';
import { decodeSegment } from '../jwt/codec.js';
import type { PhpObject } from '../php/values.js';
import type { AamContext } from './context.js';

/** The claims of a registry token without any validation (null when the payload is unreadable). */
export function peekClaims(token: string): PhpObject | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const payload = decodeSegment(parts[1] as string);
  return payload.ok ? payload.value : null;
}

/** `signed_url`: `site_url()` with `aam-jwt` appended (no slash before `?` on a root install). */
export function signedUrl(ctx: AamContext, token: string): string {
  return `${ctx.siteUrl}?aam-jwt=${token}`;
}

/** The token model of FJ 180–208 (validation steps 1–5 only, no registry check). */
export async function tokenModel(ctx: AamContext, token: string): Promise<PhpMap> {
  const check = await ctx.jwt.check(token);
  if (check.valid) {
    return new Map<string, PhpValue>([
      ['id', check.claims.props.get('jti') ?? null],
      ['is_valid', true],
      ['claims', check.claims],
      ['signed_url', signedUrl(ctx, token)],
      ['token', token],
    ]);
  }
  const model = new Map<string, PhpValue>([['is_valid', false], ['error', check.error]]);
  if (check.claims) {
    model.set('id', check.claims.props.get('jti') ?? null);
    model.set('claims', check.claims);
  }
  model.set('token', token);
  return model;
}

/** `_prepare_token_output()`: `token` first, then each requested field (or null). */
export function pickFields(model: PhpMap, fields: readonly string[]): PhpMap {
  const out = new Map<string, PhpValue>([['token', model.get('token') ?? null]]);
  for (const field of fields) out.set(field, model.has(field) ? (model.get(field) as PhpValue) : null);
  return out;
}
