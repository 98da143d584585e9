/**
 * PHP value model used wherever byte-exact JSON matters.
 *
 * - `number` is a PHP int inside the JS safe range, `bigint` a PHP int outside it (int64),
 *   `PhpFloat` a PHP float (so `1.5` and `1e25` print the way PHP prints them).
 * - `Map` is a PHP array: keys keep insertion order (integer-like keys included, which plain JS
 *   objects would reorder); it encodes as a JSON list when its keys are 0..n-1, else as an object.
 * - `PhpObject` is a `stdClass` (always encodes as an object, `{}` when empty).
 * - JS arrays are PHP lists; plain JS objects are used for fixed response shapes we build ourselves.
 */
export class PhpFloat {
  readonly value: number;
  constructor(value: number) {
    this.value = value;
  }
}

export class PhpObject {
  readonly props: Map<string, PhpValue>;
  constructor(props: Map<string, PhpValue> = new Map()) {
    this.props = props;
  }
}

export type PhpMap = Map<string, PhpValue>;
export type PhpValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | PhpFloat
  | PhpObject
  | PhpValue[]
  | PhpMap
  | { readonly [key: string]: PhpValue | undefined };

const INT_KEY = /^(0|-?[1-9][0-9]*)$/;
const INT64_MAX = 9223372036854775807n;

/** True when PHP would store `key` as an integer array key. */
export function isIntKey(key: string): boolean {
  if (!INT_KEY.test(key)) return false;
  const n = BigInt(key);
  return n <= INT64_MAX && n >= -INT64_MAX - 1n;
}

/** PHP `empty()`. */
export function phpEmpty(value: PhpValue | undefined): boolean {
  if (value === undefined || value === null || value === false) return true;
  if (value === 0 || value === 0n || value === '' || value === '0') return true;
  if (value instanceof PhpFloat) return value.value === 0;
  if (Array.isArray(value)) return value.length === 0;
  if (value instanceof Map) return value.size === 0;
  return false;
}

/** PHP `intval()` for the scalar values a request can carry. */
export function phpIntval(value: PhpValue | undefined): number {
  if (typeof value === 'number') return Math.trunc(value);
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof PhpFloat) return Number.isFinite(value.value) ? Math.trunc(value.value) : 0;
  if (typeof value === 'string') {
    const m = /^[ \t\n\r\v\f]*([+-]?[0-9]+)/.exec(value);
    return m?.[1] ? Number.parseInt(m[1], 10) : 0;
  }
  if (Array.isArray(value)) return value.length ? 1 : 0;
  if (value instanceof Map) return value.size ? 1 : 0;
  return 0;
}

/** A numeric view of a value for PHP-style numeric comparisons (null when not numeric). */
export function phpNumeric(value: PhpValue | undefined): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof PhpFloat) return value.value;
  if (typeof value === 'string' && /^[ \t\n\r\v\f]*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?[ \t\n\r\v\f]*$/.test(value)) {
    return Number(value);
  }
  return null;
}

/** PHP truthiness (`(bool)`). */
export function phpTruthy(value: PhpValue | undefined): boolean {
  if (value instanceof PhpObject) return true;
  return !phpEmpty(value);
}

/** Look a key up in a PHP array or stdClass (undefined when absent). */
export function phpGet(container: PhpValue | undefined, key: string): PhpValue | undefined {
  if (container instanceof Map) return container.get(key);
  if (container instanceof PhpObject) return container.props.get(key);
  if (Array.isArray(container) && isIntKey(key)) return container[Number(key)];
  return undefined;
}

/** PHP `isset($a[$k])`: present and not null. */
export function phpIsset(container: PhpValue | undefined, key: string): boolean {
  const v = phpGet(container, key);
  return v !== undefined && v !== null;
}

/** Convert a PHP list or stdClass into an ordered PHP array (`(array)` cast). */
export function toPhpArray(value: PhpValue | undefined): PhpMap {
  if (value instanceof Map) return new Map(value);
  if (value instanceof PhpObject) return new Map(value.props);
  if (Array.isArray(value)) return new Map(value.map((v, i) => [String(i), v]));
  if (value === null || value === undefined) return new Map();
  if (typeof value === 'object' && !(value instanceof PhpFloat)) {
    return new Map(Object.entries(value).filter((e): e is [string, PhpValue] => e[1] !== undefined));
  }
  return new Map([['0', value]]);
}

/** PHP `array_merge()` of two arrays: string keys overwrite in place, integer keys are renumbered. */
export function arrayMerge(first: PhpMap, second: PhpMap): PhpMap {
  const out: PhpMap = new Map();
  let next = 0;
  for (const source of [first, second]) {
    for (const [k, v] of source) {
      if (isIntKey(k)) out.set(String(next++), v);
      else out.set(k, v);
    }
  }
  return out;
}
