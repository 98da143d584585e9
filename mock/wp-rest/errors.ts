import type { PhpValue } from '../php/values.js';

/** A WordPress `WP_Error` with a single code (all the REST layer needs). */
export class WpError {
  readonly code: string;
  readonly message: string;
  readonly data: PhpValue;
  constructor(code: string, message: string, data: PhpValue = null) {
    this.code = code;
    this.message = message;
    this.data = data;
  }
  get status(): number {
    const d = this.data;
    if (d && typeof d === 'object' && !Array.isArray(d) && !(d instanceof Map) && 'status' in d) {
      const s = (d as { status?: PhpValue }).status;
      if (typeof s === 'number') return s;
    }
    return 500;
  }
}

/** `rest_convert_error_to_response()` body (error shape A). */
export function errorBody(err: WpError): PhpValue {
  return { code: err.code, message: err.message, data: err.data };
}

export const NO_ROUTE = (): WpError =>
  new WpError('rest_no_route', 'No route was found matching the URL and request method.', { status: 404 });

/** WordPress' fatal-error message (`WP_Fatal_Error_Handler`, no recovery mode). */
export const CRITICAL_MESSAGE = '<p>There has been a critical error on this website.</p><p><a href="https://wordpress.org/support/article/faq-troubleshooting/">Learn more about troubleshooting WordPress.</a></p>';

/** The body `_json_wp_die_handler()` sends for a PHP fatal error during a REST request. */
export function criticalErrorBody(): PhpValue {
  return { code: 'internal_server_error', message: CRITICAL_MESSAGE, data: { status: 500 }, additional_errors: [] };
}
