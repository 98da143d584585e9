/**
 * The Postman conveniences of one operation, from its `x-postman-*` extensions (postman-extensions.ts):
 * the after-response script that keeps values from the answer (captures, the login's token and expiry)
 * and clears cookies, the lines of the request's description that say so, the login request for the
 * collection's automatic login, and the `{{variables}}` the request uses.
 */
import type { LoginExtension, OperationExtensions } from '../postman-extensions.js';
import { variablesIn } from '../postman-extensions.js';
import type { AfterResponseData, CaptureEntry, LoginRequestData } from '../postman-scripts.js';
import { afterResponseExec } from '../postman-scripts.js';
import type { PostmanEvent, PostmanRequest } from '../postman-v2.1.js';

/** Variables of the login convention: the collection's bearer variable and its companions. */
export interface LoginVariables {
  readonly token: string;
  readonly expires: string;
  readonly switch: string;
}

export function loginVariables(tokenVariable: string): LoginVariables {
  return { token: tokenVariable, expires: `${tokenVariable}_expires`, switch: 'auto_login' };
}

export interface OperationConveniences {
  /** the after-response event, when the request keeps or clears something */
  readonly event?: PostmanEvent;
  /** Markdown paragraphs for the request's description */
  readonly notes: readonly string[];
  /** variables the answer sets */
  readonly captured: readonly string[];
  /** the login request (operations with `x-postman-login`) */
  readonly login?: { readonly extension: LoginExtension; readonly request: LoginRequestData };
}

/** What the request keeps from a 2xx answer: the login's token and expiry first, then `x-postman-capture`. */
function captureEntries(extensions: OperationExtensions, names: LoginVariables): CaptureEntry[] {
  const entries: CaptureEntry[] = [];
  const { login } = extensions;
  if (login !== undefined) {
    entries.push({ variable: names.token, pointer: login.token });
    if (login.expiresAt !== undefined) entries.push({ variable: names.expires, pointer: login.expiresAt });
    if (login.expiresIn !== undefined) entries.push({ variable: names.expires, pointer: login.expiresIn, expiresIn: true });
  }
  for (const [variable, pointer] of Object.entries(extensions.capture)) entries.push({ variable, pointer });
  return entries;
}

const code = (text: string): string => `\`${text}\``;

/** `jarOff`: every request of the collection has Postman's cookie jar off (`disableCookies`). */
export function transformConveniences(operationId: string, extensions: OperationExtensions, request: PostmanRequest, names: LoginVariables, jarOff = false): OperationConveniences {
  const capture = captureEntries(extensions, names);
  const notes: string[] = [];
  if (capture.length > 0) {
    const list = capture.map((c) => `${code(`{{${c.variable}}}`)} ← ${code(c.pointer === '' ? '(the body)' : c.pointer)}${c.expiresIn === true ? ' (as now + seconds)' : ''}`);
    notes.push(`**Keeps** (after a 2xx answer, for the requests that follow): ${list.join(', ')}.`);
  }
  const cookies = Object.entries(extensions.captureCookie);
  if (cookies.length > 0) {
    const list = cookies.map(([variable, pattern]) => `${code(`{{${variable}}}`)} ← ${code('name=value')} of the cookie named ${code(`/${pattern}/`)}`);
    notes.push(`**Keeps** (after a 2xx answer, from its \`Set-Cookie\` headers): ${list.join(', ')}.`);
  }
  if (extensions.login !== undefined) {
    const own = extensions.login.body === undefined ? '' : ` (with the body ${code(JSON.stringify(extensions.login.body.value))} instead of this one's)`;
    notes.push([
      `**Log in.** Before a request that inherits the collection's bearer auth, the collection sends this request${own} by itself when`,
      `${code(`{{${names.token}}}`)} is empty or expires within a minute and every variable it uses is set;`,
      `set ${code(names.switch)} to ${code('off')} to turn that off.`,
    ].join(' '));
  }
  // With Postman's cookie jar off on every request (a spec with a cookie scheme: request-behavior.ts) the
  // answer's cookies are never stored nor sent (measured in Newman against real AAM 6.9.32): the warning
  // stays, the clearing script is not needed.
  const clearCookies = extensions.clearCookies !== false && !jarOff;
  if (extensions.clearCookies !== false) {
    const reason = typeof extensions.clearCookies === 'string' ? ` ${extensions.clearCookies.trim()}` : '';
    notes.push(jarOff
      ? [
          `> **Cookie warning.** The answer sets cookies, and a client that keeps cookies (a browser, the Postman app or`,
          `Newman with the cookie jar on) sends them with every later request to the site.${reason} Every request of this`,
          `collection therefore has Postman's cookie jar off (request settings: "Disable cookie jar"): keep it off, or`,
          `delete the site's cookies after sending this request.`,
        ].join(' ')
      : [
          `> **Cookie warning.** The answer sets cookies, and a client that keeps cookies (the Postman app, Newman, a browser)`,
          `sends them with every later request to the site.${reason} This request's test script therefore clears the`,
          `cookies of the site's API URLs. In the Postman app that needs the domain on the cookie allowlist`,
          `(Cookies → Domains allowlist); otherwise delete the site's cookies by hand after sending it.`,
        ].join(' '));
  }
  const data: AfterResponseData = { operationId, capture, ...(cookies.length > 0 ? { captureCookie: extensions.captureCookie } : {}), clearCookies };
  return {
    ...(capture.length > 0 || cookies.length > 0 || data.clearCookies ? { event: { listen: 'test', script: { type: 'text/javascript', exec: afterResponseExec(data) } } } : {}),
    notes,
    captured: [...new Set([...capture.map((c) => c.variable), ...cookies.map(([variable]) => variable)])],
    ...(extensions.login === undefined ? {} : { login: { extension: extensions.login, request: loginRequest(request, extensions.login.body) } }),
  };
}

/** The generated request as the automatic login sends it (enabled headers, the body as a value; `x-postman-login`'s own JSON body instead when it has one). */
function loginRequest(request: PostmanRequest, own?: { readonly value: unknown }): LoginRequestData {
  const header = request.header.filter((h) => h.disabled !== true).map((h) => ({ key: h.key, value: h.value }));
  const base = { method: request.method, url: request.url.raw, header };
  if (own !== undefined) return { ...base, json: own.value };
  const { body } = request;
  if (body === undefined) return base;
  if (body.mode === 'urlencoded') return { ...base, form: body.urlencoded.filter((f) => f.disabled !== true).map((f) => ({ key: f.key, value: f.value })) };
  if (body.mode === 'raw' && body.options?.raw.language === 'json' && body.raw.trim() !== '') return { ...base, json: JSON.parse(body.raw) as unknown };
  if (body.mode === 'raw') return { ...base, raw: body.raw };
  return base;
}

/** Every `{{variable}}` a request sends: URL, path variables, enabled headers and the body. */
export function requestVariables(request: PostmanRequest): string[] {
  const found = new Set<string>();
  variablesIn(request.url.raw, found);
  variablesIn((request.url.variable ?? []).map((v) => v.value), found);
  variablesIn(request.header.filter((h) => h.disabled !== true).map((h) => h.value), found);
  const { body } = request;
  if (body?.mode === 'raw') variablesIn(body.raw, found);
  if (body?.mode === 'urlencoded') variablesIn(body.urlencoded.filter((f) => f.disabled !== true).map((f) => f.value), found);
  if (body?.mode === 'formdata') variablesIn(body.formdata.filter((f) => f.disabled !== true).map((f) => f.value), found);
  return [...found];
}
