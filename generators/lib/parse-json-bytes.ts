/**
 * `JSON.parse` of a UTF-8 file's bytes, without decoding the whole file to UTF-16 first.
 *
 * A 13 MB UTF-8 file that holds a few non-ASCII characters (GitHub's spec) decodes, slowly, into a 26 MB
 * two-byte string, and JSON.parse is slower on it too. Here every non-ASCII character is written as the
 * JSON escape of its UTF-16 code units (`é` → `\u00e9`), which JSON.parse turns back into the same
 * characters; the text is then pure ASCII, and its Latin-1 decoding (a copy, not a decoding) parses as
 * a one-byte string. Exactly `JSON.parse(bytes.toString('utf8'))`, same value or same error:
 * - an escape is read the same inside a string, and a syntax error outside one, as the raw character;
 * - bytes that are not valid UTF-8 (which decoding replaces by U+FFFD) take the plain path;
 * - a syntax error is thrown by the plain path, so its message and position are the usual ones.
 */
import { isAscii, isUtf8 } from 'node:buffer';

/** Same value (or same error) as `JSON.parse(bytes.toString('utf8'))`. */
export function parseJsonBytes(bytes: Buffer): unknown {
  const text = jsonText(bytes);
  if (text === undefined) return JSON.parse(bytes.toString('utf8')) as unknown;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // the plain path throws the error (message, position) a caller expects
    return JSON.parse(bytes.toString('utf8')) as unknown;
  }
}

/**
 * The text to give JSON.parse instead of `bytes.toString('utf8')`: a one-byte ASCII string that parses to
 * the same value (and fails on the same documents, with other positions); `undefined` when the bytes are
 * not valid UTF-8 and only the plain path gives the same value.
 */
export function jsonText(bytes: Buffer): string | undefined {
  if (isAscii(bytes)) return bytes.toString('latin1');
  if (!isUtf8(bytes)) return undefined;
  return escapeNonAscii(bytes).toString('latin1');
}

/** Bytes scanned at once for non-ASCII ones (natively, `isAscii`): most blocks of a spec have none. */
const BLOCK = 4096;

/**
 * Valid UTF-8 → ASCII: each maximal run of non-ASCII bytes (whole UTF-8 sequences, since every byte of a
 * multi-byte sequence is ≥ 0x80) becomes the `\uXXXX` escapes of its UTF-16 code units.
 */
export function escapeNonAscii(bytes: Buffer): Buffer {
  const parts: Buffer[] = [];
  let done = 0;
  for (let start = 0; start < bytes.length; start += BLOCK) {
    const end = Math.min(start + BLOCK, bytes.length);
    if (end <= done || isAscii(bytes.subarray(Math.max(start, done), end))) continue;
    for (let i = Math.max(start, done); i < end; i += 1) {
      if ((bytes[i] ?? 0) < 0x80) continue;
      let j = i + 1;
      while (j < bytes.length && (bytes[j] ?? 0) >= 0x80) j += 1;
      parts.push(bytes.subarray(done, i), Buffer.from(jsonEscapes(bytes.toString('utf8', i, j)), 'latin1'));
      done = j;
      i = j - 1;
    }
  }
  parts.push(bytes.subarray(done));
  return Buffer.concat(parts);
}

/** `\uXXXX` for every UTF-16 code unit of `text`. */
function jsonEscapes(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i += 1) out += `\\u${text.charCodeAt(i).toString(16).padStart(4, '0')}`;
  return out;
}
