/**
 * What a contract run reports while it goes, for a live display (the fleet's progress lines). Events carry
 * no secret: step names come from the scenarios, generation lines name routes and users, never credentials.
 */
import type { AamVersion } from './generations.js';

export type RunEvent =
  /** The preflight checks of a real site begin (reachability, AAM, credentials, generation). */
  | { readonly kind: 'preflight' }
  /** The generation whose collection runs is known (detected, forced, or the mock's); `release`: the AAM release, when known. */
  | { readonly kind: 'generation'; readonly version: AamVersion; readonly line: string; readonly release: string | undefined }
  /** Step `index` (1-based) of `total` of the Contract scenarios folder is about to be sent (or skipped). */
  | { readonly kind: 'step'; readonly index: number; readonly total: number; readonly name: string }
  /** The clean-up of a real site begins. */
  | { readonly kind: 'cleanup' };

export type RunEventSink = (event: RunEvent) => void;
