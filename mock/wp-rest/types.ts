import type { PhpValue } from '../php/values.js';
import type { WpError } from './errors.js';
import type { RestRequest } from './request.js';

/**
 * One registered argument (the subset of WordPress' arg schema AAM uses). The schema keywords are listed
 * by `OPTIONS` in the order the object literal defines them, like `array_intersect_key()` keeps them.
 */
export interface ArgSpec {
  description?: string;
  /** a built-in type, an unknown one (not validated, as AAM's `date-time`), or a list (multi-type schema) */
  type?: string | readonly string[];
  /** allowed values (`rest_validate_enum()`) */
  enum?: readonly PhpValue[];
  /** a string format WordPress checks (only `uuid` is modelled) */
  format?: string;
  required?: boolean;
  default?: PhpValue;
  validate?: (value: PhpValue, request: RestRequest, key: string) => boolean | WpError;
}

/** What a route callback returns: `WP_REST_Response` data, status and extra headers. */
export interface RestResult {
  status: number;
  data: PhpValue;
  /** headers of the `WP_REST_Response` (sent after `Allow`) */
  headers?: [string, string][];
}

/** One handler of a route (`register_rest_route` endpoint array). */
export interface RestHandler {
  methods: readonly string[];
  callback: (request: RestRequest) => RestResult | Promise<RestResult>;
  /** absent = no permission callback (always allowed) */
  permission?: (request: RestRequest) => boolean | WpError;
  args: Readonly<Record<string, ArgSpec>>;
  showInIndex?: boolean;
}

/** A registered route: its full path pattern and handlers, in registration order. */
export interface RestRoute {
  namespace: string;
  /** full route, e.g. `/aam/v2/service/jwt/(?<id>[\dA-Za-z\-]+)` */
  path: string;
  regex: RegExp;
  handlers: RestHandler[];
}

/** Read-only HTTP methods WordPress exposes as constants. */
export const READABLE = ['GET'] as const;
export const CREATABLE = ['POST'] as const;
export const EDITABLE = ['POST', 'PUT', 'PATCH'] as const;
export const DELETABLE = ['DELETE'] as const;
