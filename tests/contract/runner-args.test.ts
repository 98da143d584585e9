import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AAM_VERSIONS } from '../../runner/generations.js';
import { parseRunnerArgs, toRestUrl, tokenUserId, UsageError, type ParsedCommand } from '../../runner/parse-args.js';

const site = ['--base-url', 'https://wp.example.org', '--token', 'a.b.c', '--target-user-id', '7'];
const timeouts = { requestTimeoutMs: 30_000, totalTimeoutMs: 900_000 };
const tokenWarning = '--token puts the secret in the process list and the shell history; use AAM_TOKEN or --token-file instead';

const accepted: Array<[string, string[], ParsedCommand]> = [
  ['no flags: the mock', [], { kind: 'run', options: { target: { kind: 'mock' }, aamVersion: undefined, reportsDir: 'reports', generate: true, ...timeouts }, warnings: [] }],
  ['--aam-version', ['--aam-version', '6.9.32'], { kind: 'run', options: { target: { kind: 'mock' }, aamVersion: '6.9.32', reportsDir: 'reports', generate: true, ...timeouts }, warnings: [] }],
  ['--help', ['--help'], { kind: 'help' }],
  ['-h', ['-h'], { kind: 'help' }],
  ['--reports and --no-generate', ['--reports', 'out', '--no-generate'], { kind: 'run', options: { target: { kind: 'mock' }, aamVersion: undefined, reportsDir: 'out', generate: false, ...timeouts }, warnings: [] }],
  [
    'a real site with a token',
    site,
    {
      kind: 'run',
      options: {
        target: { kind: 'site', restUrl: 'https://wp.example.org/wp-json', credentials: { token: 'a.b.c' }, targetUserId: '7', unprivileged: undefined },
        aamVersion: undefined,
        reportsDir: 'reports',
        generate: true,
        ...timeouts,
      },
      warnings: [tokenWarning],
    },
  ],
  [
    'a real site with a login and an unprivileged account',
    ['--base-url', 'http://127.0.0.1:8091/wp-json/', '--username', 'u', '--password', 'p', '--target-user-id', '12', '--unprivileged-username', 'sub', '--unprivileged-password', 'sp'],
    {
      kind: 'run',
      options: {
        target: { kind: 'site', restUrl: 'http://127.0.0.1:8091/wp-json', credentials: { username: 'u', password: 'p' }, targetUserId: '12', unprivileged: { username: 'sub', password: 'sp' } },
        aamVersion: undefined,
        reportsDir: 'reports',
        generate: true,
        ...timeouts,
      },
      warnings: [
        '--password puts the secret in the process list and the shell history; use AAM_PASSWORD or --password-file instead',
        '--unprivileged-password puts the secret in the process list and the shell history; use AAM_UNPRIVILEGED_PASSWORD or --unprivileged-password-file instead',
      ],
    },
  ],
  ['a fleet', ['--sites', 's.yaml'], { kind: 'fleet', options: { sitesFile: 's.yaml', concurrency: 8, workers: undefined, reportsDir: 'reports', generate: true, ...timeouts } }],
  ['a fleet with --concurrency and --workers', ['--sites', 's.yaml', '--concurrency', '4', '--workers', '3'], { kind: 'fleet', options: { sitesFile: 's.yaml', concurrency: 4, workers: 3, reportsDir: 'reports', generate: true, ...timeouts } }],
];

for (const [name, argv, want] of accepted) {
  test(`accepts ${name}`, () => {
    assert.deepEqual(parseRunnerArgs(argv), want);
  });
}

// A token whose payload says userId 7.
const callerSeven = `x.${Buffer.from(JSON.stringify({ userId: 7 })).toString('base64url')}.y`;

