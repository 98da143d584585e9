import type { UnreachableCode } from './site-api/http.js';

/** Why a real site cannot run the suite; `code` is stable, the message is one line (the CLI exits 2). */
export type PreflightCode =
  | UnreachableCode
  | 'ERR_SITE_HTML'
  | 'ERR_SITE_NO_REST'
  | 'ERR_SITE_ANSWER'
  | 'ERR_REST_DISABLED'
  | 'ERR_AAM_MISSING'
  | 'ERR_AAM_JWT_OFF'
  | 'ERR_CREDENTIALS'
  | 'ERR_TOKEN_EXPIRED'
  | 'ERR_TOKEN_INVALID'
  | 'ERR_CALLER_FORBIDDEN'
  | 'ERR_TARGET'
  | 'ERR_GENERATION_UNKNOWN'
  | 'ERR_GENERATION_UNSUPPORTED'
  | 'ERR_RUN_TIMEOUT';

/** What the preflight learned about the site before it stopped (for a fleet's table). */
export interface PreflightFacts {
  /** The AAM JWT API generation the site serves, e.g. `7.x`. */
  readonly generation?: string;
  /** The AAM release installed, when the caller may read the plugin list. */
  readonly release?: string;
}

export class PreflightError extends Error {
  readonly code: PreflightCode;
  readonly facts: PreflightFacts;
  constructor(code: PreflightCode, message: string, facts: PreflightFacts = {}) {
    super(message.replace(/\s*\n\s*/g, ' '));
    this.name = 'PreflightError';
    this.code = code;
    this.facts = facts;
  }
}
