/**
 * The walkthrough against the mock (whose logins set WordPress' cookies, as real AAM does), behind a proxy that
 * records which requests carry a logged-in cookie and which answers set cookies; `extra` may break answers to
 * prove a check fails. Shared by the walkthrough tests of every generation.
 */
import { startMock, type AamVersion } from '../../mock/index.js';
import { startFaultProxy } from '../mutation/fault-proxy.js';
import type { FaultHandler } from '../mutation/fault-model.js';
import { revokeNewCallerTokens, snapshotCallerTokens, targetTokenCount } from './caller-tokens.js';
import { runWalkthrough, type WalkthroughResult } from './run-walkthrough.js';

/** the name of WordPress' logged-in cookie */
export const LOGGED_IN = 'wordpress_logged_in_';
export const REST_NONCE = '/wp-admin/admin-ajax.php?action=rest-nonce';

export const collectionOf = (version: AamVersion): string => new URL(`../../collections/aam-${version}.postman_collection.json`, import.meta.url).pathname;

export interface ProxiedRun {
  result: WalkthroughResult;
  /** paths of the requests that carried a logged-in cookie */
  cookieCarriers: string[];
  /** paths of the requests whose answer set a cookie */
  cookieSetters: string[];
  targetLeft: number;
  revoked: number;
}

export async function walk(options: { version?: AamVersion; iterations?: number; collectionFile?: string; extra?: FaultHandler['response'] } = {}): Promise<ProxiedRun> {
  const version = options.version ?? '6.9.32';
  const mock = await startMock({ port: 0, aamVersion: version });
  const cookieCarriers: string[] = [];
  const cookieSetters: string[] = [];
  const proxy = await startFaultProxy(mock.url, {
    request: (req) => {
      if (String(req.headers.cookie ?? '').includes(LOGGED_IN)) cookieCarriers.push(req.url);
      return undefined;
    },
    response: (req, res, route) => {
      const changed = options.extra?.(req, res, route);
      if ((changed ?? res).headers['set-cookie'] !== undefined) cookieSetters.push(req.url);
      return changed;
    },
  });
  const restUrl = `${proxy.url}/wp-json`;
  try {
    const snapshot = await snapshotCallerTokens(mock.restUrl, 'admin', 'admin', version);
    const result = await runWalkthrough({ collectionFile: options.collectionFile ?? collectionOf(version), restUrl, username: 'admin', password: 'admin', targetUserId: '4', iterations: options.iterations ?? 1 });
    const targetLeft = await targetTokenCount(snapshot, '4');
    const revoked = await revokeNewCallerTokens(snapshot);
    return { result, cookieCarriers, cookieSetters, targetLeft, revoked };
  } finally {
    await proxy.close();
    await mock.close();
  }
}
