import { LocatedInputError } from '../errors.js';

/** Stable error codes of the scenario loader; callers `switch (err.code)`. */
export type ScenarioErrorCode =
  | 'ERR_SCENARIOS_READ'
  | 'ERR_SCENARIOS_PARSE'
  | 'ERR_SCENARIOS_INVALID'
  | 'ERR_SCENARIOS_UNKNOWN_OPERATION'
  | 'ERR_SCENARIOS_DUPLICATE_NAME';

/** A problem in the scenario file, located by file and `#/…` JSON pointer (`''` = the whole file). */
export class ScenarioError extends LocatedInputError<ScenarioErrorCode> {
  override readonly name = 'ScenarioError';
}
