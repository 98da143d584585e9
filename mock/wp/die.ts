/**
 * `wp_die()` and the fatal-error page: `_json_wp_die_handler` when the request is a JSON request
 * (`wp_is_json_request()`: a JSON media type in Accept or Content-Type), else `_default_wp_die_handler`'s
 * HTML page (the template of WordPress 6.1, `fixtures/wp-die.html`). Both send `Content-Type` (replacing
 * any earlier one), the status and the no-cache headers after whatever the request had already sent.
 */
import { readFileSync } from 'node:fs';
import type { HeaderList } from '../php/headers.js';
import { header } from '../php/request.js';
import type { PhpRequest } from '../php/request.js';
import { phpJsonEncode } from '../php/json-encode.js';

/** A finished HTTP answer. */
export interface DieResult {
  status: number;
  headers: [string, string][];
  body: string;
}

const TEMPLATE = readFileSync(new URL('../fixtures/wp-die.html', import.meta.url), 'utf8');

/** The message of WordPress' fatal error handler (`WP_Fatal_Error_Handler::display_default_error_template`). */
export const CRITICAL_ERROR = '<p>There has been a critical error on this website.</p><p><a href="https://wordpress.org/support/article/faq-troubleshooting/">Learn more about troubleshooting WordPress.</a></p>';

const JSON_MEDIA = /(^|\s|,)application\/([\w!#$&-^.+]+\+)?json(\+oembed)?($|\s|;|,)/i;

/** `wp_is_json_request()` */
export function wpIsJsonRequest(php: PhpRequest): boolean {
  return JSON_MEDIA.test(header(php, 'accept') ?? '') || JSON_MEDIA.test(header(php, 'content-type') ?? '');
}

/** `nocache_headers()` */
export function nocacheHeaders(out: HeaderList): void {
  out.set('Expires', 'Wed, 11 Jan 1984 05:00:00 GMT');
  out.set('Cache-Control', 'no-cache, must-revalidate, max-age=0');
  out.remove('Last-Modified');
}

export interface DieOptions {
  message: string;
  title: string;
  status: number;
  /** the error code of the JSON answer (`wp_die`, or `internal_server_error` for a fatal error) */
  code: string;
}

/** `wp_die()` with the headers the request has sent so far. */
export function wpDie(php: PhpRequest, o: DieOptions): DieResult {
  const out = php.out;
  if (wpIsJsonRequest(php)) {
    out.set('Content-Type', 'application/json; charset=UTF-8');
    nocacheHeaders(out);
    return { status: o.status, headers: out.entries(), body: phpJsonEncode({ code: o.code, message: o.message, data: { status: o.status }, additional_errors: [] }, { escapeSlashes: true }) };
  }
  out.set('Content-Type', 'text/html; charset=UTF-8');
  nocacheHeaders(out);
  return { status: o.status, headers: out.entries(), body: TEMPLATE.replace('{{title}}', o.title).replace('{{message}}', o.message) };
}

/** The "critical error" answer to a PHP fatal error (an uncaught Error/TypeError). */
export function criticalError(php: PhpRequest): DieResult {
  return wpDie(php, { message: CRITICAL_ERROR, title: 'WordPress &rsaquo; Error', status: 500, code: 'internal_server_error' });
}
