import type { PhpValue } from '../../php/values.js';
import type { RestResult } from '../../wp-rest/types.js';
import { wpErrorObject } from '../../aam/errors.js';

/** The PHP exception classes AAM 7.1.1's JWT code throws (their exact class decides the REST answer). */
export type PhpExceptionClass =
  | 'InvalidArgumentException'
  | 'DomainException'
  | 'UnexpectedValueException'
  | 'LogicException'
  | 'OutOfRangeException'
  | 'RuntimeException'
  | 'Exception';

/** A PHP exception thrown inside AAM 7's framework or REST controllers. */
export class PhpException extends Error {
  readonly code = 'ERR_AAM_PHP_EXCEPTION';
  readonly phpClass: PhpExceptionClass;
  constructor(phpClass: PhpExceptionClass, message: string) {
    super(message);
    this.phpClass = phpClass;
  }
}

/** `AAM_Restful_ServiceTrait::$_exception_map`: exact class → REST code and HTTP status. */
const EXCEPTION_MAP: Readonly<Record<PhpExceptionClass, readonly [code: string, status: number]>> = {
  InvalidArgumentException: ['rest_invalid_argument', 400],
  DomainException: ['rest_unauthorized', 401],
  UnexpectedValueException: ['rest_unauthorized', 406],
  LogicException: ['rest_workflow_error', 409],
  OutOfRangeException: ['rest_not_found', 404],
  RuntimeException: ['rest_insufficient_storage', 507],
  Exception: ['rest_unexpected_error', 500],
};

/**
 * `_prepare_error_response()`: a serialized `WP_Error` with the class's code and status; WP_DEBUG adds
 * `details.trace` (always `[]` here), otherwise a 500's message is masked.
 */
export function prepareErrorResponse(err: PhpException, wpDebug: boolean): RestResult {
  const [code, status] = EXCEPTION_MAP[err.phpClass];
  if (wpDebug) return wpErrorObject(code, err.message, status, { status, details: { trace: [] } });
  return wpErrorObject(code, status === 500 ? 'Unexpected application error' : err.message, status);
}

/** Runs an AAM controller body: a PhpException becomes its REST error answer, anything else propagates. */
export async function restful(wpDebug: boolean, body: () => Promise<PhpValue> | PhpValue, status = 200): Promise<RestResult> {
  try {
    return { status, data: await body() };
  } catch (err) {
    if (err instanceof PhpException) return prepareErrorResponse(err, wpDebug);
    throw err;
  }
}

/** WordPress' `esc_js()` (what AAM passes some messages through before they reach a REST answer). */
export function escJs(text: string): string {
  const special = text
    .replace(/&(?!(?:[a-z][a-z0-9]*|#\d+|#x[0-9a-f]+);)/gi, '&amp;')
    .replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const apostrophes = special.replace(/\\(.?)/gs, '$1').replace(/&#(?:x0*27|0*39);?/gi, "'");
  return apostrophes.replace(/\r/g, '').replace(/[\\'"\0]/g, (c) => (c === '\0' ? '\\0' : `\\${c}`)).replace(/\n/g, '\\n');
}
