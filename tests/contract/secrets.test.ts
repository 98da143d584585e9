import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMock } from '../../mock/index.js';
import { loadUsers } from '../../mock/wp/users.js';
import { runCli } from './run-cli.js';
import { startTokenRecorder } from './token-recorder.js';

// Passwords with characters every report format escapes differently (no `"` or `\`: the collection puts
// {{password}} into JSON text as it is). Each has an alphanumeric core that no encoding changes: finding the
// core anywhere means the password leaked in some form.
const CALLER_PASSWORD = "Zq7xK2mW&<p>'=%+ é/#";
const UNPRIVILEGED_PASSWORD = "Vb3nR8tY<&>'%2B é";
const CORES = ['Zq7xK2mW', 'Vb3nR8tY'];

function forms(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  const html = (t: string): string => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  return [secret, json, encodeURIComponent(secret), new URLSearchParams({ v: secret }).toString().slice(2), html(secret), html(json)];
}

test('a real-credentials run leaves no password and no token in any output (console, JUnit, HTML)', async () => {
  const users = loadUsers().map((user) => ({ ...user, password: user.login === 'admin' ? CALLER_PASSWORD : user.login === 'subscriber1' ? UNPRIVILEGED_PASSWORD : `${user.login}-pw` }));
  // The mock's logins send WordPress auth cookies (login sessions) in the real format; it sits behind the
  // recorder, whose URL is the site's own (cookie names, redirects).
  let mockUrl = '';
  const recorder = await startTokenRecorder(() => mockUrl);
  const mock = await startMock({ port: 0, host: '127.0.0.1', users, siteUrl: recorder.url });
  mockUrl = mock.url;
  const reports = await mkdtemp(join(tmpdir(), 'aam-secrets-'));
  try {
    const run = await runCli(
      ['--no-generate', '--base-url', recorder.url, '--target-user-id', '4', '--unprivileged-username', 'subscriber1', '--unprivileged-password', UNPRIVILEGED_PASSWORD, '--reports', reports],
      { AAM_USERNAME: 'admin', AAM_PASSWORD: CALLER_PASSWORD },
    );
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /RESULT: PASSED/);
    assert.match(run.stderr, /^warning: --unprivileged-password puts the secret in the process list/m);

    // The secrets were really on the wire, and the run was really issued tokens: the search below can fail.
    const wire = recorder.requestBodies().join('\n');
    for (const core of CORES) assert.ok(wire.includes(core), `${core} was never sent`);
    const tokens = [...recorder.tokens()];
    assert.ok(tokens.length >= 30, `only ${tokens.length} tokens recorded`);
    const cookieSecrets = recorder.cookieSecrets();
    assert.ok(cookieSecrets.size >= 6, `${cookieSecrets.size} session-cookie secrets recorded`);

    const outputs: Array<[string, string]> = [['stdout', run.stdout], ['stderr', run.stderr]];
    for (const name of await readdir(reports)) outputs.push([name, await readFile(join(reports, name), 'utf8')]);
    assert.deepEqual(outputs.map(([name]) => name).sort(), ['junit.xml', 'report.html', 'stderr', 'stdout']);
    const hits: string[] = [];
    for (const [name, text] of outputs) {
      for (const secret of [CALLER_PASSWORD, UNPRIVILEGED_PASSWORD]) for (const form of forms(secret)) if (text.includes(form)) hits.push(`${name}: a password (${JSON.stringify(form)})`);
      for (const core of CORES) if (text.includes(core)) hits.push(`${name}: the password core ${core}`);
      for (const secret of recorder.cookieSecrets()) if (text.includes(secret)) hits.push(`${name}: a session cookie's ${secret.slice(0, 6)}…`);
      for (const token of tokens) {
        if (text.includes(token)) hits.push(`${name}: token …${token.slice(-10)}`);
        const signature = token.split('.')[2] ?? '';
        if (signature.length > 20 && text.includes(signature)) hits.push(`${name}: the signature of token …${token.slice(-10)}`);
      }
    }
    assert.deepEqual(hits, []);

    // Redacted, not emptied: the report still tells tokens apart and names the users.
    const html = outputs.find(([name]) => name === 'report.html')?.[1] ?? '';
    const labels = new Set(html.match(/\[jwt jti=[\w-]+ …[\w-]{6}\]/g) ?? []);
    assert.ok(labels.size >= 20, `only ${labels.size} distinct token labels in the report`);
    assert.match(html, /subscriber1/);
    assert.match(html, /wordpress_logged_in_[0-9a-f]{32}(=|&#x3D;)\[cookie\]/, 'the session cookie is shown redacted');
    assert.match(html, /\[password\]/, 'the password is shown as [password] where a step sent it');
    assert.match(run.stdout, /^Site changes on /m);
  } finally {
    await rm(reports, { recursive: true, force: true });
    await recorder.close();
    await mock.close();
  }
});
