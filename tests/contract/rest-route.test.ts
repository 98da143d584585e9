import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startMock } from '../../mock/index.js';
import { loadUsers } from '../../mock/wp/users.js';
import { upstreamUrl } from '../../runner/rest-route-proxy.js';
import { runContract } from '../../runner/run-contract.js';
import { startFaultProxy } from '../mutation/fault-proxy.js';

const root = new URL('../../', import.meta.url).pathname;

const urls: Array<[string, string]> = [
  ['/wp-json/', 'https://wp.example.org/blog/?rest_route=/'],
  ['/wp-json', 'https://wp.example.org/blog/?rest_route=/'],
  ['/wp-json/aam/v2/jwts?user_id=3&fields=id', 'https://wp.example.org/blog/?rest_route=/aam/v2/jwts&user_id=3&fields=id'],
  ['/wp-json/aam/v2/service/jwt/abc-1', 'https://wp.example.org/blog/?rest_route=/aam/v2/service/jwt/abc-1'],
  ['/wp-admin/admin-ajax.php?action=x', 'https://wp.example.org/blog/wp-admin/admin-ajax.php?action=x'],
];
for (const [path, want] of urls) {
  test(`rest_route proxy maps ${path}`, () => {
    assert.equal(upstreamUrl('https://wp.example.org/blog/', path).href, want);
  });
}

test('a site without pretty permalinks (no /wp-json, only ?rest_route=) runs the whole suite through the local proxy', async () => {
  const users = loadUsers().map((user) => ({ ...user, password: `${user.login}-pw-5` }));
  // WordPress with plain permalinks: /wp-json/… is a theme 404 page; /?rest_route=/… is the REST API. The site
  // is the proxy: its URL is the one WordPress names in redirects and cookies.
  let mockUrl = '';
  const plain = await startFaultProxy(() => mockUrl, {
    request: (req) => {
      const url = new URL(req.url, 'http://x');
      if (url.pathname.startsWith('/wp-json')) return { ...req, url: '/no-pretty-permalinks-here' };
      const route = url.searchParams.get('rest_route');
      if (route === null) return undefined;
      url.searchParams.delete('rest_route');
      return { ...req, url: `/wp-json${route}${url.search}` };
    },
  });
  const mock = await startMock({ port: 0, host: '127.0.0.1', users, siteUrl: plain.url });
  mockUrl = mock.url;
  let output = '';
  try {
    const result = await runContract({
      target: { kind: 'site', restUrl: `${plain.url}/wp-json`, credentials: { username: 'admin', password: 'admin-pw-5' }, targetUserId: '4', unprivileged: { username: 'subscriber1', password: 'subscriber1-pw-5' } },
      generate: false,
      reportsDir: undefined,
      progress: false,
      root,
      log: (text) => (output += text),
    });
    assert.equal(result.exitCode, 0, output);
    assert.deepEqual(result.facts.failures, []);
    assert.ok(result.facts.requests >= 160);
    assert.match(output, /note: http:\/\/127\.0\.0\.1:\d+\/wp-json\/ is missing \(404 \(text\/html\)\) but http:\/\/127\.0\.0\.1:\d+\/\?rest_route=\/ serves the REST API \(no pretty permalinks\): the run goes through a local proxy/);
    assert.deepEqual(plain.errors(), []);
  } finally {
    await plain.close();
    await mock.close();
  }
});
