/**
 * Reading WordPress/AAM answers, whatever the generation: the three error shapes (WordPress
 * `{code,message,data}`, a serialized WP_Error `{errors:{code:[msg]},error_data}`, AAM 6.9's `{code,reason}`),
 * and the one-line description of an answer for error messages (never its body: bodies can hold tokens).
 */
import { isObject } from '../../generators/lib/type-checks.js';
import type { HttpAnswer } from './http.js';

export interface ErrorInfo {
  readonly code: string | undefined;
  readonly message: string | undefined;
}

/** The error code and message of an answer, in any of the three shapes. */
export function errorInfo(answer: HttpAnswer): ErrorInfo {
  const body = answer.json;
  if (!isObject(body)) return { code: undefined, message: undefined };
  if (isObject(body.errors)) {
    const [code, messages] = Object.entries(body.errors)[0] ?? [];
    const first = Array.isArray(messages) ? messages[0] : undefined;
    return { code, message: typeof first === 'string' ? plain(first) : undefined };
  }
  const code = typeof body.code === 'string' ? body.code : undefined;
  const text = typeof body.message === 'string' ? body.message : typeof body.reason === 'string' ? body.reason : undefined;
  return { code, message: text === undefined ? undefined : plain(text) };
}

/** `403 incorrect_password` / `404 rest_no_route` / `502 (text/html)`: what an answer was, in a few words. */
export function describe(answer: HttpAnswer): string {
  const { code } = errorInfo(answer);
  if (code !== undefined) return `${answer.status} ${code}`;
  return `${answer.status}${answer.json === undefined ? ` (${answer.contentType === '' ? 'no Content-Type' : answer.contentType.split(';')[0]})` : ''}`;
}

/** Whether the answer is HTML (a WAF, a maintenance page, a theme's 404) rather than the JSON a REST route sends. */
export function isHtml(answer: HttpAnswer): boolean {
  return answer.json === undefined && (/html/i.test(answer.contentType) || /^\s*</.test(answer.text));
}

/** The `<title>` of an HTML page, to name what answered (e.g. "Just a moment...", "Maintenance"). */
export function htmlTitle(text: string): string | undefined {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1];
  const clean = title === undefined ? '' : plain(title);
  return clean === '' ? undefined : clean.slice(0, 80);
}

/** Strips tags and entities WordPress puts in messages (`<strong>Error:</strong> …`). */
function plain(text: string): string {
  return text
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|#039|#39|hellip|nbsp);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#039': "'", '#39': "'", hellip: '…', nbsp: ' ' })[e] ?? '')
    .replace(/\s+/g, ' ')
    .trim();
}
