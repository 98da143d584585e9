import { HELP, parseCli } from './cli-args.js';
import { startMock } from './server.js';
import type { StartOptions } from './server.js';

async function main(): Promise<void> {
  process.stdout.on('error', () => undefined); // a closed pipe (e.g. `| head`) must not crash the server
  let options: StartOptions | 'help';
  try {
    options = parseCli(process.argv.slice(2), process.env);
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
    mock = await startMock(options);
  } catch (err) {
    process.stderr.write(`aam-mock: cannot start: ${(err as Error).message}\n`);
    process.exitCode = 1;
    return;
  }
  const lines = [`AAM ${mock.aamVersion} JWT mock listening on ${mock.url}`, `REST API: ${mock.restUrl}`, 'Bearer tokens (Authorization: Bearer <token>):'];
  for (const [login, token] of Object.entries(mock.tokens)) lines.push(`  ${login}: ${token}`);
  process.stdout.write(`${lines.join('\n')}\nPress Ctrl+C to stop.\n`);
  const stop = (): void => {
    void mock.close().then(() => process.stdout.write('aam-mock: stopped\n'));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

await main();
