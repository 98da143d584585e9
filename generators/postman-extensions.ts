/**
 * The `x-postman-*` Specification Extensions (OAS §4.9) the generator reads: data in the spec that
 * tells it the Postman conveniences of a request — where it goes, what it sends, what it keeps from
 * the answer, and which operation logs in. Documented in generators/README.md.
 * @see https://spec.openapis.org/oas/v3.1.0#specification-extensions
 */
import { SpecError } from './errors.js';
import { displayPath, type Location } from './load-spec.js';
import { childPointer } from './lib/json-pointer.js';
import { isObject, type JsonObject } from './lib/type-checks.js';

/** Where the login operation's answer carries the token and its expiry (RFC 6901 pointers). */
export interface LoginExtension {
  /** the bearer token */
  readonly token: string;
  /** the expiry as a Unix time in seconds */
  readonly expiresAt?: string;
  /** the lifetime in seconds from now (OAuth 2 `expires_in`) */
  readonly expiresIn?: string;
  /** `body`: the JSON body the automatic login sends instead of the request's (present = given) */
  readonly body?: { readonly value: unknown };
}

/** The Postman extensions of one Operation Object, checked. */
export interface OperationExtensions {
  /** `x-postman-order`: position inside its folder (lower first; absent = after the ordered ones). */
  readonly order?: number;
  /** `x-postman-folder`: the Postman folder, instead of the first tag. */
  readonly folder?: string;
  /** `x-postman-body`: the body the request sends (present = given, even `null`). */
  readonly body?: { readonly value: unknown };
  /** `x-postman-capture`: variable → pointer into a 2xx JSON answer. */
  readonly capture: Readonly<Record<string, string>>;
  /** `x-postman-capture-cookie`: variable → pattern on cookie names; keeps `name=value` of the first matching `Set-Cookie` of a 2xx answer. */
  readonly captureCookie: Readonly<Record<string, string>>;
  /** `x-postman-login`: this operation logs in. */
  readonly login?: LoginExtension;
  /** `x-postman-clear-cookies`: clear the cookie jar after the answer (`true`, or the reason shown in the warning). */
  readonly clearCookies: boolean | string;
}

const OPERATION_KEYS = ['x-postman-order', 'x-postman-folder', 'x-postman-body', 'x-postman-capture', 'x-postman-capture-cookie', 'x-postman-login', 'x-postman-clear-cookies'];
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const POINTER = /^(\/([^~/]|~[01])*)*$/;

function fail(at: Location, key: string, message: string): never {
  throw new SpecError('ERR_SPEC_INVALID', displayPath(at.file), childPointer(at.pointer, key), message);
}

function pointer(value: unknown, at: Location, key: string): string {
  if (typeof value !== 'string' || !POINTER.test(value)) fail(at, key, 'must be an RFC 6901 JSON pointer such as "/jwt/token" ("" = the whole body)');
  return value;
}

/** Reads and checks the `x-postman-*` keys of an operation; unknown `x-postman-*` keys are an error (typos). */
export function operationExtensions(operation: JsonObject, at: Location): OperationExtensions {
  for (const key of Object.keys(operation)) {
    if (key.startsWith('x-postman-') && !OPERATION_KEYS.includes(key)) fail(at, key, `unknown extension (known on operations: ${OPERATION_KEYS.join(', ')})`);
  }
  const order = operation['x-postman-order'];
  if (order !== undefined && (typeof order !== 'number' || !Number.isFinite(order))) fail(at, 'x-postman-order', 'must be a number');
  const folder = operation['x-postman-folder'];
  if (folder !== undefined && (typeof folder !== 'string' || folder.trim() === '')) fail(at, 'x-postman-folder', 'must be a non-empty string');
  const clearCookies = operation['x-postman-clear-cookies'];
  if (clearCookies !== undefined && typeof clearCookies !== 'boolean' && (typeof clearCookies !== 'string' || clearCookies.trim() === '')) {
    fail(at, 'x-postman-clear-cookies', 'must be true, false or the reason (a non-empty string)');
  }
  return {
    ...(order === undefined ? {} : { order }),
    ...(folder === undefined ? {} : { folder }),
    ...('x-postman-body' in operation ? { body: { value: operation['x-postman-body'] } } : {}),
    capture: captureMap(operation['x-postman-capture'], at),
    captureCookie: cookieCaptureMap(operation['x-postman-capture-cookie'], at),
    ...(operation['x-postman-login'] === undefined ? {} : { login: loginExtension(operation['x-postman-login'], at) }),
    clearCookies: (clearCookies as boolean | string | undefined) ?? false,
  };
}

