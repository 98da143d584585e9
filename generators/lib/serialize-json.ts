import { closeSync, openSync, writeSync } from 'node:fs';

/** The one serializer for every generated file: 2-space JSON, LF, trailing newline. */
export function serializeJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * Exactly the text of {@link serializeJson}, handed to `write` in pieces, so a big collection is never
 * one giant string (nor a giant buffer to write it). The top two levels are opened here, and so is the
 * `item` tree (objects with an `item` array, and those arrays): each Postman request item, event or
 * variable becomes one piece, written by JSON.stringify (fast) and re-indented.
 */
export function serializeJsonChunks(value: unknown, write: (chunk: string) => void): void {
  const text = chunk(jsonValue(value, ''), '', '', 0, write);
  write(`${text ?? 'undefined'}\n`);
}

function isContainer(value: unknown): value is object {
  return value !== null && typeof value === 'object';
}

/** Arrays and plain objects are opened here; anything else (boxed primitives, class instances) goes to JSON.stringify whole. */
function isPlainContainer(value: unknown): value is object {
  if (!isContainer(value)) return false;
  if (Array.isArray(value)) return true;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** `toJSON` as JSON.stringify applies it. */
function jsonValue(value: unknown, key: string): unknown {
  if (isContainer(value) && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return (value as { toJSON: (key: string) => unknown }).toJSON(key);
  }
  return value;
}

/** Whether {@link chunk} opens `value` (found under `key`, `level` deep) instead of stringifying it whole. */
function opens(value: object, key: string, level: number): boolean {
  if (level < 2) return true;
  if (Array.isArray(value)) return key === 'item';
  return Array.isArray((value as { item?: unknown }).item);
}

/**
 * Writes `value` (found under `key`) at `indent` and returns the text that closes it (or all of it, for
 * a leaf), which the caller writes after it; `undefined` when JSON.stringify would leave the value out.
 */
function chunk(value: unknown, key: string, indent: string, level: number, write: (text: string) => void): string | undefined {
  if (!isPlainContainer(value) || !opens(value, key, level)) {
    const text = JSON.stringify(value, null, 2) as string | undefined;
    return text === undefined || indent === '' ? text : text.replaceAll('\n', `\n${indent}`);
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    write('[\n');
    for (let i = 0; i < value.length; i += 1) {
      write(inner);
      const text = chunk(jsonValue(value[i], String(i)), key, inner, level + 1, write) ?? 'null';
      write(`${text}${i < value.length - 1 ? ',' : ''}\n`);
    }
    return `${indent}]`;
  }
  const record = value as Record<string, unknown>;
  let first = true;
  for (const name of Object.keys(record)) {
    const item = jsonValue(record[name], name);
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
    write(`${first ? '{\n' : ',\n'}${inner}${JSON.stringify(name)}: `);
    first = false;
    const text = chunk(item, name, inner, level + 1, write);
    write(text ?? 'null');
  }
  return first ? '{}' : `\n${indent}}`;
}

/** Size of the one buffer {@link writeJsonFile} encodes into. */
const WRITE_BUFFER = 1 << 18;

/**
 * Writes `serializeJson(value)` to `path` in chunks, encoded into one reused buffer: neither the
 * whole text nor big temporary strings or buffers exist at any time.
 */
export function writeJsonFile(path: string, value: unknown): void {
  const fd = openSync(path, 'w');
  try {
    const buffer = Buffer.allocUnsafe(WRITE_BUFFER);
    let used = 0;
    const flush = (): void => {
      for (let done = 0; done < used; ) done += writeSync(fd, buffer, done, used - done);
      used = 0;
    };
    serializeJsonChunks(value, (text) => {
      // a UTF-16 code unit takes at most 3 bytes of UTF-8
      if (used + text.length * 3 > WRITE_BUFFER) flush();
      if (text.length * 3 <= WRITE_BUFFER) {
        used += buffer.write(text, used, 'utf8');
        return;
      }
      const bytes = Buffer.from(text, 'utf8');
      for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
    });
    flush();
  } finally {
    closeSync(fd);
  }
}
