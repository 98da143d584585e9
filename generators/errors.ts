/** Stable error codes of the generator; callers `switch (err.code)`. */
export type GeneratorErrorCode =
  | 'ERR_SPEC_READ'
  | 'ERR_SPEC_PARSE'
  | 'ERR_SPEC_VERSION'
  | 'ERR_SPEC_REF'
  | 'ERR_SPEC_INVALID'
  | 'ERR_ENVIRONMENTS_INVALID';

/**
 * A problem in an input file, located by `file` and `pointer` (a JSON pointer fragment such as
 * `#/paths/~1pets/get`, or `''` when the whole file is at fault); the message starts with both.
 * Every loader of the generator (spec, environments, scenarios) throws a subclass with its own codes.
 */
export class LocatedInputError<Code extends string> extends Error {
  readonly code: Code;
  readonly file: string;
  readonly pointer: string;

  constructor(code: Code, file: string, pointer: string, message: string, options?: { cause?: unknown }) {
    super(`${file}${pointer === '' ? '' : ` ${pointer}`}: ${message}`, options);
    this.code = code;
    this.file = file;
    this.pointer = pointer;
  }
}

/** A problem in the OpenAPI document or the environments data. */
export class SpecError extends LocatedInputError<GeneratorErrorCode> {
  override readonly name = 'SpecError';
}
