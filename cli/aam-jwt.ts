/**
 * aam-jwt <command> [options] — the installable command (`npm pack`, `npx aam-jwt …`). A thin dispatcher
 * over the CLIs of the repository, each loaded only when its command runs:
 *   contract  runner/cli.ts  (the contract suite against the mock or one real site)
 *   mock      mock/cli.ts    (the reference mock, with its API docs at /docs)
 *   generate  generators/cli.ts (any OpenAPI 3.0/3.1 document → Postman collection + environments)
 *   docs      docs/cli.ts    (one self-contained HTML page per API generation)
 * Exit codes are the commands' own: 0 passed/done, 1 failed, 2 bad flags.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../mock/docs-page.js';
import { runMain } from '../runner/run-main.js';

const ROOT = packageRoot(import.meta.url);

export const USAGE = `Usage: aam-jwt <command> [options]

Contract suite, reference mock, Postman generator and API docs for the JWT API of Advanced Access Manager.

Commands:
  contract   run the contract scenarios with Newman against the reference mock, or one real site (--base-url …)
  mock       start the reference mock of an AAM generation (API docs at /docs)
  generate   convert an OpenAPI 3.0/3.1 document into a Postman collection (--spec FILE)
  docs       write one self-contained HTML page per API generation (Redocly's renderer)

aam-jwt <command> --help shows the options of a command. aam-jwt --version shows the version.
Exit codes: 0 done/passed, 1 failed, 2 bad flags.
`;

type Command = (argv: readonly string[]) => Promise<number | undefined>;

const COMMANDS: Readonly<Record<string, { summary: string; run: Command }>> = {
  contract: {
    summary: 'aam-jwt contract [options]: the options of `npm run contract` (the committed collections are used as they are):',
    run: async (argv) => (await import('../runner/cli.js')).main(['--no-generate', ...argv], { root: ROOT }),
  },
  mock: {
    summary: 'aam-jwt mock [options]: the options of `npm run mock`:',
    run: async (argv) => {
      await (await import('../mock/cli.js')).main(argv);
      return undefined; // the server runs until Ctrl+C; main sets process.exitCode when it cannot start
    },
  },
  generate: {
    summary: 'aam-jwt generate [options]: the options of `npm run generate` (without --spec: every spec/<name>/openapi.yaml of the current folder):',
    run: async (argv) => {
      // a one-shot process, as `npm run generate`: the generator CLI's V8 settings (generators/lib/one-shot-v8.ts)
      (await import('../generators/lib/one-shot-v8.js')).tuneV8ForOneShot();
      return (await import('../generators/cli.js')).runGenerate([...argv]);
    },
  },
  docs: {
    summary: 'aam-jwt docs [options]: the options of `npm run docs` (default: this package\'s API generations → ./aam-jwt-docs/):',
    run: async (argv) => (await import('../docs/cli.js')).main(argv, { root: ROOT, out: 'aam-jwt-docs' }),
  },
};

/** The exit code, or undefined while a server keeps running. */
export async function main(argv: readonly string[]): Promise<number | undefined> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? process.stderr : process.stdout).write(USAGE);
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version}\n`);
    return 0;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    process.stderr.write(`error: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) process.stdout.write(`${command.summary}\n\n`);
  return command.run(rest);
}

runMain(async (argv) => {
  const code = await main(argv);
  return code ?? (typeof process.exitCode === 'number' ? process.exitCode : 0);
}, process.argv.slice(2));