const rejected: Array<[string, string[], RegExp]> = [
  ['an unknown flag', ['--bogus'], /Unknown option '--bogus'/],
  ['a positional argument', ['run'], /positional/],
  ['a site flag without --base-url', ['--token', 't'], /^--token needs --base-url/],
  ['a site without credentials', ['--base-url', 'https://x.org', '--target-user-id', '3'], /needs the caller/],
  ['a username without password', ['--base-url', 'https://x.org', '--username', 'u', '--target-user-id', '3'], /a password for u is missing/],
  ['both token and login', [...site, '--username', 'u', '--password', 'p'], /either a token/],
  ['a site without target user', ['--base-url', 'https://x.org', '--token', 't'], /needs --target-user-id N/],
  ['a non-numeric target user', ['--base-url', 'https://x.org', '--token', 't', '--target-user-id', 'abc'], /positive integer, got "abc"/],
  ['target user 0', ['--base-url', 'https://x.org', '--token', 't', '--target-user-id', '0'], /positive integer/],
  ['the caller as target user', ['--base-url', 'https://x.org', '--token', callerSeven, '--target-user-id', '7'], /is the caller/],
  ['half an unprivileged account', [...site, '--unprivileged-username', 'sub'], /a password for the unprivileged account sub is missing/],
  ['a base URL that is not a URL', ['--base-url', 'not a url', '--token', 't', '--target-user-id', '3'], /not a URL/],
  ['a non-http base URL', ['--base-url', 'ftp://x.org', '--token', 't', '--target-user-id', '3'], /must be http\(s\)/],
  ['an empty value', ['--base-url', '', '--token', 't', '--target-user-id', '3'], /--base-url needs a value/],
  ['a flag without value', ['--base-url'], /argument missing/],
  ['an unknown AAM version', ['--aam-version', '5.0'], new RegExp(`--aam-version must be one of ${AAM_VERSIONS.join(', ').replaceAll('.', '\\.')}, got "5\\.0"`)],
  ['a zero request time-out', ['--request-timeout', '0'], /--request-timeout must be a positive number of seconds, got "0"/],
  ['a total time-out that is no number', ['--timeout', '5m'], /--timeout must be a positive number of seconds, got "5m"/],
  ['a password file flag without --base-url', ['--password-file', 'f'], /^--password-file needs --base-url/],
  ['--workers without --sites', ['--workers', '2'], /^--workers needs --sites FILE/],
  ['zero workers', ['--sites', 's.yaml', '--workers', '0'], /^--workers must be a whole number from 1 to 64, got "0"/],
  ['a worker count that is no number', ['--sites', 's.yaml', '--workers', 'all'], /^--workers must be a whole number from 1 to 64, got "all"/],
];

for (const [name, argv, message] of rejected) {
  test(`rejects ${name}`, () => {
    assert.throws(() => parseRunnerArgs(argv), (err: unknown) => {
      assert.ok(err instanceof UsageError);
      assert.equal(err.code, 'ERR_USAGE');
      assert.match(err.message, message);
      return true;
    });
  });
}

const restUrls: Array<[string, string]> = [
  ['https://wp.example.org', 'https://wp.example.org/wp-json'],
  ['https://wp.example.org/', 'https://wp.example.org/wp-json'],
  ['https://wp.example.org/blog', 'https://wp.example.org/blog/wp-json'],
  ['https://wp.example.org/wp-json', 'https://wp.example.org/wp-json'],
  ['http://127.0.0.1:8080/wp-json/', 'http://127.0.0.1:8080/wp-json'],
];
for (const [given, want] of restUrls) {
  test(`the REST base of ${given} is ${want}`, () => {
    assert.equal(toRestUrl(given), want);
  });
}

test('tokenUserId reads the user claim of both generations and tolerates garbage', () => {
  const claims = (c: object): string => `x.${Buffer.from(JSON.stringify(c)).toString('base64url')}.y`;
  assert.equal(tokenUserId(claims({ jti: 'j', user_id: 9 })), '9');
  // AAM writes its own user claim last; an earlier one came from additional_claims.
  assert.equal(tokenUserId(claims({ jti: 'j', userId: 5, iat: 1, user_id: 9 })), '9');
  assert.equal(tokenUserId(claims({ user_id: 5, refreshable: false, userId: 2 })), '2');
  assert.equal(tokenUserId(callerSeven), '7');
  assert.equal(tokenUserId(`Bearer ${callerSeven}`), '7');
  assert.equal(tokenUserId('not-a-jwt'), undefined);
  assert.equal(tokenUserId('a.%%%.c'), undefined);
});

/** A real site whose secrets come from the environment or files. */
const bare = ['--base-url', 'https://wp.example.org', '--target-user-id', '7'];
const files: Record<string, string> = { '/run/pw': 'file-pass\n', '/run/token': 'a.b.c\r\n', '/run/empty': '\n', '/run/two': 'a\nb\n' };
const readFile = (path: string): string => {
  const text = files[path];
  if (text === undefined) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
  return text;
};

