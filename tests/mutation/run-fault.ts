import { startMock } from '../../mock/index.js';
import { runCollection, type KillingTest } from './collection-run.js';
import type { Catalogue, Fault } from './fault-model.js';
import { startFaultProxy } from './fault-proxy.js';

/** How many killing tests an outcome names. */
export const KILLERS_SHOWN = 3;

/** The result of one run: the control (`faultId` undefined) or one fault. */
export interface FaultOutcome {
  readonly faultId: string | undefined;
  /** At least one assertion failed. */
  readonly killed: boolean;
  /** The first failed assertions, in run order (at most KILLERS_SHOWN). */
  readonly killers: readonly KillingTest[];
  readonly failures: number;
  readonly requests: number;
  readonly assertions: number;
  /** Exchanges the fault changed; 0 means the fault never applied (a harness bug, not a survivor). */
  readonly altered: number;
  /** A Newman run error or a fault handler that threw. */
  readonly harnessError: string | undefined;
  readonly durationMs: number;
}

export interface RunFaultOptions {
  /** Stop at the first failing request (default true; the control always runs to the end). */
  readonly bail?: boolean;
}

/**
 * Runs a generation's whole scenario collection through a proxy applying `fault` (or none: the control) in
 * front of a fresh mock of that generation.
 */
export async function runFault(catalogue: Catalogue, fault: Fault | undefined, options: RunFaultOptions = {}): Promise<FaultOutcome> {
  const started = performance.now();
  // The mock's site URL is the proxy's (cookie names, redirects and the admin URL are the site's own).
  let mockUrl = '';
  const proxy = await startFaultProxy(() => mockUrl, fault?.start() ?? {}, catalogue.routeOf);
  try {
    const mock = await startMock({ aamVersion: catalogue.version, port: 0, host: '127.0.0.1', siteUrl: proxy.url });
    mockUrl = mock.url;
    try {
      const facts = await runCollection({ restUrl: `${proxy.url}/wp-json`, version: catalogue.version, bail: fault !== undefined && (options.bail ?? true) });
      const errors = [...proxy.errors(), ...(facts.runError === undefined ? [] : [facts.runError])];
      return {
        faultId: fault?.id,
        killed: facts.failures.length > 0,
        killers: facts.failures.slice(0, KILLERS_SHOWN),
        failures: facts.failures.length,
        requests: facts.requests,
        assertions: facts.assertions,
        altered: proxy.altered(),
        harnessError: errors.length === 0 ? undefined : errors.join('; '),
        durationMs: Math.round(performance.now() - started),
      };
    } finally {
      await mock.close();
    }
  } finally {
    await proxy.close();
  }
}
