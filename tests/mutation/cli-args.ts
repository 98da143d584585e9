import { parseArgs } from 'node:util';
import { AAM_VERSIONS, isAamVersion, type AamVersion } from '../../mock/index.js';
import { DEFAULT_CONCURRENCY } from './run-catalogue.js';

export interface MutationOptions {
  /** The generations to run (default: every generation with a catalogue). */
  readonly versions: readonly AamVersion[] | undefined;
  /** Print the README section (Markdown table, command, date) instead of the terminal table. */
  readonly markdown: boolean;
  /** Fault ids to run (default: the whole catalogue). */
  readonly only: readonly string[] | undefined;
  /** Runs at once (worker processes when > 1). */
  readonly concurrency: number;
  /** Stop each fault's run at its first failing request (default true; --full runs every step). */
  readonly bail: boolean;
}

export type MutationCommand = { readonly kind: 'help' } | { readonly kind: 'list' } | { readonly kind: 'run'; readonly options: MutationOptions };

/** Bad command-line flags; the CLI prints the message and exits 2. */
export class MutationUsageError extends Error {
  readonly code = 'ERR_USAGE';
  constructor(message: string) {
    super(message);
    this.name = 'MutationUsageError';
  }
}

export const MUTATION_USAGE = `Usage: npm run mutation -- [options]

Fault injection: for each AAM generation, runs its contract scenarios once against the reference mock
of that generation (the control, which must pass) and once per fault of its catalogue
(tests/mutation/catalogue.ts), through a proxy that applies that one fault.
A fault is killed when at least one assertion fails. Prints fault → killed/survived (and by which
test) and the kill rate. Exit 0 = control clean and every fault killed or an accepted survivor.

Options:
  --aam-version V[,V…] the generations to run (default: every generation with a catalogue)
  --markdown           print the README section (Markdown table with command and date)
  --only ID[,ID…]      run only these faults (ids as in --list)
  --concurrency N      runs at once, 1..8 (default: the CPU count, at most 4; above 1 each
                       run is in a worker process)
  --full               run every step of each fault's run (default: stop at the first failing step)
  --list               list the fault ids and descriptions, run nothing
  -h, --help           show this help
`;

/** argv → command (pure); throws MutationUsageError. */
export function parseMutationArgs(argv: readonly string[]): MutationCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        markdown: { type: 'boolean', default: false },
        'aam-version': { type: 'string' },
        only: { type: 'string' },
        concurrency: { type: 'string', default: String(DEFAULT_CONCURRENCY) },
        full: { type: 'boolean', default: false },
        list: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    throw new MutationUsageError(err instanceof Error ? err.message : String(err));
  }
  const { values } = parsed;
  if (values.help === true) return { kind: 'help' };
  if (values.list === true) return { kind: 'list' };
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 8) throw new MutationUsageError(`--concurrency must be an integer from 1 to 8, got "${values.concurrency ?? ''}"`);
  const only = values.only === undefined ? undefined : values.only.split(',').map((id) => id.trim()).filter((id) => id !== '');
  if (only !== undefined && only.length === 0) throw new MutationUsageError('--only needs at least one fault id');
  let versions: AamVersion[] | undefined;
  if (values['aam-version'] !== undefined) {
    versions = [];
    for (const raw of values['aam-version'].split(',').map((v) => v.trim()).filter((v) => v !== '')) {
      if (!isAamVersion(raw)) throw new MutationUsageError(`--aam-version must name ${AAM_VERSIONS.join(', ')}, got "${raw}"`);
      versions.push(raw);
    }
    if (versions.length === 0) throw new MutationUsageError('--aam-version needs at least one version');
  }
  return { kind: 'run', options: { versions, markdown: values.markdown === true, only, concurrency, bail: values.full !== true } };
}
