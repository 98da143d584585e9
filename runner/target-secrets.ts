/**
 * The secrets of a run target, for the redactor: the passwords and a given token. A JWT is redacted by shape
 * anyway; a token that is no JWT is added. Its own module so that a caller (the fleet's coordinator) can build
 * a redactor without loading the contract run (Newman).
 */
import type { RunTarget } from './parse-args.js';
import type { Secret } from './redact.js';

export function targetSecrets(target: RunTarget): Secret[] {
  if (target.kind === 'mock') return [];
  const secrets: Secret[] = [];
  const { credentials, unprivileged } = target;
  if ('password' in credentials) secrets.push({ value: credentials.password, label: '[password]' });
  else secrets.push({ value: credentials.token, label: '[token]' });
  if (unprivileged !== undefined) secrets.push({ value: unprivileged.password, label: '[password]' });
  return secrets;
}
