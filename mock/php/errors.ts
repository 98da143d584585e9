/** PHP's TypeError for a value of the wrong type (an array where a string is expected): a fatal error. */
export class PhpTypeError extends Error {
  readonly code = 'ERR_PHP_TYPE';
}
