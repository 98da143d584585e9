import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRunnerArgs, toRestUrl, tokenUserId, UsageError, type ParsedCommand } from '../../runner/parse-args.js';

const site = ['--base-url', 'https://wp.example.org', '--token', 'a.b.c', '--target-user-id', '7'];

const accepted: Array<[string, string[], ParsedCommand]> = [
  ['no flags: the mock', [], { kind: 'run', options: { target: { kind: 'mock' }, aamVersion: undefined, reportsDir: 'reports', generate: true } }],
  ['--aam-version', ['--aam-version', '6.9.32'], { kind: 'run', options: { target: { kind: 'mock' }, aamVersion: '6.9.32', reportsDir: 'reports', generate: true } }],
  ['--help', ['--help'], { kind: 'help' }],
  ['-h', ['-h'], { kind: 'help' }],
  ['--reports and --no-generate', ['--reports', 'out', '--no-generate'], { kind: 'run', options: { target: { kind: 'mock' }, aamVersion: undefined, reportsDir: 'out', generate: false } }],
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
      },
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
      },
    },
  ],
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
  ['a site without credentials', ['--base-url', 'https://x.org', '--target-user-id', '3'], /needs --token T, or --username U and --password P/],
  ['a username without password', ['--base-url', 'https://x.org', '--username', 'u', '--target-user-id', '3'], /needs --token T, or --username U and --password P/],
  ['both token and login', [...site, '--username', 'u', '--password', 'p'], /either --token or --username\/--password/],
  ['a site without target user', ['--base-url', 'https://x.org', '--token', 't'], /needs --target-user-id N/],
  ['a non-numeric target user', ['--base-url', 'https://x.org', '--token', 't', '--target-user-id', 'abc'], /positive integer, got "abc"/],
  ['target user 0', ['--base-url', 'https://x.org', '--token', 't', '--target-user-id', '0'], /positive integer/],
  ['the caller as target user', ['--base-url', 'https://x.org', '--token', callerSeven, '--target-user-id', '7'], /is the caller/],
  ['half an unprivileged account', [...site, '--unprivileged-username', 'sub'], /together/],
  ['a base URL that is not a URL', ['--base-url', 'not a url', '--token', 't', '--target-user-id', '3'], /not a URL/],
  ['a non-http base URL', ['--base-url', 'ftp://x.org', '--token', 't', '--target-user-id', '3'], /must be http\(s\)/],
  ['an empty value', ['--base-url', '', '--token', 't', '--target-user-id', '3'], /--base-url needs a value/],
  ['a flag without value', ['--base-url'], /argument missing/],
  ['an unknown AAM version', ['--aam-version', '5.0'], /--aam-version must be one of 6.9.32, 6.9.51, got "5.0"/],
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

test('tokenUserId reads the userId claim and tolerates garbage', () => {
  assert.equal(tokenUserId(callerSeven), '7');
  assert.equal(tokenUserId(`Bearer ${callerSeven}`), '7');
  assert.equal(tokenUserId('not-a-jwt'), undefined);
  assert.equal(tokenUserId('a.%%%.c'), undefined);
});
