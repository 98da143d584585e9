import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCli } from '../../mock/cli-args.js';

const ok: [string[], Record<string, string>, Record<string, unknown>][] = [
  [[], {}, { port: 8080, host: '127.0.0.1' }],
  [['--port', '0', '--ttl', '3600', '--registry-size', '3'], {}, { port: 0, host: '127.0.0.1', ttl: 3600, registrySize: 3 }],
  [['--algorithm', 'hs512', '--secret', 's', '--site-url', 'http://x.test'], {}, { port: 8080, host: '127.0.0.1', algorithm: 'HS512', secret: 's', siteUrl: 'http://x.test' }],
  [[], { AAM_MOCK_PORT: '9000', AAM_MOCK_TTL: '+1 hour' }, { port: 9000, host: '127.0.0.1', ttl: '+1 hour' }],
  [['--port', '1'], { AAM_MOCK_PORT: '9000' }, { port: 1, host: '127.0.0.1' }],
];
for (const [argv, env, want] of ok) {
  test(`cli: ${argv.join(' ') || '(no flags)'} ${JSON.stringify(env)}`, () => assert.deepEqual(parseCli(argv, env), want));
}

const bad: [string[], RegExp][] = [
  [['--port', 'abc'], /--port must be an integer/],
  [['--bogus'], /Unknown option/],
  [['--algorithm', 'ES256'], /--algorithm must be one of/],
  [['--users', '/nonexistent.json'], /--users/],
  [['--secret', ''], /--secret cannot be empty/],
];
for (const [argv, message] of bad) {
  test(`cli rejects ${argv.join(' ')}`, () => assert.throws(() => parseCli(argv, {}), (err: Error & { code?: string }) => err.code === 'ERR_MOCK_USAGE' && message.test(err.message)));
}

test('cli: --help', () => assert.equal(parseCli(['--help'], {}), 'help'));
