import { test } from 'node:test';
import assert from 'node:assert/strict';
import { phpJsonDecode } from '../../mock/php/json-decode.js';
import { phpJsonEncode } from '../../mock/php/json-encode.js';
import { phpParseMultipart, phpParseStr } from '../../mock/php/parse-str.js';
import { strtotime } from '../../mock/php/strtotime.js';
import { T0 } from './helpers.js';

const decodeCases: [string, string, number | string][] = [
  ['syntax error', '{bad', 4],
  ['empty input', '', 4],
  ['control character in a string', '{"a":"x\u0001"}', 3],
  ['control character outside a string (the scanner\'s CTRL rule)', '\u0005\u00ea', 3],
  ['lone surrogate escape', '"\\ud800"', 10],
  ['too deep', '['.repeat(513) + ']'.repeat(513), 1],
  ['key order kept, integer keys included', '{"b":1,"0":2,"a":[1,2.5,{}]}', '{"b":1,"0":2,"a":[1,2.5,[]]}'],
  ['big int beyond int64 becomes a float', '12345678901234567890', '1.2345678901234567e+19'],
  ['int64 kept exactly', '9007199254740993', '9007199254740993'],
  ['float with zero fraction prints like PHP', '10.0', '10'],
];
for (const [name, input, want] of decodeCases) {
  test(`json_decode: ${name}`, () => {
    const r = phpJsonDecode(input, { assoc: true });
    if (typeof want === 'number') assert.deepEqual(r, { ok: false, code: want });
    else {
      assert.equal(r.ok, true);
      assert.equal(r.ok && phpJsonEncode(r.value, { escapeSlashes: true }), want);
    }
  });
}

test('json_decode: invalid UTF-8 is error 5', () => {
  assert.deepEqual(phpJsonDecode(Buffer.from([0x22, 0xff, 0x22]), { assoc: true }), { ok: false, code: 5 });
});

const encodeCases: [string, unknown, boolean, string][] = [
  ['slashes escaped for REST bodies', { iss: 'http://x/y' }, true, '{"iss":"http:\\/\\/x\\/y"}'],
  ['slashes kept in token payloads', { iss: 'http://x/y' }, false, '{"iss":"http://x/y"}'],
  ['non-ASCII as lowercase \\u escapes', 'é€', true, '"\\u00e9\\u20ac"'],
  ['empty PHP array is a list', new Map(), true, '[]'],
  ['sequential integer keys are a list', new Map([['0', 'a'], ['1', 'b']]), true, '["a","b"]'],
];
for (const [name, value, escapeSlashes, want] of encodeCases) {
  test(`json_encode: ${name}`, () => assert.equal(phpJsonEncode(value as never, { escapeSlashes }), want));
}

const timeCases: [string, number | false][] = [
  ['+1 hour', T0 + 3600],
  ['1 hour', T0 + 3600],
  ['+24 hours', T0 + 86400],
  ['-1 day', T0 - 86400],
  ['2 weeks ago', T0 - 14 * 86400],
  ['+1 day 2 hours', T0 + 86400 + 7200],
  ['now', T0],
  ['tomorrow', T0 + 86400],
  ['2030-01-01', Date.UTC(2030, 0, 1) / 1000],
  ['2030-01-01 12:30:00', Date.UTC(2030, 0, 1, 12, 30) / 1000],
  ['2030-01-01T12:30:00+02:00', Date.UTC(2030, 0, 1, 10, 30) / 1000],
  ['@1700000000', 1700000000],
  ['3600', Date.UTC(3600, 0, 1) / 1000],
  ['1230', T0 + 12 * 3600 + 30 * 60],
  ['1 January 2030', Date.UTC(2030, 0, 1) / 1000],
  ['garbage', false],
  ['', false],
  ['+1 fortnight', T0 + 14 * 86400],
  // found by compare against a real site; values from PHP 8.2's strtotime() at T0
  ['x', T0 + 39600], // military time zone X (UTC−11): now's wall-clock time there
  ['-1', T0 + 3600], // a bare numeric time-zone offset
  ['1.5', T0 + 3900], // H.MM is a time (01:05)
  ['10.30', T0 + 37800],
  ['+1 hour UTC', T0 + 3600],
  ['+1 hour x', T0 + 43200],
  ['next monday', T0 + 345600],
  ['last friday', T0 - 518400],
  [' ', T0], // whitespace only is "now"; only '' is false
];
for (const [input, want] of timeCases) {
  test(`strtotime(${JSON.stringify(input)})`, () => assert.equal(strtotime(input, T0), want));
}

