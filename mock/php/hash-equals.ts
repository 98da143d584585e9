import { timingSafeEqual } from 'node:crypto';

/** PHP's `hash_equals()`: same length and same bytes, compared in constant time. */
export function hashEquals(known: string, given: string): boolean {
  const a = Buffer.from(known);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
