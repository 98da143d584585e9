import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AAM_VERSIONS } from '../../mock/generations/index.js';
import { parseSitesFile, SitesFileError } from '../../runner/fleet/sites-file.js';
import { resolveSite } from '../../runner/fleet/site-target.js';

const SITE = (lines: string): string => `sites:\n  - name: shop\n    url: https://shop.example\n${lines}`;

/** Each bad file: every mistake with its file:line:column, in file order. */
const BAD: ReadonlyArray<readonly [string, string, readonly string[]]> = [
  ['a password written as a value', SITE('    caller: { username: admin, password: hunter2 }\n    targetUserId: 42\n'), ['sites.yaml:4:42: password: a secret is given as a reference, { env: NAME } or { file: PATH }, never as the value itself']],
  ['a token written as a value', SITE('    caller: { token: eyJhbGciOiJIUzI1NiJ9.e30.x }\n    targetUserId: 42\n'), ['sites.yaml:4:22: token: a secret is given as a reference, { env: NAME } or { file: PATH }, never as the value itself']],
  [
    'several mistakes at once',
    'sites:\n  - name: shop\n    url: ftp://shop.example\n    caller: { username: admin, password: { env: 1BAD } }\n    targetUserId: 0\n    aamVersion: 5.0.0\n    extra: yes\n  - name: Shop\n    url: "not a url"\n    caller: { token: { env: T }, username: x }\n    targetUserId: 3\n',
    [
      'sites.yaml:3:10: the url must be http or https, got "ftp:"',
      'sites.yaml:4:49: env must name an environment variable (letters, digits and "_", not starting with a digit)',
      'sites.yaml:5:19: targetUserId must be a positive integer: the id of a dedicated throw-away user',
      `sites.yaml:6:17: aamVersion must be one of ${AAM_VERSIONS.join(', ')} (or left out: the generation is detected)`,
      'sites.yaml:7:5: unknown key "extra" in sites[0] (known: name, url, caller, targetUserId, unprivileged, aamVersion)',
      'sites.yaml:8:11: the name "Shop" is already used by the site at sites.yaml:2:5 (names must be unique, ignoring case: each names a report folder)',
      'sites.yaml:9:10: "not a url" is not a URL: give the site\'s address, e.g. https://shop.example',
      'sites.yaml:10:15: caller has both a token and a login: give either token, or username and password',
    ],
  ],
  ['no site', 'sites: []\n', ['sites.yaml:1:8: sites must list at least one site']],
  ['no sites key', 'site:\n  - name: a\n', ['sites.yaml:1:1: the file lacks sites', 'sites.yaml:1:1: unknown key "site" in the file (known: sites, defaults)']],
  [
    'a half login, a reference with two sources',
    SITE('    caller: { username: admin }\n    targetUserId: 3\n    unprivileged: { username: s, password: { env: P, file: f } }\n'),
    ['sites.yaml:4:13: caller needs either token: { env: NAME }, or username and password: { env: NAME } (password is missing)', 'sites.yaml:6:44: sites[0].unprivileged.password must have exactly one of env or file'],
  ],
  ['credentials in the url', 'sites:\n  - name: a\n    url: https://admin:pw@a.example\n    caller: { token: { env: T } }\n    targetUserId: 3\n', ['sites.yaml:3:10: the url must not carry credentials: give them in caller']],
  ['a bad site name', 'sites:\n  - name: ../etc\n    url: https://a.example\n    caller: { token: { env: T } }\n    targetUserId: 3\n', ['sites.yaml:2:11: a site name is 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit']],
  ['invalid YAML', 'sites:\n  - name: a\n   url: x\n', ['sites.yaml:3:1: invalid YAML: Sequence item without - indicator']],
  ['a duplicate key', 'sites:\n  - name: a\n    name: b\n', ['sites.yaml:3:5: invalid YAML: Map keys must be unique']],
];

for (const [name, text, expected] of BAD) {
  test(`sites file: ${name} → one line per mistake with file:line:column`, () => {
    let caught: unknown;
    try {
      parseSitesFile(text, 'sites.yaml');
    } catch (err) {
      caught = err;
    }
    assert.ok(caught instanceof SitesFileError, `no SitesFileError for ${name}`);
    assert.equal(caught.code, 'ERR_SITES_FILE');
    assert.deepEqual(caught.issues.map((issue) => `${issue.at}: ${issue.message}`), expected);
    assert.ok(!caught.message.includes('hunter2') && !caught.message.includes('eyJhbGci'), 'a secret written as a value is not echoed');
  });
}

test('sites file: YAML merges of defaults, references kept as references (file:line of each), ids as strings', () => {
  const text = 'defaults: &c\n  caller: { username: admin, password: { env: PW } }\nsites:\n  - name: a\n    url: http://a.example\n    <<: *c\n    targetUserId: "3"\n  - name: b\n    url: http://b.example/wp-json\n    caller: { token: { file: secrets/b } }\n    targetUserId: 7\n    aamVersion: 6.9.51\n    unprivileged: { username: { env: SUB }, password: { env: SUBPW } }\n';
  const sites = parseSitesFile(text, 'f.yaml');
  assert.deepEqual(sites, [
    { name: 'a', at: 'f.yaml:4:5', url: 'http://a.example', caller: { username: { kind: 'plain', value: 'admin' }, password: { kind: 'env', name: 'PW', at: 'f.yaml:2:40' } }, targetUserId: '3', unprivileged: undefined, aamVersion: undefined },
    {
      name: 'b',
      at: 'f.yaml:8:5',
      url: 'http://b.example/wp-json',
      caller: { token: { kind: 'file', path: 'secrets/b', at: 'f.yaml:10:22' } },
      targetUserId: '7',
      unprivileged: { username: { kind: 'env', name: 'SUB', at: 'f.yaml:13:31' }, password: { kind: 'env', name: 'SUBPW', at: 'f.yaml:13:55' } },
      aamVersion: '6.9.51',
    },
  ]);
});

test('site references: resolved when the site runs; an unset variable or unreadable file is that site\'s one line', () => {
  const [a, b] = parseSitesFile('sites:\n  - name: a\n    url: http://a.example\n    caller: { username: admin, password: { env: PW } }\n    targetUserId: 3\n  - name: b\n    url: http://b.example\n    caller: { token: { file: tok } }\n    targetUserId: 3\n', 's.yaml');
  assert.ok(a !== undefined && b !== undefined);
  const files: Record<string, string> = { '/cfg/tok': 'Bearer abc.def.ghi\n', '/cfg/two': 'a\nb\n' };
  const sources = { env: { PW: 'pw-1' }, baseDir: '/cfg', readFile: (path: string): string => files[path] ?? (() => { throw Object.assign(new Error('no'), { code: 'ENOENT' }); })() };
  assert.deepEqual(resolveSite(a, sources), { ok: true, target: { kind: 'site', restUrl: 'http://a.example/wp-json', credentials: { username: 'admin', password: 'pw-1' }, targetUserId: '3', unprivileged: undefined } });
  assert.deepEqual(resolveSite(b, sources), { ok: true, target: { kind: 'site', restUrl: 'http://b.example/wp-json', credentials: { token: 'abc.def.ghi' }, targetUserId: '3', unprivileged: undefined } });
  assert.deepEqual(resolveSite(a, { ...sources, env: {} }), { ok: false, message: "the caller's password comes from the environment variable PW (s.yaml:4:42), which is not set" });
  assert.deepEqual(resolveSite(b, { ...sources, baseDir: '/elsewhere' }), { ok: false, message: "the caller's token comes from the file tok (s.yaml:8:22), which cannot be read (ENOENT)" });
});
