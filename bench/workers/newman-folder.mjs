/**
 * One Newman run of a collection's "Contract scenarios" folder in this (plain Node) process, no reporters:
 * `node newman-folder.mjs COLLECTION ENVIRONMENT REST_URL [--bare | --trivial | --one-test]`. `--bare` removes every script
 * from the collection first (the floor: Newman sending the same requests); `--trivial` replaces every script
 * with one trivial line (`pm.variables.get("x")`), keeping the events: the sandbox's own cost of running the
 * suite's scripts (a pre-request per step, the collection's test) before any work. Prints one JSON line
 * `{ requests, assertions, failed }`; exits 1 when Newman could not run or (without --bare) an assertion failed.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(new URL('../../package.json', import.meta.url));
const newman = require('newman');

const [collectionPath, environmentPath, restUrl, flag] = process.argv.slice(2);
if (restUrl === undefined) {
  process.stderr.write('usage: newman-folder.mjs COLLECTION ENVIRONMENT REST_URL [--bare | --trivial | --one-test]\n');
  process.exit(2);
}
const bare = flag === '--bare';
const oneTest = flag === '--one-test';
const trivial = flag === '--trivial' || oneTest;
const collection = JSON.parse(readFileSync(collectionPath, 'utf8'));
if (oneTest) {
  const strip = (node) => {
    delete node.event;
    for (const child of node.item ?? []) strip(child);
  };
  const test = (collection.event ?? []).filter((event) => event.listen === 'test');
  strip(collection);
  collection.event = test;
}
if (trivial) {
  const replace = (node) => {
    for (const event of node.event ?? []) event.script.exec = ['"use sandbox2";', 'pm.variables.get("x");'];
    for (const child of node.item ?? []) replace(child);
  };
  replace(collection);
}
if (bare) {
  const strip = (node) => {
    delete node.event;
    for (const child of node.item ?? []) strip(child);
  };
  strip(collection);
}
const environment = JSON.parse(readFileSync(environmentPath, 'utf8'));
const siteUrl = restUrl.replace(/\/wp-json\/?$/, '');
environment.values = environment.values.map((v) => (v.key === 'baseUrl' ? { ...v, value: restUrl } : v.key === 'siteUrl' ? { ...v, value: siteUrl } : v));

newman.run({ collection, environment, folder: 'Contract scenarios', reporters: [] }, (err, summary) => {
  if (err) {
    process.stderr.write(`newman: ${err.message}\n`);
    process.exit(1);
  }
  const stats = summary.run.stats;
  const result = { requests: stats.requests.total, assertions: stats.assertions.total, failed: stats.assertions.failed };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exitCode = !bare && !trivial && (result.failed > 0 || summary.run.error) ? 1 : 0;
});
