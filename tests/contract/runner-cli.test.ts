import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { startMock } from '../../mock/index.js';
import { loadUsers } from '../../mock/wp/users.js';

const root = new URL('../../', import.meta.url).pathname;

function cli(args: string[], env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'runner/cli.ts', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const cases: Array<[string, string[], number, RegExp, 'stdout' | 'stderr']> = [
  ['--help prints the usage and exits 0', ['--help'], 0, /^Usage: npm run contract -- \[options\]/, 'stdout'],
  ['an unknown flag exits 2 with a clear error', ['--bogus'], 2, /^error: Unknown option '--bogus'/, 'stderr'],
  ['a real site without a target user exits 2', ['--base-url', 'http://127.0.0.1:9', '--token', 't'], 2, /^error: a real site needs --target-user-id N/, 'stderr'],
];

for (const [name, args, status, message, stream] of cases) {
  test(`CLI: ${name}`, () => {
    const run = cli(args);
    assert.equal(run.status, status, run.stderr);
    assert.match(run[stream], message);
    assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
  });
}

test('CLI: an unreachable site (127.0.0.1:9) is one line on stderr and exit 2, before anything else', () => {
  const run = cli(['--no-generate', '--base-url', 'http://127.0.0.1:9', '--target-user-id', '3'], { AAM_USERNAME: 'admin', AAM_PASSWORD: 'secret-pw-123' });
  assert.equal(run.status, 2);
  assert.equal(run.stderr, 'error: http://127.0.0.1:9 refused the connection (nothing listens there) [ERR_SITE_REFUSED]\n');
  assert.equal(run.stdout, '');
});

test('CLI: Ctrl-C stops the run, the site is still cleaned up, exit 130', async () => {
  const users = loadUsers().map((user) => ({ ...user, password: `${user.login}-pw-3` }));
  const mock = await startMock({ port: 0, host: '127.0.0.1', users });
  try {
    const child = spawn(process.execPath, ['--import', 'tsx', 'runner/cli.ts', '--no-generate', '--base-url', mock.url, '--target-user-id', '4'], {
      cwd: root,
      env: { ...process.env, AAM_USERNAME: 'admin', AAM_PASSWORD: 'admin-pw-3' },
    });
    let stdout = '';
    let stderr = '';
    let sent = false;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      if (!sent && stdout.includes('Create token A')) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(status, 130, stderr);
    assert.match(stderr, /^\nSIGINT: stopping the run; the site is cleaned up first \(SIGINT again quits at once\)$/m);
    assert.match(stdout, /^Cleaning up the site…$/m);
    assert.match(stdout, /^ {2}target user 4: registry \d+ → 0 token\(s\), empty;/m);
    assert.match(stdout, /run error: stopped: interrupted/);
  } finally {
    await mock.close();
  }
});
