/**
 * `rest_filter_response_fields()` (on `rest_post_dispatch`): `_fields` keeps only the named keys of a
 * successful answer (`a.b` names nested keys), per element when the answer is a list. Non-array data
 * (a stdClass) is a TypeError in `array_intersect_key()`, i.e. a fatal error.
 */
import { PhpTypeError } from '../php/errors.js';
import { PhpFloat, PhpObject, isIntKey, toPhpArray } from '../php/values.js';
import type { PhpMap, PhpValue } from '../php/values.js';
import type { RestRequest } from './request.js';


type Tree = Map<string, Tree | true>;

/** `wp_parse_list()` */
function parseList(v: PhpValue): string[] {
  if (v instanceof Map) return [...v.values()].filter((x) => typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean' || x instanceof PhpFloat).map(String);
  if (Array.isArray(v)) return v.filter((x) => typeof x === 'string' || typeof x === 'number').map(String);
  const s = v === null ? '' : v === true ? '1' : v === false ? '' : String(v);
  return s.split(/[\s,]+/).filter((x) => x !== '');
}

function buildTree(fields: string[]): Tree {
  const root: Tree = new Map();
  outer: for (const field of fields) {
    const parts = field.split('.');
    let ref = root;
    while (parts.length > 1) {
      const next = parts.shift() as string;
      const existing = ref.get(next);
      if (existing === true) continue outer;
      const sub = existing ?? new Map();
      ref.set(next, sub);
      ref = sub;
    }
    ref.set(parts.shift() as string, true);
  }
  return root;
}

/** Is it a PHP array (not a stdClass, not a scalar)? Plain objects built by the routes are PHP arrays. */
function isPhpArray(v: PhpValue): boolean {
  return v instanceof Map || Array.isArray(v) || (v !== null && typeof v === 'object' && !(v instanceof PhpObject) && !(v instanceof PhpFloat));
}

function intersect(data: PhpValue, tree: Tree): PhpValue {
  if (!isPhpArray(data)) throw new PhpTypeError('array_intersect_key(): Argument #1 ($array) must be of type array');
  const out: PhpMap = new Map();
  for (const [k, v] of toPhpArray(data)) {
    const sub = tree.get(k);
    if (sub === undefined) continue;
    out.set(k, sub !== true && isPhpArray(v) ? intersect(v, sub) : v);
  }
  return out;
}

export function filterResponseFields(data: PhpValue, req: RestRequest): PhpValue {
  const raw = req.getParam('_fields');
  if (raw === undefined) return data;
  const fields = parseList(raw).map((f) => f.trim());
  if (fields.length === 0) return data;
  const tree = buildTree(fields);
  if (!isPhpArray(data)) throw new PhpTypeError('array_intersect_key(): Argument #1 ($array) must be of type array');
  const arr = toPhpArray(data);
  if ([...arr.keys()].every((k) => isIntKey(k))) return [...arr.values()].map((item) => intersect(item, tree));
  return intersect(data, tree);
}
