/**
 * The environment of the fleet's worker threads: the coordinator's, without every variable a site of the
 * sites file takes a value from (`{ env: NAME }`) and without any variable that holds one of the fleet's
 * secrets under another name. A worker gets its sites' secrets in their `run` messages only.
 */
import type { Secret } from '../redact.js';
import type { FleetSiteSpec, LoginRef, ValueRef } from './sites-file.js';

/** The environment variables the references of `sites` name. */
export function referencedVariables(sites: readonly FleetSiteSpec[]): Set<string> {
  const names = new Set<string>();
  const add = (ref: ValueRef): void => {
    if (ref.kind === 'env') names.add(ref.name);
  };
  const login = (ref: LoginRef | undefined): void => {
    if (ref === undefined) return;
    add(ref.username);
    add(ref.password);
  };
  for (const site of sites) {
    if ('token' in site.caller) add(site.caller.token);
    else login(site.caller);
    login(site.unprivileged);
  }
  return names;
}

export function workerEnv(env: Readonly<Record<string, string | undefined>>, sites: readonly FleetSiteSpec[], secrets: readonly Secret[]): Record<string, string> {
  const referenced = referencedVariables(sites);
  const values = new Set(secrets.map((secret) => secret.value).filter((value) => value !== ''));
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || referenced.has(name) || values.has(value) || values.has(value.replace(/^Bearer /, ''))) continue;
    kept[name] = value;
  }
  return kept;
}
