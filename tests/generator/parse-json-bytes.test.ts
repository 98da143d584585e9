/**
 * parseJsonBytes (the Latin-1 fast path of loadSpec) gives exactly JSON.parse of the UTF-8 text: the same
 * value, key order included, or the same error.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeNonAscii, parseJsonBytes } from '../../generators/lib/parse-json-bytes.js';

/** What the plain path gives: the value, or the error's class and message. */
function plain(bytes: Buffer): { value: unknown } | { error: string } {
  try {
    return { value: JSON.parse(bytes.toString('utf8')) as unknown };
  } catch (error) {
    return { error: `${(error as Error).name}: ${(error as Error).message}` };
  }
}

function fast(bytes: Buffer): { value: unknown } | { error: string } {
  try {
    return { value: parseJsonBytes(bytes) };
  } catch (error) {
    return { error: `${(error as Error).name}: ${(error as Error).message}` };
  }
}

/** Deep equality that also compares key order and own `__proto__` keys. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shape);
  if (value !== null && typeof value === 'object') return Object.keys(value).map((key) => [key, shape((value as Record<string, unknown>)[key])]);
  return value;
}

const deepCase = Buffer.from(`${'['.repeat(2000)}"é"${']'.repeat(2000)}`);
const cases: Array<[string, Buffer]> = [
  ['ASCII only', Buffer.from('{"a":[1,2.5,true,null,"x"],"b":{"c":"d"}}')],
  ['ASCII with \\u escapes above U+0080', Buffer.from('{"a":"\\u00e9\\u20ac\\ud83d\\ude00"}')],
  ['non-ASCII values', Buffer.from('{"a":"café","b":["€","😀","plain"],"c":{"d":"ü\\n\\"x\\""}}')],
  ['non-ASCII keys keep their order among ASCII and index keys', Buffer.from('{"z":1,"é":2,"a":3,"2":4,"😀":5,"1":6}')],
  ['a __proto__ key beside a non-ASCII key', Buffer.from('{"é":1,"__proto__":{"x":"ü"},"b":2}')],
  ['a __proto__ key with a non-ASCII value', Buffer.from('{"__proto__":"é"}')],
  ['duplicate non-ASCII keys: the last value, the first position', Buffer.from('{"é":1,"a":2,"é":3}')],
  ['non-ASCII with a low \\u escape in the same string', Buffer.from('{"a":"é\\u0041\\u007f"}')],
  ['non-ASCII and a \\u escape above U+0080', Buffer.from('{"a":"é\\u00e9"}')],
  ['an escaped backslash before u', Buffer.from('{"a":"é\\\\u00e9"}')],
  ['a root string', Buffer.from('"naïve"')],
  ['U+2028 and U+2029 in a string', Buffer.from('{"a":"x\u2028y\u2029z"}')],
  ['deep nesting with non-ASCII at the bottom', deepCase],
  ['invalid UTF-8 in a string (plain path: U+FFFD)', Buffer.concat([Buffer.from('{"a":"x'), Buffer.from([0xff, 0xc3]), Buffer.from('"}')])],
  ['a UTF-8 byte-order mark', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}')])],
  ['a syntax error after non-ASCII text (same message and position)', Buffer.from('{"a":"ééé", "b": tru}')],
  ['non-ASCII outside a string', Buffer.from('{"a":1,é}')],
  ['a truncated \\u escape', Buffer.from('{"a":"é\\u00"}')],
  ['empty input', Buffer.from('')],
];

for (const [name, bytes] of cases) {
  test(`parseJsonBytes = JSON.parse(utf8): ${name}`, () => {
    const expected = plain(bytes);
    const actual = fast(bytes);
    if ('error' in expected) {
      assert.deepEqual(actual, expected);
    } else {
      assert.ok('value' in actual, JSON.stringify(actual));
      // JSON text: values and key order (deepEqual would overflow the stack on the deep case)
      assert.equal(JSON.stringify(actual.value), JSON.stringify(expected.value));
      if (bytes !== deepCase) assert.deepEqual(shape(actual.value), shape(expected.value));
    }
  });
}

test('parseJsonBytes: the object built for a __proto__ key is an own property, not the prototype', () => {
  const value = parseJsonBytes(Buffer.from('{"é":1,"__proto__":{"x":1}}')) as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(value), Object.prototype);
  assert.deepEqual(Object.keys(value), ['é', '__proto__']);
});

const escapes: Array<[string, string, string]> = [
  ['ASCII stays as it is', '{"a":"x\\u00e9"}', '{"a":"x\\u00e9"}'],
  ['two- and three-byte characters', '{"é":"€"}', '{"\\u00e9":"\\u20ac"}'],
  ['an astral character becomes its surrogate pair', '["😀x"]', '["\\ud83d\\ude00x"]'],
  ['a run of several characters', '"aéüb"', '"a\\u00e9\\u00fcb"'],
  ['a run across the 4 KiB blocks', `"${'x'.repeat(4094)}éé"`, `"${'x'.repeat(4094)}\\u00e9\\u00e9"`],
];
for (const [name, input, expected] of escapes) {
  test(`escapeNonAscii: ${name}`, () => {
    assert.equal(escapeNonAscii(Buffer.from(input)).toString('latin1'), expected);
  });
}
