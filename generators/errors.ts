/** Stable error codes of the generator; callers `switch (err.code)`. */
export type GeneratorErrorCode =
  | 'ERR_SPEC_READ'
  | 'ERR_SPEC_PARSE'
  | 'ERR_SPEC_VERSION'
  | 'ERR_SPEC_REF'
  | 'ERR_SPEC_INVALID'
  | 'ERR_ENVIRONMENTS_INVALID';

/**
 * A problem in the input documents. `file` and `pointer` locate it (pointer is a JSON pointer
 * fragment such as `#/paths/~1pets/get`, or `''` when the whole file is at fault).
 */
export class SpecError extends Error {
  readonly code: GeneratorErrorCode;
  readonly file: string;
  readonly pointer: string;

  constructor(code: GeneratorErrorCode, file: string, pointer: string, message: string, options?: { cause?: unknown }) {
    super(`${file}${pointer === '' ? '' : ` ${pointer}`}: ${message}`, options);
    this.name = 'SpecError';
    this.code = code;
    this.file = file;
    this.pointer = pointer;
  }
}
