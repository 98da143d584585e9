// The floors any converter of GitHub's spec pays, each a fresh plain Node process (default flags):
//   read-parse IN              read the file and JSON.parse its UTF-8 text, nothing else
//   write OUT BYTES            write BYTES bytes (the collection's size) from memory, nothing else
//   read-parse-write IN OUT    the identity converter: read, parse, JSON.stringify(doc, null, 2), write
// Usage: node floor.mjs MODE ARGS…
import { readFileSync, writeFileSync } from 'node:fs';

const [mode, a, b] = process.argv.slice(2);
if (mode === 'read-parse' && a !== undefined) {
  JSON.parse(readFileSync(a, 'utf8'));
} else if (mode === 'write' && a !== undefined && b !== undefined) {
  writeFileSync(a, Buffer.alloc(Number(b), 0x20));
} else if (mode === 'read-parse-write' && a !== undefined && b !== undefined) {
  writeFileSync(b, `${JSON.stringify(JSON.parse(readFileSync(a, 'utf8')), null, 2)}\n`);
} else {
  process.stderr.write('usage: node floor.mjs read-parse IN | write OUT BYTES | read-parse-write IN OUT\n');
  process.exit(2);
}
