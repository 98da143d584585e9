import type { RunTarget } from './parse-args.js';

/** A Postman environment file as the generator writes it (the subset the runner reads). */
export interface EnvironmentFile {
  readonly name: string;
  readonly values: ReadonlyArray<{ readonly key: string; readonly value: string; readonly type?: string; readonly enabled?: boolean }>;
}

/** Which generated environment a target starts from. */
export function environmentFileName(target: RunTarget): string {
  return target.kind === 'mock' ? 'local.postman_environment.json' : 'real-site.postman_environment.json';
}

/** The site URL of a REST base: `https://site/wp-json` → `https://site` (admin-ajax and the signed-URL login live there). */
export function siteUrlOf(restUrl: string): string {
  return restUrl.replace(/\/wp-json\/?$/i, '');
}

/**
 * The environment of the run: the generated file with the target's values set. `siteUrl` is the site's own URL
 * (what WordPress puts in its redirects and cookies); it differs from the REST base's site when the REST API is
 * reached through the runner's local `?rest_route=` proxy. Keys not in the file are
 * added; nothing else changes (so the collection runs unchanged, only the environment differs).
 */
export function buildEnvironment(file: EnvironmentFile, target: RunTarget, restUrl: string, siteUrl: string = siteUrlOf(restUrl)): EnvironmentFile {
  const overrides = new Map<string, string>([['baseUrl', restUrl], ['siteUrl', siteUrl]]);
  if (target.kind === 'site') {
    const { credentials, unprivileged } = target;
    overrides.set('jwt_token', 'token' in credentials ? credentials.token.replace(/^Bearer /, '') : '');
    overrides.set('username', 'username' in credentials ? credentials.username : '');
    overrides.set('password', 'password' in credentials ? credentials.password : '');
    overrides.set('user_id', '');
    overrides.set('target_user_id', target.targetUserId);
    overrides.set('unprivileged_username', unprivileged?.username ?? '');
    overrides.set('unprivileged_password', unprivileged?.password ?? '');
    overrides.set('unprivileged_token', '');
  }
  const values = file.values.map((entry) => {
    const value = overrides.get(entry.key);
    overrides.delete(entry.key);
    return value === undefined ? entry : { ...entry, value };
  });
  for (const [key, value] of overrides) values.push({ key, value, type: 'default', enabled: true });
  return { ...file, values };
}
