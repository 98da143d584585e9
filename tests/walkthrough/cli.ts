/**
 * npm run walkthrough -- [--base-url URL --target-user-id N] [--aam-version V] [--iterations N]
 * Runs the Postman user's walkthrough (every documentation folder, in order) with Newman, with only baseUrl,
 * username, password and target_user_id set, and checks it against the generation's story (stories.ts).
 * Without --base-url it runs against the reference mock (admin/admin, target 4). Against a real site the
 * credentials come from the environment (AAM_USERNAME, AAM_PASSWORD: never on the command line), and the
 * login tokens the run added to the caller's registry are revoked afterwards. Exit 0 = as told, 1 = not, 2 = bad flags.
 */
import { join } from 'node:path';
import { startMock } from '../../mock/index.js';
import { AAM_VERSIONS, DEFAULT_AAM_VERSION, generationFiles, isAamVersion } from '../../runner/generations.js';
import { toRestUrl } from '../../runner/parse-args.js';
import { parseFlags, runMain, usageError } from '../../runner/run-main.js';
import { endSessions, harnessLeftovers, revokeNewCallerTokens, snapshotCallerTokens, targetTokenCount } from './caller-tokens.js';
import { runWalkthrough } from './run-walkthrough.js';
import { STORIES, storyDifferences } from './stories.js';

const USAGE = `usage: npm run walkthrough -- [--base-url URL --target-user-id N] [--aam-version ${AAM_VERSIONS.join('|')}] [--iterations N]
  against a real site: AAM_USERNAME and AAM_PASSWORD in the environment
`;

async function main(argv: readonly string[]): Promise<number> {
  const values = parseFlags(argv, { 'base-url': { type: 'string' }, 'target-user-id': { type: 'string' }, 'aam-version': { type: 'string' }, iterations: { type: 'string' } }, USAGE);
  if (typeof values === 'number') return values;
  const fail = (message: string): number => usageError(message, USAGE);
  const version = values['aam-version'] ?? DEFAULT_AAM_VERSION;
  if (!isAamVersion(version)) return fail(`--aam-version must be one of ${AAM_VERSIONS.join(', ')}`);
  const iterations = Number(values.iterations ?? '1');
  if (!Number.isInteger(iterations) || iterations < 1) return fail('--iterations must be a positive integer');
  const site = values['base-url'];
  // against the mock: its fixture users; against a site: credentials from the environment, never from argv
  const username = site === undefined ? 'admin' : process.env.AAM_USERNAME;
  const password = site === undefined ? 'admin' : process.env.AAM_PASSWORD;
  const targetUserId = site === undefined ? '4' : values['target-user-id'];
  if (username === undefined || password === undefined) return fail('a real site needs AAM_USERNAME and AAM_PASSWORD in the environment');
  if (targetUserId === undefined || !/^[1-9]\d*$/.test(targetUserId)) return fail('a real site needs --target-user-id N (a dedicated throw-away user)');
  const story = STORIES[`aam-${version}`];
  if (story === undefined) {
    process.stderr.write(`error: no walkthrough story for aam-${version} yet (tests/walkthrough/stories.ts)\n`);
    return 2;
  }
  const mock = site === undefined ? await startMock({ port: 0, aamVersion: version }) : undefined;
  const restUrl = mock?.restUrl ?? toRestUrl(site ?? '');
  try {
    const snapshot = await snapshotCallerTokens(restUrl, username, password, version);
    const result = await runWalkthrough({ collectionFile: join(process.cwd(), generationFiles(version).collection), restUrl, username, password, targetUserId, iterations, progress: true });
    const left = await targetTokenCount(snapshot, targetUserId);
    // the sessions of the cookies the walkthrough kept (a real site: the mock has no wp-login.php)
    const unended = site === undefined ? [] : await endSessions(snapshot, result.sessionCookies);
    const revoked = await revokeNewCallerTokens(snapshot);
    const differences = storyDifferences(story, result.steps, iterations);
    const lines = [
      `\nWalkthrough of ${result.folders.join(' → ')} against ${restUrl} (${iterations} iteration(s)):`,
      ...result.steps.map((step) => `  ${step.iteration} ${String(step.status ?? '---')}  ${step.name}`),
      `assertions: ${result.assertions}, failed: ${result.failures.length}`,
      ...result.failures.map((failure) => `  FAILED ${failure}`),
      ...differences.map((line) => `  STORY ${line}`),
      `caller's registry: the ${revoked} login token(s) the run added revoked${snapshot.session.kind === 'cookie' ? ' (the harness used a WordPress cookie session, ended again)' : " (and the harness's own login token)"}`,
      ...harnessLeftovers(snapshot).map((line) => `  note: ${line}`),
      ...(site === undefined ? [] : [`WordPress sessions of the cookies the walkthrough kept: ${result.sessionCookies.length - unended.length} of ${result.sessionCookies.length} ended${unended.map((why) => `; not ended: ${why}`).join('')}`]),
    ];
    lines.push(`target user ${targetUserId}: ${left} token(s) left in its registry`);
    const ok = result.failures.length === 0 && differences.length === 0 && left === 0;
    lines.push(ok ? 'WALKTHROUGH: PASSED' : 'WALKTHROUGH: FAILED');
    process.stdout.write(`${lines.join('\n')}\n`);
    return ok ? 0 : 1;
  } finally {
    await mock?.close();
  }
}

runMain(main, process.argv.slice(2));
