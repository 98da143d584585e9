/**
 * What differs between AAM's JWT API generations, as far as the runner's own calls go (detection, listing a
 * registry, deleting a token, resetting a registry, revoking and validating a token): one small adapter per
 * generation (`aam-<version>.ts`), executed by the shared core (`site-api.ts`).
 */
import type { HttpAnswer } from './http.js';

/** A generation the runner can recognise, whether or not this checkout has its collection yet. */
export type KnownVersion = '6.9.32' | '6.9.51' | '7.1.1';

/** One token of a user's registry, as listed by the site. */
export interface RegistryEntry {
  /** The token's id (its `jti`). */
  readonly id: string;
  readonly token: string;
  /** What the site says (`is_valid`), when it says it. */
  readonly valid: boolean | undefined;
}

export interface ApiRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly route: string;
  readonly query?: Readonly<Record<string, string>>;
  readonly json?: unknown;
}

/** What a revoke of one token did. */
export type RevokeOutcome = 'revoked' | 'already-invalid' | 'not-revocable' | 'failed';

export interface GenerationAdapter {
  /** The AAM release whose behaviour the adapter follows (the name of its spec folder, `aam-<version>`). */
  readonly version: KnownVersion;
  /** The releases that serve this generation, e.g. `6.9.11–6.9.32`. */
  readonly releases: string;
  /** A route only this generation registers, and the namespace index that lists it. */
  readonly marker: { readonly namespace: string; readonly route: string };
  list(userId: string): ApiRequest;
  /** The entries of a list answer; `undefined` when the answer is no list. */
  parseList(answer: HttpAnswer): RegistryEntry[] | undefined;
  remove(userId: string, id: string): ApiRequest;
  reset(userId: string): ApiRequest;
  /** Whether a reset answer means the registry is now empty. */
  resetDone(answer: HttpAnswer): boolean;
  revoke(token: string): ApiRequest;
  classifyRevoke(answer: HttpAnswer): RevokeOutcome;
  validate(token: string): ApiRequest;
  /** `true` valid, `false` invalid (expired, revoked, bad signature), `undefined` the answer says neither. */
  isValid(answer: HttpAnswer): boolean | undefined;
}