const sourced: Array<[string, string[], Record<string, string>, unknown, string[]]> = [
  ['a login from the environment', [], { AAM_USERNAME: 'ci', AAM_PASSWORD: 'env-pass' }, { username: 'ci', password: 'env-pass' }, []],
  ['a token from the environment', [], { AAM_TOKEN: 'a.b.c' }, { token: 'a.b.c' }, []],
  ['a token file (CRLF stripped)', ['--token-file', '/run/token'], {}, { token: 'a.b.c' }, []],
  ['a password file beats the environment', ['--username', 'ci', '--password-file', '/run/pw'], { AAM_PASSWORD: 'env-pass' }, { username: 'ci', password: 'file-pass' }, []],
  ['a password flag beats the file, with a warning', ['--username', 'ci', '--password', 'flag-pass', '--password-file', '/run/pw'], {}, { username: 'ci', password: 'flag-pass' }, ['--password puts the secret in the process list and the shell history; use AAM_PASSWORD or --password-file instead']],
  ['a Bearer prefix is dropped', [], { AAM_TOKEN: 'Bearer a.b.c' }, { token: 'a.b.c' }, []],
];
for (const [name, argv, env, credentials, warnings] of sourced) {
  test(`credentials: ${name}`, () => {
    const parsed = parseRunnerArgs([...bare, ...argv], { env, readFile });
    assert.equal(parsed.kind, 'run');
    if (parsed.kind !== 'run') return;
    assert.equal(parsed.options.target.kind, 'site');
    if (parsed.options.target.kind !== 'site') return;
    assert.deepEqual(parsed.options.target.credentials, credentials);
    assert.deepEqual(parsed.warnings, warnings);
  });
}

test('credentials: the unprivileged account from the environment', () => {
  const parsed = parseRunnerArgs(bare, { env: { AAM_TOKEN: 'a.b.c', AAM_UNPRIVILEGED_USERNAME: 'sub', AAM_UNPRIVILEGED_PASSWORD: 'sp' }, readFile });
  assert.ok(parsed.kind === 'run' && parsed.options.target.kind === 'site');
  assert.deepEqual(parsed.options.target.unprivileged, { username: 'sub', password: 'sp' });
});

test('the environment is ignored without --base-url (the mock)', () => {
  assert.deepEqual(parseRunnerArgs([], { env: { AAM_TOKEN: 'x', AAM_PASSWORD: 'y' } }), {
    kind: 'run',
    options: { target: { kind: 'mock' }, aamVersion: undefined, reportsDir: 'reports', generate: true, ...timeouts },
    warnings: [],
  });
});

test('--request-timeout and --timeout are seconds', () => {
  const parsed = parseRunnerArgs(['--request-timeout', '2.5', '--timeout', '60']);
  assert.ok(parsed.kind === 'run');
  assert.equal(parsed.options.requestTimeoutMs, 2500);
  assert.equal(parsed.options.totalTimeoutMs, 60_000);
});

const badSources: Array<[string, string[], Record<string, string>, RegExp]> = [
  ['a token and a login', [], { AAM_TOKEN: 'a.b.c', AAM_USERNAME: 'ci' }, /either a token .* or a login/],
  ['a username without any password', ['--username', 'ci'], {}, /a password for ci is missing: set AAM_PASSWORD or give --password-file F/],
  ['a missing password file', ['--username', 'ci', '--password-file', '/run/none'], {}, /--password-file \/run\/none: cannot read it \(ENOENT\)/],
  ['an empty password file', ['--username', 'ci', '--password-file', '/run/empty'], {}, /must hold the secret on one line/],
  ['a two-line password file', ['--username', 'ci', '--password-file', '/run/two'], {}, /must hold the secret on one line/],
  ['an unprivileged account without password', [], { AAM_TOKEN: 'a.b.c', AAM_UNPRIVILEGED_USERNAME: 'sub' }, /a password for the unprivileged account sub is missing/],
  ['an unprivileged password without account', [], { AAM_TOKEN: 'a.b.c', AAM_UNPRIVILEGED_PASSWORD: 'sp' }, /needs its account/],
  ['no caller at all', [], {}, /needs the caller: AAM_TOKEN/],
];
for (const [name, argv, env, message] of badSources) {
  test(`credentials: rejects ${name}`, () => {
    assert.throws(() => parseRunnerArgs([...bare, ...argv], { env, readFile }), (err: unknown) => err instanceof UsageError && message.test(err.message));
  });
}
