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

/** `rest_validate_value_from_schema()` for the types AAM's args use. */
export function validateValue(value: PhpValue, spec: ArgSpec, param: string): true | WpError {
  switch (spec.type) {
    case 'boolean': return isBoolean(value) ? true : typeError(param, 'boolean');
    case 'object': return isObject(value) ? true : typeError(param, 'object');
    case 'string': return typeof value === 'string' ? true : typeError(param, 'string');
    case 'integer': return isInteger(value) ? true : typeError(param, 'integer');
    default: return true; // unknown types (AAM's "date-time") are not validated
  }
}

/** `rest_sanitize_value_from_schema()` */
export function sanitizeValue(value: PhpValue, spec: ArgSpec): PhpValue {
  switch (spec.type) {
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
