// The floors any converter of GitHub's spec pays, each a fresh Node process (the bench gives it the V8
// flags our CLI sets for itself, generators/lib/one-shot-v8.ts, so the floor is not costlier than ours):
//   read-parse IN              read the file and JSON.parse it as one-byte (Latin-1) text: the cheapest parse
//                              there is (no UTF-8 decoding; non-ASCII strings come out wrong, which a floor may)
//   write OUT BYTES            write BYTES bytes (the collection's size) from memory, nothing else
//   read-parse-write IN OUT    the identity converter: read, parse, JSON.stringify(doc, null, 2), write
// Usage: node floor.mjs MODE ARGS…
import { readFileSync, writeFileSync } from 'node:fs';

const [mode, a, b] = process.argv.slice(2);
if (mode === 'read-parse' && a !== undefined) {
  JSON.parse(readFileSync(a, 'latin1'));
} else if (mode === 'write' && a !== undefined && b !== undefined) {
  writeFileSync(a, Buffer.alloc(Number(b), 0x20));
} else if (mode === 'read-parse-write' && a !== undefined && b !== undefined) {
  writeFileSync(b, `${JSON.stringify(JSON.parse(readFileSync(a, 'utf8')), null, 2)}\n`);
} else {
  process.stderr.write('usage: node floor.mjs read-parse IN | write OUT BYTES | read-parse-write IN OUT\n');
  process.exit(2);
}