test('parse_str builds nested arrays and lists like PHP', () => {
  const parsed = phpParseStr('a[]=1&a[]=2&b[x]=y&c.d=e&f=%2F+g');
  assert.equal(phpJsonEncode(parsed, { escapeSlashes: false }), '{"a":["1","2"],"b":{"x":"y"},"c_d":"e","f":"/ g"}');
});

test('multipart/form-data fills $_POST like PHP: names registered like form fields, values as sent, file parts left out', () => {
  const body = [
    '--xyz', 'Content-Disposition: form-data; name="username"', '', 'admin', '--xyz', 'Content-Disposition: form-data; name="a[]"', '', '1',
    '--xyz', 'Content-Disposition: form-data; name="a[]"', '', '%2F é', '--xyz', 'Content-Disposition: form-data; name="file"; filename="x.txt"',
    'Content-Type: text/plain', '', 'ignored', '--xyz', 'Content-Disposition: form-data; name="c.d"', '', 'line 1\r\nline 2', '--xyz--', '',
  ].join('\r\n');
  const parsed = phpParseMultipart(Buffer.from(body), 'multipart/form-data; boundary=xyz');
  assert.equal(phpJsonEncode(parsed, { escapeSlashes: false }), '{"username":"admin","a":["1","%2F \\u00e9"],"c_d":"line 1\\r\\nline 2"}');
});

/** Computed by PHP 8.2's strtotime() (UTC), the version the real sites run: weekday names, first/last day of, month names, zone identifiers. */
const PHP_TIMES: Array<[string, number, number | false]> = [
  ["february", 1767225600, 1769904000],
  ["monday", 1767225600, 1767571200],
  ["next monday", 1767225600, 1767571200],
  ["last monday", 1767225600, 1766966400],
  ["this thursday", 1767225600, 1767225600],
  ["previous friday", 1767225600, 1766707200],
  ["sunday", 1767225600, 1767484800],
  ["first day of next month", 1767225600, 1769904000],
  ["last day of february", 1767225600, 1772236800],
  ["last day of this month", 1767225600, 1769817600],
  ["first day of january 2027", 1767225600, 1798761600],
  ["jan 2027", 1767225600, 1798761600],
  ["next month february", 1767225600, 1772323200],
  ["2027-01-01 12:00 Europe\/Paris", 1767225600, 1798801200],
  ["2027-07-01 12:00 Europe\/Paris", 1767225600, 1814436000],
  ["2027-01-01 12:00 europe\/paris", 1767225600, false],
  ["tomorrow Europe\/Paris", 1767225600, 1767308400],
  ["next friday 13:00", 1767225600, 1767358800],
  ["last day of next month 23:59:59", 1767225600, 1772323199],
  ["+1 week monday", 1767225600, 1768176000],
  ["friday +2 days", 1767225600, 1767484800],
  ["9:00 America\/New_York", 1767225600, 1767276000],
  ["february", 1795946000, 1772323200],
  ["monday", 1795946000, 1795996800],
  ["next monday", 1795946000, 1795996800],
  ["last monday", 1795946000, 1795392000],
  ["this thursday", 1795946000, 1796256000],
  ["previous friday", 1795946000, 1795737600],
  ["sunday", 1795946000, 1795910400],
  ["first day of next month", 1795946000, 1796118800],
  ["last day of february", 1795946000, 1772236800],
  ["last day of this month", 1795946000, 1796032400],
  ["first day of january 2027", 1795946000, 1798761600],
  ["jan 2027", 1795946000, 1798761600],
  ["next month february", 1795946000, 1775001600],
  ["2027-01-01 12:00 Europe\/Paris", 1795946000, 1798801200],
  ["2027-07-01 12:00 Europe\/Paris", 1795946000, 1814436000],
  ["2027-01-01 12:00 europe\/paris", 1795946000, false],
  ["tomorrow Europe\/Paris", 1795946000, 1795993200],
  ["next friday 13:00", 1795946000, 1796389200],
  ["last day of next month 23:59:59", 1795946000, 1798761599],
  ["+1 week monday", 1795946000, 1796601600],
  ["friday +2 days", 1795946000, 1796515200],
  ["9:00 America\/New_York", 1795946000, 1795960800],
];
for (const [input, now, want] of PHP_TIMES) {
  test(`strtotime(${JSON.stringify(input)}) at ${now} is what PHP answers`, () => assert.equal(strtotime(input, now), want));
}