function captureMap(raw: unknown, at: Location): Record<string, string> {
  if (raw === undefined) return {};
  if (!isObject(raw)) fail(at, 'x-postman-capture', 'must map variable names to JSON pointers');
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (!VARIABLE_NAME.test(name)) fail(at, 'x-postman-capture', `"${name}" is not a variable name`);
    out[name] = pointer(value, { file: at.file, pointer: childPointer(at.pointer, 'x-postman-capture') }, name);
  }
  return out;
}

function cookieCaptureMap(raw: unknown, at: Location): Record<string, string> {
  if (raw === undefined) return {};
  const key = 'x-postman-capture-cookie';
  if (!isObject(raw)) fail(at, key, 'must map variable names to patterns on cookie names');
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (!VARIABLE_NAME.test(name)) fail(at, key, `"${name}" is not a variable name`);
    const where = { file: at.file, pointer: childPointer(at.pointer, key) };
    if (typeof value !== 'string' || value === '') fail(where, name, 'must be a regular expression on cookie names, e.g. "^wordpress_logged_in_"');
    try {
      new RegExp(value);
    } catch {
      fail(where, name, `"${value}" is not a regular expression`);
    }
    out[name] = value;
  }
  return out;
}

function loginExtension(raw: unknown, at: Location): LoginExtension {
  const where = { file: at.file, pointer: childPointer(at.pointer, 'x-postman-login') };
  if (!isObject(raw)) fail(at, 'x-postman-login', 'must be an object with "token" and "expiresAt" or "expiresIn"');
  for (const key of Object.keys(raw)) {
    if (!['token', 'expiresAt', 'expiresIn', 'body'].includes(key)) fail(where, key, 'unknown key (known: token, expiresAt, expiresIn, body)');
  }
  if (raw.expiresAt !== undefined && raw.expiresIn !== undefined) fail(where, 'expiresIn', 'give expiresAt or expiresIn, not both');
  return {
    token: pointer(raw.token, where, 'token'),
    ...(raw.expiresAt === undefined ? {} : { expiresAt: pointer(raw.expiresAt, where, 'expiresAt') }),
    ...(raw.expiresIn === undefined ? {} : { expiresIn: pointer(raw.expiresIn, where, 'expiresIn') }),
    ...('body' in raw ? { body: { value: raw.body } } : {}),
  };
}

/** `x-postman-value` of a Parameter Object: the value its example request sends (enabled even when optional). */
export function parameterValue(param: JsonObject, at: Location): string | undefined {
  for (const key of Object.keys(param)) {
    if (key.startsWith('x-postman-') && key !== 'x-postman-value') fail(at, key, 'unknown extension (known on parameters: x-postman-value)');
  }
  const value = param['x-postman-value'];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') fail(at, 'x-postman-value', 'must be a string, number or boolean');
  return String(value);
}

/** Names of the `{{variables}}` used in a value's strings (keys and nested values included), in order of first use. */
export function variablesIn(value: unknown, found: Set<string> = new Set()): Set<string> {
  if (typeof value === 'string') {
    for (const match of value.matchAll(/\{\{([^{}]+)\}\}/g)) {
      const name = match[1]?.trim() ?? '';
      if (name !== '' && !name.startsWith('$')) found.add(name);
    }
  } else if (Array.isArray(value)) {
    for (const entry of value) variablesIn(entry, found);
  } else if (isObject(value)) {
    for (const [key, entry] of Object.entries(value)) {
      variablesIn(key, found);
      variablesIn(entry, found);
    }
  }
  return found;
}
