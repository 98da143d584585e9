import { PhpTypeError } from '../php/errors.js';
import { PhpFloat, PhpObject, phpNumeric } from '../php/values.js';
import type { PhpValue } from '../php/values.js';

/** PHP 8 `$a <=> $b` where `$b` is an int (how AAM compares claims with `time()`). */
export function compareWithInt(a: PhpValue | undefined, b: number): number {
  if (a === null || a === undefined || typeof a === 'boolean') {
    const x = a === true ? 1 : 0;
    const y = b !== 0 ? 1 : 0;
    return Math.sign(x - y);
  }
  if (Array.isArray(a) || a instanceof Map) return 1;
  if (a instanceof PhpObject) return Math.sign(1 - b);
  if (typeof a === 'string') {
    const n = phpNumeric(a);
    if (n === null) {
      const s = String(b);
      return a === s ? 0 : a > s ? 1 : -1;
    }
    return Math.sign(n - b);
  }
  const n = a instanceof PhpFloat ? a.value : typeof a === 'bigint' ? Number(a) : typeof a === 'number' ? a : 0;
  return Math.sign(n - b);
}

/**
 * `date(DateTime::ATOM, $ts)` in UTC. `$ts` is `?int`: a numeric string is coerced, a non-numeric string
 * ("a", "", "12abc"), an array or an object is a TypeError (a fatal error, e.g. for a claim `"iat": "a"`).
 */
export function isoDate(value: PhpValue | undefined): string {
  if ((typeof value === 'string' && phpNumeric(value) === null) || Array.isArray(value) || value instanceof Map || value instanceof PhpObject) {
    throw new PhpTypeError('date(): Argument #2 ($timestamp) must be of type ?int');
  }
  const n = Math.trunc(phpNumeric(value ?? 0) ?? 0);
  const d = new Date(n * 1000);
  if (Number.isNaN(d.getTime())) return '1970-01-01T00:00:00+00:00';
  const pad = (x: number, l = 2): string => String(x).padStart(l, '0');
  const y = d.getUTCFullYear();
  const year = y < 0 ? `-${pad(-y, 4)}` : pad(y, 4);
  return `${year}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+00:00`;
}
