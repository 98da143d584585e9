/**
 * Runs `npm run contract` against a site through a token recorder and searches every output for the
 * passwords (from the environment: AAM_PASSWORD, AAM_UNPRIVILEGED_PASSWORD), every token and every session
 * cookie (its session token and HMAC) the site handed out during the run. Not part of `npm test` (it needs a site); the same check against the mock is
 * tests/contract/secrets.test.ts.
 *
 *   node --import tsx tests/tools/secret-scan.ts --base-url http://127.0.0.1:8081 --target-user-id 3 [runner flags]
 *
 * Prints one line per output with its size and hit count, and exits 1 on any hit.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTokenRecorder } from '../contract/token-recorder.js';

const root = new URL('../../', import.meta.url).pathname;
const args = process.argv.slice(2);
const at = args.indexOf('--base-url');
const upstream = args[at + 1];
if (at === -1 || upstream === undefined) throw new Error('--base-url URL is required');
const recorder = await startTokenRecorder(upstream);
const reports = await mkdtemp(join(tmpdir(), 'aam-scan-'));
const runArgs = [...args.slice(0, at), '--base-url', recorder.url, ...args.slice(at + 2), '--reports', reports];
const run = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'runner/cli.ts', ...runArgs], { cwd: root, env: process.env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  child.on('close', (status) => resolve({ status, stdout, stderr }));
});
await recorder.close();
const outputs: Array<[string, string]> = [['stdout', run.stdout], ['stderr', run.stderr]];
for (const name of await readdir(reports)) outputs.push([join(reports, name), await readFile(join(reports, name), 'utf8')]);
const passwords = [process.env.AAM_PASSWORD, process.env.AAM_UNPRIVILEGED_PASSWORD].filter((p): p is string => p !== undefined && p !== '');
const tokens = [...recorder.tokens()];
const wire = recorder.requestBodies().join('\n');
console.log(`runner exit ${run.status}; ${tokens.length} distinct tokens and ${recorder.cookieSecrets().size} session-cookie secrets handed out by the site; passwords on the wire: ${passwords.map((p) => wire.includes(p)).join(', ')}`);
let total = 0;
for (const [name, text] of outputs) {
  let hits = 0;
  for (const secret of [...passwords, ...tokens, ...recorder.cookieSecrets()]) hits += text.split(secret).length - 1;
  total += hits;
  console.log(`${name}: ${text.length} characters, ${hits} hits (${(text.match(/\[jwt jti=/g) ?? []).length} token labels, ${(text.match(/\[password\]/g) ?? []).length} [password])`);
}
console.log(`total hits: ${total}`);
await writeFile(join(reports, 'console.txt'), `${run.stdout}\n--- stderr ---\n${run.stderr}`);
console.log(`the run's console output is in ${join(reports, 'console.txt')}`);
process.exitCode = total === 0 ? 0 : 1;
