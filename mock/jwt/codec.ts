import { createHmac, sign } from 'node:crypto';
import { phpJsonDecode } from '../php/json-decode.js';
import { phpJsonEncode } from '../php/json-encode.js';
import { PhpObject } from '../php/values.js';
import type { PhpMap, PhpValue } from '../php/values.js';
import type { JwtKeys } from './keys.js';

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** Firebase-style `urlsafeB64Decode`: PHP's lenient `base64_decode` ignores foreign characters. */
export function lenientBase64UrlDecode(segment: string): Buffer {
  // fast path: nothing to skip or translate (the decoder reads both alphabets the same way)
  if (BASE64URL.test(segment)) return Buffer.from(segment, 'base64url');
  const std = segment.replace(/-/g, '+').replace(/_/g, '/').replace(/[^A-Za-z0-9+/]/g, '');
  return Buffer.from(std, 'base64');
}

/** Decode one JSON segment the way AAM does; errors carry AAM's messages. */
export function decodeSegment(segment: string): { ok: true; value: PhpObject } | { ok: false; message: string } {
  const decoded = phpJsonDecode(lenientBase64UrlDecode(segment), { assoc: false, bigintAsString: true });
  if (!decoded.ok) return { ok: false, message: `Failed to decode JSON with error ${decoded.code}` };
  if (!(decoded.value instanceof PhpObject)) return { ok: false, message: 'Unexpected segment value' };
  return { ok: true, value: decoded.value };
}

/**
 * Sign a claim set: header exactly `{"typ":"JWT","alg":…}`, payload with unescaped slashes.
 * Signing is synchronous (node:crypto) so tokens can be issued without awaiting; verification uses jose
 * (`verifier.ts`).
 */
export function signClaims(claims: PhpMap, keys: JwtKeys): string {
  const enc = (s: string): string => Buffer.from(s, 'utf8').toString('base64url');
  const input = `${enc(`{"typ":"JWT","alg":"${keys.algorithm}"}`)}.${enc(phpJsonEncode(claims, { escapeSlashes: false }))}`;
  const hash = `sha${keys.algorithm.slice(2)}`;
  if (keys.algorithm.startsWith('HS')) return `${input}.${createHmac(hash, keys.secret).update(input).digest('base64url')}`;
  if (!keys.privateKey) throw new Error('The signing key cannot be empty');
  return `${input}.${sign(hash, Buffer.from(input), keys.privateKey).toString('base64url')}`;
}

export type { PhpValue };
