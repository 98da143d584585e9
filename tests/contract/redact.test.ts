import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readClaims, tokenLabel } from '../../runner/jwt-claims.js';
import { createRedactor, encodings, replaceEach } from '../../runner/redact.js';
import { fakeToken } from './fake-site.js';

const TOKEN = fakeToken({ iat: 1, exp: 2, jti: 'a1b2c3d4-0000-4000-8000-000000000001', userId: 3 });
const LABEL = tokenLabel(TOKEN);
const PASSWORD = "p&ss<w>'rd=1 é+%";
const redactor = createRedactor([{ value: PASSWORD, label: '[password]' }]);

const cases: Array<[string, string, string]> = [
  ['a bearer header', `Authorization: Bearer ${TOKEN}`, `Authorization: Bearer ${LABEL}`],
  ['a token in a JSON body', `{"jwt":{"token":"${TOKEN}"}}`, `{"jwt":{"token":"${LABEL}"}}`],
  ['a signed URL', `http://x/?aam-jwt=${TOKEN}`, `http://x/?aam-jwt=${LABEL}`],
  ['the raw password', `password=${PASSWORD}`, 'password=[password]'],
  ['the password in JSON', `{"password":${JSON.stringify(PASSWORD)}}`, '{"password":"[password]"}'],
  ['the password JSON-escaped with \\u for non-ASCII', '{"password":"p&ss<w>\'rd=1 \\u00e9+%"}', '{"password":"[password]"}'],
  ['the password form-encoded', `username=a&${new URLSearchParams({ password: PASSWORD }).toString()}`, 'username=a&password=[password]'],
  ['the password URI-encoded', encodeURIComponent(PASSWORD), '[password]'],
  ['the password HTML-escaped (handlebars)', 'p&amp;ss&lt;w&gt;&#x27;rd&#x3D;1 é+%', '[password]'],
  ['the password HTML-escaped inside escaped JSON', '&quot;p&amp;ss&lt;w&gt;&#39;rd=1 é+%&quot;', '&quot;[password]&quot;'],
  ['the password XML-escaped (JUnit)', 'p&amp;ss&lt;w&gt;&apos;rd=1 é+%', '[password]'],
  ['a WordPress session cookie', 'Set-Cookie: wordpress_logged_in_0123456789abcdef0123456789abcdef=admin%7C1764%7Ctok%7Chmac; path=/', 'Set-Cookie: wordpress_logged_in_0123456789abcdef0123456789abcdef=[cookie]; path=/'],
  ['a session cookie in an HTML report (= escaped)', '<td>wordpress_logged_in_0123456789abcdef0123456789abcdef&#x3D;sub%7C1796%7CJRIdYl6c%7C9314b2</td>', '<td>wordpress_logged_in_0123456789abcdef0123456789abcdef&#x3D;[cookie]</td>'],
  ['a secure auth cookie', 'wordpress_sec_0123456789abcdef0123456789abcdef=admin|1|t|h', 'wordpress_sec_0123456789abcdef0123456789abcdef=[cookie]'],
  ['text without secrets', 'GET /wp-json/aam/v2/service/jwt → 200', 'GET /wp-json/aam/v2/service/jwt → 200'],
  ['dotted host names are no tokens', 'https://example-website.example-domain.com/', 'https://example-website.example-domain.com/'],
];
for (const [name, given, want] of cases) {
  test(`redact: ${name}`, () => {
    assert.equal(redactor.redact(given), want);
  });
}

test('a token label names the jti and the last six characters of the signature, never the token', () => {
  assert.match(LABEL, /^\[jwt jti=a1b2c3d4-0000-4000-8000-000000000001 …[\w-]{6}\]$/);
  assert.ok(!LABEL.includes(TOKEN.split('.')[2] ?? 'x'));
  // 7.x keeps the jti across a refresh: two tokens with one jti still get two labels.
  const refreshed = `${TOKEN.slice(0, TOKEN.lastIndexOf('.'))}.b3RoZXItc2lnbmF0dXJlLW9mLWEtcmVmcmVzaA`;
  assert.notEqual(tokenLabel(refreshed), LABEL);
});

test('every encoding of a secret is distinct and contains no other secret form twice', () => {
  const forms = encodings(PASSWORD);
  assert.equal(new Set(forms).size, forms.length);
  assert.ok(forms.length >= 10);
  assert.deepEqual(createRedactor([]).redact(PASSWORD), PASSWORD, 'no secrets: nothing but tokens and cookies is touched');
});

test('readClaims reads jti, the user, exp, iat and revocable, and tolerates garbage', () => {
  assert.deepEqual(readClaims(fakeToken({ jti: 'j', iat: 5, exp: 9, revocable: false, user_id: 7 })), { jti: 'j', userId: '7', exp: 9, iat: 5, revocable: false });
  assert.equal(readClaims('not-a-token'), undefined);
  assert.equal(readClaims('a.W10.c'), undefined, 'a payload that is no object');
});

test('replaceEach gives what String.prototype.replace gives', () => {
  const rows: Array<[string, RegExp]> = [
    ['a wordpress_0123456789abcdef0123456789abcdef=v; b WORDPRESS_LOGGED_IN_0123456789ABCDEF0123456789ABCDEF&#x3D;w', /\b(wordpress_(?:sec_|logged_in_)?[0-9a-f]{32}(?:=|&#x3D;))([^;\s&]+)/gi],
    ['no match here', /zzz/g],
    ['xx at start and end xx', /xx/g],
    ['', /a/g],
  ];
  for (const [text, pattern] of rows) {
    assert.equal(replaceEach(text, pattern, (m) => `<${m[0]}|${m[1] ?? ''}>`), text.replace(pattern, (m: string, g?: string) => `<${m}|${typeof g === 'string' ? g : ''}>`), text);
  }
});
