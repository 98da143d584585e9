/**
 * The convenience scripts of a generated collection (generators/scripts/): the collection-level
 * automatic login and the after-response script of documentation requests that keep values from
 * their answer or clear cookies. Each exec is a fixed, linted body plus one generated call carrying
 * its data as JSON; no spec text is spliced into code.
 */
import { scriptLines } from './contract.js';

/** readPointer (json-pointer.js, the contract test's too), setVariable, capturedValue: put before each convenience script. */
export const SCRIPT_HELPERS_BODY = [...scriptLines('json-pointer.js'), ...scriptLines('script-helpers.js')];
export const AUTO_LOGIN_BODY = scriptLines('auto-login.js');
export const AFTER_RESPONSE_BODY = scriptLines('after-response.js');
export const SERVER_VARIABLES_BODY = scriptLines('server-variables.js');

/** One value an answer hands to a variable. */
export interface CaptureEntry {
  readonly variable: string;
  /** RFC 6901 pointer into the JSON answer */
  readonly pointer: string;
  /** the value is a lifetime in seconds: store now + value (a Unix time) */
  readonly expiresIn?: true;
}

/** Data of the after-response script of one request. */
export interface AfterResponseData {
  readonly operationId: string;
  /** stored after a 2xx answer */
  readonly capture: readonly CaptureEntry[];
  /** variable → pattern on cookie names: `name=value` of the first matching Set-Cookie of a 2xx answer */
  readonly captureCookie?: Readonly<Record<string, string>>;
  readonly clearCookies: boolean;
}

/** The login request as the automatic login sends it: `{{variables}}` resolved when it runs. */
export interface LoginRequestData {
  readonly method: string;
  readonly url: string;
  readonly header: ReadonlyArray<{ readonly key: string; readonly value: string }>;
  /** a JSON body, rebuilt from this value */
  readonly json?: unknown;
  readonly form?: ReadonlyArray<{ readonly key: string; readonly value: string }>;
  readonly raw?: string;
}

/** Data of the collection-level automatic login. */
export interface AutoLoginData {
  /** the login request's name (shown in the test it reports) */
  readonly name: string;
  readonly request: LoginRequestData;
  /** variables that must be set for it to run (every one the login request uses) */
  readonly requires: readonly string[];
  /** pointer of the token in the answer */
  readonly token: string;
  readonly expires?: { readonly pointer: string; readonly expiresIn?: true };
  readonly tokenVariable: string;
  readonly expiresVariable: string;
  readonly switchVariable: string;
  /** log in again when the token expires within this many seconds */
  readonly margin: number;
}

export function afterResponseExec(data: AfterResponseData): string[] {
  return [...SCRIPT_HELPERS_BODY, ...AFTER_RESPONSE_BODY, `afterResponse(pm, ${JSON.stringify(data)});`];
}

export function autoLoginExec(data: AutoLoginData): string[] {
  return [...SCRIPT_HELPERS_BODY, ...AUTO_LOGIN_BODY, `autoLogin(pm, ${JSON.stringify(data)});`];
}

/** Data of the collection-level script that takes server variables from the base URL. */
export interface ServerVariablesData {
  /** the collection's base URL variable */
  readonly baseVariable: string;
  /** a regular expression of the base URL's server template, one group per variable occurrence */
  readonly pattern: string;
  /** each variable and the group that holds its value */
  readonly variables: ReadonlyArray<{ readonly name: string; readonly group: number }>;
}

export function serverVariablesExec(data: ServerVariablesData): string[] {
  return [...SERVER_VARIABLES_BODY, `serverVariables(pm, ${JSON.stringify(data)});`];
}
