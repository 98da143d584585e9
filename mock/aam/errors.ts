import { PhpObject } from '../php/values.js';
import type { PhpValue } from '../php/values.js';
import type { RestResult } from '../wp-rest/types.js';

/** The PHP exception classes AAM's service layer throws: UnderflowException, RuntimeException, OutOfRangeException. */
export type AamExceptionCode = 'ERR_AAM_UNDERFLOW' | 'ERR_AAM_RUNTIME' | 'ERR_AAM_OUT_OF_RANGE';

/** A PHP exception thrown inside AAM's service layer. */
export class AamException extends Error {
  readonly code: AamExceptionCode;
  constructor(code: AamExceptionCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** Error shape C: a `WP_Error` object serialized through `WP_REST_Response` (its public `errors` + `error_data`). */
export function wpErrorObject(code: string, message: string, status: number, data: PhpValue = { status }): RestResult {
  return { status, data: new PhpObject(new Map<string, PhpValue>([['errors', { [code]: [message] }], ['error_data', { [code]: data }]])) };
}

/** `_prepare_error_response()` (ST 273–288): 500s are masked unless WP_DEBUG. */
export function prepareErrorResponse(err: AamException, wpDebug: boolean, code = 'rest_unexpected_error', status = 500): RestResult {
  if (status !== 500) return wpErrorObject(code, err.message, status);
  if (wpDebug) return wpErrorObject(code, err.message, status, { status, details: { trace: [] } });
  return wpErrorObject(code, 'Unexpected application error', status);
}
