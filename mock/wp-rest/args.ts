import { PhpFloat, PhpObject, phpNumeric } from '../php/values.js';
import type { PhpMap, PhpValue } from '../php/values.js';
import { WpError, errorBody } from './errors.js';
import type { RestRequest } from './request.js';
import type { ArgSpec } from './types.js';

/** `rest_is_boolean()` */
function isBoolean(v: PhpValue): boolean {
  if (typeof v === 'boolean') return true;
  if (typeof v === 'string') return ['false', 'true', '0', '1'].includes(v.toLowerCase());
  if (typeof v === 'number' && Number.isInteger(v)) return v === 0 || v === 1;
  return false;
}

/** `rest_is_integer()`: `is_numeric()` and a whole number (`"1.0"`, `"1e0"`, `" 1"` and `1.0` are integers). */
function isInteger(v: PhpValue): boolean {
  if (typeof v === 'number' || typeof v === 'bigint') return true;
  const n = typeof v === 'string' ? phpNumeric(v) : v instanceof PhpFloat ? v.value : null;
  return n !== null && Number.isFinite(n) && Math.round(n) === n;
}

/** `rest_is_object()` */
function isObject(v: PhpValue): boolean {
  return v === '' || v instanceof PhpObject || v instanceof Map || Array.isArray(v);
}

function typeError(param: string, type: string): WpError {
  return new WpError('rest_invalid_type', `${param} is not of type ${type}.`, { param });
}

/** The built-in types of `rest_validate_value_from_schema()`, each with its check. */
const TYPE_CHECKS: Readonly<Record<string, (v: PhpValue) => boolean>> = {
  boolean: isBoolean,
  object: isObject,
  string: (v) => typeof v === 'string',
  integer: isInteger,
  number: (v) => typeof v === 'number' || typeof v === 'bigint' || v instanceof PhpFloat || (typeof v === 'string' && phpNumeric(v) !== null),
  null: (v) => v === null,
};

/** `rest_get_best_type_for_value()`: the first listed type the value passes (`''` is a string when allowed). */
function bestType(value: PhpValue, types: readonly string[]): string | undefined {
  if (value === '' && types.includes('string')) return 'string';
  return types.find((type) => TYPE_CHECKS[type]?.(value) === true);
}

/** The single type a value is checked against: the spec's type, or the best of a multi-type list (undefined = none fits). */
function resolvedType(value: PhpValue, spec: ArgSpec): string | undefined {
  return typeof spec.type === 'string' ? spec.type : spec.type === undefined ? undefined : bestType(value, spec.type);
}

/** `wp_sprintf()`'s `%l`: `a`, `a and b`, `a, b, and c`. */
function listing(items: readonly string[]): string {
  if (items.length <= 2) return items.join(' and ');
  return `${items.slice(0, -1).join(', ')}, and ${items.at(-1) ?? ''}`;
}

/** `rest_validate_enum()` (scalar enum values compared after sanitizing). */
function validateEnum(value: PhpValue, spec: ArgSpec, param: string): true | WpError {
  const values = spec.enum ?? [];
  const sanitized = sanitizeValue(value, spec);
  if (values.some((v) => v === sanitized)) return true;
  const shown = values.map((v) => String(v));
  const message = shown.length === 1 ? `${param} is not ${shown[0] ?? ''}.` : `${param} is not one of ${listing(shown)}.`;
  return new WpError('rest_not_in_enum', message);
}

/** `wp_is_uuid()` without a version: lower-case hex only. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** `rest_validate_value_from_schema()` for the schemas AAM's args use: type (or types), then enum, then format. */
export function validateValue(value: PhpValue, spec: ArgSpec, param: string): true | WpError {
  const type = resolvedType(value, spec);
  if (Array.isArray(spec.type) && type === undefined) return typeError(param, spec.type.join(','));
  const check = type === undefined ? undefined : TYPE_CHECKS[type];
  // unknown types (AAM's "date-time") are not validated
  if (check && !check(value)) return typeError(param, type ?? '');
  if (spec.enum !== undefined && spec.enum.length > 0) {
    const inEnum = validateEnum(value, spec, param);
    if (inEnum !== true) return inEnum;
  }
  const stringLike = type === undefined || type === 'string' || TYPE_CHECKS[type] === undefined;
  if (spec.format === 'uuid' && stringLike && !(typeof value === 'string' && UUID.test(value))) {
    return new WpError('rest_invalid_uuid', `${param} is not a valid UUID.`);
  }
  return true;
}

/** `rest_sanitize_value_from_schema()` */
export function sanitizeValue(value: PhpValue, spec: ArgSpec): PhpValue {
  switch (resolvedType(value, spec)) {
    case 'boolean': {
      if (typeof value === 'string') return !['false', '0'].includes(value.toLowerCase()) && value !== '';
      return value === true || value === 1;
    }
    case 'object': {
      if (value === '') return new Map();
      if (value instanceof PhpObject) return new Map(value.props);
      return value;
    }
    case 'string': return typeof value === 'string' ? value : String(value);
    case 'integer': {
      // `(int)`: a numeric string converts whole (`"1e2"` → 100, `" 1"` → 1), a float is truncated
      const n = typeof value === 'string' ? phpNumeric(value) : value instanceof PhpFloat ? value.value : null;
      return n === null ? value : Math.trunc(n);
    }
    default: return value;
  }
}

function invalidParams(params: PhpMap, details: PhpMap): WpError {
  return new WpError('rest_invalid_param', `Invalid parameter(s): ${[...params.keys()].join(', ')}`, { status: 400, params, details });
}

/** `has_valid_params()`: JSON parse, required args, then `validate_callback`s. */
export function hasValidParams(req: RestRequest, args: Readonly<Record<string, ArgSpec>>): true | WpError {
  const json = req.parseJsonParams();
  if (json !== true) return json;
  const required = Object.entries(args).filter(([k, a]) => a.required === true && req.getParam(k) === undefined).map(([k]) => k);
  if (required.length > 0) {
    return new WpError('rest_missing_callback_param', `Missing parameter(s): ${required.join(', ')}`, { status: 400, params: required });
  }
  const params: PhpMap = new Map();
  const details: PhpMap = new Map();
  for (const [key, spec] of Object.entries(args)) {
    const value = req.getParam(key);
    if (value === undefined || !spec.validate) continue;
    const check = spec.validate(value, req, key);
    if (check === false) params.set(key, 'Invalid parameter.');
    if (check instanceof WpError) {
      params.set(key, check.message);
      details.set(key, errorBody(check));
    }
  }
  return params.size > 0 ? invalidParams(params, details) : true;
}

/** `sanitize_params()`: every source, every registered key, type-checked then coerced. */
export function sanitizeParams(req: RestRequest, args: Readonly<Record<string, ArgSpec>>): true | WpError {
  const params: PhpMap = new Map();
  const details: PhpMap = new Map();
  for (const source of req.parameterOrder()) {
    for (const [key, value] of req.entries(source)) {
      const spec = args[key];
      if (!spec || !Object.hasOwn(args, key) || !spec.type) continue;
      const valid = validateValue(value, spec, key);
      if (valid instanceof WpError) {
        params.set(key, valid.message);
        details.set(key, errorBody(valid));
      } else {
        req.set(source, key, sanitizeValue(value, spec));
      }
    }
  }
  return params.size > 0 ? invalidParams(params, details) : true;
}
