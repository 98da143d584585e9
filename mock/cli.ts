import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { HELP, parseCli } from './cli-args.js';
import { docsFileOf, packageRoot } from './docs-page.js';
import { startMock } from './server.js';
import type { StartOptions } from './server.js';
import { DEFAULT_AAM_VERSION } from './generations/index.js';

/** The mock's command line (also `aam-jwt mock`): runs until SIGINT/SIGTERM; sets process.exitCode (2 bad flags, 1 cannot start). */
export async function main(argv: readonly string[] = process.argv.slice(2), env: NodeJS.ProcessEnv = process.env): Promise<void> {
  process.stdout.on('error', () => undefined); // a closed pipe (e.g. `| head`) must not crash the server
  let options: StartOptions | 'help';
  try {
    options = parseCli([...argv], env);
  } catch (err) {
    process.stderr.write(`aam-mock: ${(err as Error).message}\nTry --help.\n`);
    process.exitCode = 2;
    return;
  }
  if (options === 'help') {
    process.stdout.write(HELP);
    return;
  }
  let mock;
  try {
    mock = await startMock({ docsFile: docsFileOf(packageRoot(import.meta.url), options.aamVersion ?? DEFAULT_AAM_VERSION), ...options });
  } catch (err) {
    process.stderr.write(`aam-mock: cannot start: ${(err as Error).message}\n`);
    process.exitCode = 1;
    return;
  }
  const lines = [`AAM ${mock.aamVersion} JWT mock listening on ${mock.url}`, `REST API: ${mock.restUrl}`, `API docs: ${mock.url}/docs`, 'Bearer tokens (Authorization: Bearer <token>):'];
  for (const [login, token] of Object.entries(mock.tokens)) lines.push(`  ${login}: ${token}`);
  process.stdout.write(`${lines.join('\n')}\nPress Ctrl+C to stop.\n`);
  const stop = (): void => {
    void mock.close().then(() => process.stdout.write('aam-mock: stopped\n'));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) await main();
