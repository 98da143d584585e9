// Converts one OpenAPI file with openapi-to-postmanv2 exactly as its CLI (bin/openapi2postmanv2.js) does:
// read the file as a string, convertV2({ type: 'string' }) with default options, write output[0].data.
// Plain Node (no tsx) so the peer pays no loader overhead. Usage: node convert-o2p.mjs IN.json OUT.json
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const converter = require('openapi-to-postmanv2');
const [input, output] = process.argv.slice(2);
if (input === undefined || output === undefined) {
  process.stderr.write('usage: node convert-o2p.mjs IN OUT\n');
  process.exit(2);
}
converter.convertV2({ type: 'string', data: readFileSync(input, 'utf8') }, {}, (error, status) => {
  if (error) {
    process.stderr.write(`conversion error: ${error.message}\n`);
    process.exit(1);
  }
  if (!status.result) {
    process.stderr.write(`conversion failed: ${status.reason}\n`);
    process.exit(1);
  }
  writeFileSync(output, JSON.stringify(status.output[0].data));
});
