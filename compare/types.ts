/**
 * The data that flows through compare: a side-independent request (`Probe`, with placeholders that
 * each side fills in with its own tokens, ids and credentials), an answer, and a verdict.
 */

/** Named identities every side has (each side maps them to its own user ids and credentials). */
export const IDENTITIES = ['admin', 'manager', 'subscriber', 'target'] as const;
export type Identity = (typeof IDENTITIES)[number];

/**
 * One generated request. Placeholders, filled per side at send time:
 * `{{token:NAME}}` a token by name, `{{jti:NAME}}` its id, `{{user:IDENTITY}}` a user id,
 * `{{login:IDENTITY}}`, `{{email:IDENTITY}}`, `{{password:IDENTITY}}`, `{{site}}` the side's site URL.
 */
export interface Probe {
  index: number;
  /** what it aims at, for grouping: an operationId, or `site-index`, `namespace-index`, `unknown-route`, `non-rest` */
  route: string;
  /** the input-space features it uses (`path:upper`, `auth:bearer-lower`, `body:malformed-json`, …) */
  features: string[];
  method: string;
  /** path and query string, sent byte for byte */
  target: string;
  headers: [string, string][];
  body: string | null;
  /** the identity or token name whose bearer authenticates it (null: anonymous) */
  caller: string | null;
}

/** A raw answer. */
export interface Answer {
  status: number;
  /** in the order received, names as sent */
  headers: [string, string][];
  body: Buffer;
  /** transport failure (connection refused, reset, timeout) instead of an answer */
  error?: string;
}

/** An answer normalized for comparison (tokens by name, ids, times, hosts and cookie values replaced). */
export interface NormalAnswer {
  status: number;
  headers: [string, string][];
  body: string;
  /** a structural signature of the body: JSON types and keys, or `html`/`text`/`empty` */
  shape: string;
  /** the answer is WordPress' "critical error" page (a PHP fatal) */
  crashed: boolean;
}

/** The measures compare reports, in order. */
export const MEASURES = ['status', 'headers', 'shape', 'body', 'whole'] as const;
export type Measure = (typeof MEASURES)[number];

export interface Verdict {
  probe: Probe;
  a: NormalAnswer;
  b: NormalAnswer;
  agree: Record<Measure, boolean>;
  /** the first difference, in words (empty when the answers agree) */
  difference: string;
  /** grouping key of a disagreement */
  signature: string;
}
