import { hash } from 'node:crypto';

/** Fixed namespace for every id this generator derives (a UUID v5 namespace). */
const NAMESPACE = 'b3f1c7de-4a1e-5d2b-9c6e-0a9d2f6c1e47';
const NAMESPACE_BYTES = Buffer.from(NAMESPACE.replaceAll('-', ''), 'hex');
/** The namespace followed by room for a name: the hashed input is written here, not concatenated anew. */
const SCRATCH = Buffer.alloc(NAMESPACE_BYTES.length + 1024);
NAMESPACE_BYTES.copy(SCRATCH);

/**
 * A name-based UUID (RFC 9562 version 5, SHA-1) so that the same name always gives the same id:
 * regenerating a collection never changes its ids.
 */
export function stableId(...parts: string[]): string {
  const name = parts.join('\u0000');
  // one-shot crypto.hash straight to hex: a collection asks for thousands of ids (a UTF-16 unit takes ≤ 3 bytes)
  const input = name.length * 3 <= SCRATCH.length - NAMESPACE_BYTES.length
    ? SCRATCH.subarray(0, NAMESPACE_BYTES.length + SCRATCH.write(name, NAMESPACE_BYTES.length, 'utf8'))
    : Buffer.concat([NAMESPACE_BYTES, Buffer.from(name, 'utf8')]);
  const hex = hash('sha1', input, 'hex');
  // version 5 in the high nibble of byte 6 (hex digit 12), variant 10xx in byte 8 (hex digit 16)
  const variant = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
