import { createHash } from 'node:crypto';

/** Fixed namespace for every id this generator derives (a UUID v5 namespace). */
const NAMESPACE = 'b3f1c7de-4a1e-5d2b-9c6e-0a9d2f6c1e47';

/**
 * A name-based UUID (RFC 9562 version 5, SHA-1) so that the same name always gives the same id:
 * regenerating a collection never changes its ids.
 */
export function stableId(...parts: string[]): string {
  const hash = createHash('sha1');
  hash.update(Buffer.from(NAMESPACE.replaceAll('-', ''), 'hex'));
  hash.update(parts.join('\u0000'), 'utf8');
  const bytes = hash.digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
