/**
 * A site of the sites file → the runner's {@link SiteTarget}: references resolved from the environment or
 * files, at the moment the site runs. A reference that cannot be resolved makes that site misconfigured
 * (one line naming the file and line), never the whole fleet.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { oneLineSecret, toRestUrl, type SiteTarget } from '../parse-args.js';
import type { FleetSiteSpec, LoginRef, ValueRef } from './sites-file.js';

export interface ResolveSources {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The folder of the sites file: relative `file:` paths start there. */
  readonly baseDir: string;
  /** Reads a file (default: the file system, UTF-8). */
  readonly readFile?: (path: string) => string;
}

export type ResolvedSite = { readonly ok: true; readonly target: SiteTarget } | { readonly ok: false; readonly message: string };

/** Thrown inside {@link resolveSite} only; becomes its `{ ok: false }`. */
class Unresolved extends Error {}

export function resolveSite(site: FleetSiteSpec, sources: ResolveSources): ResolvedSite {
  try {
    const value = (ref: ValueRef, what: string): string => resolveValue(ref, what, sources);
    const login = (ref: LoginRef, who: string): { username: string; password: string } => ({
      username: value(ref.username, `the ${who}'s username`),
      password: value(ref.password, `the ${who}'s password`),
    });
    const credentials = 'token' in site.caller ? { token: value(site.caller.token, "the caller's token").replace(/^Bearer /, '') } : login(site.caller, 'caller');
    const unprivileged = site.unprivileged === undefined ? undefined : login(site.unprivileged, 'unprivileged account');
    return { ok: true, target: { kind: 'site', restUrl: toRestUrl(site.url), credentials, targetUserId: site.targetUserId, unprivileged } };
  } catch (err) {
    if (err instanceof Unresolved) return { ok: false, message: err.message };
    throw err;
  }
}

function resolveValue(ref: ValueRef, what: string, sources: ResolveSources): string {
  if (ref.kind === 'plain') return ref.value;
  if (ref.kind === 'env') {
    const value = sources.env[ref.name];
    if (value === undefined || value === '') throw new Unresolved(`${what} comes from the environment variable ${ref.name} (${ref.at}), which is not set`);
    return value;
  }
  const path = isAbsolute(ref.path) ? ref.path : join(sources.baseDir, ref.path);
  let content: string;
  try {
    content = (sources.readFile ?? ((file: string) => readFileSync(file, 'utf8')))(path);
  } catch (cause) {
    throw new Unresolved(`${what} comes from the file ${ref.path} (${ref.at}), which cannot be read (${(cause as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const value = oneLineSecret(content);
  if (value === undefined) throw new Unresolved(`${what} comes from the file ${ref.path} (${ref.at}), which must hold it on one line`);
  return value;
}
