/**
 * Section 4 — mock: autocannon load on the list route (authenticated GET) and the validate route
 * (POST), against our mock, Prism's mock of the same spec, and a bare node:http server (the ceiling).
 * Each server runs in its own process; autocannon runs in this one. Rounds are interleaved.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { freePort } from '../lib/free-port.js';
import { startServerProcess } from '../lib/server-process.js';
import type { ServerProcess } from '../lib/server-process.js';
import { OUR_SPEC, PRISM_BIN, ROOT_DIR, TSX_IMPORT, WORKERS_DIR } from '../lib/paths.js';

export const MOCK_TARGETS = ['ours', 'prism', 'bare node:http', 'replay of ours'] as const;
/** `replay of ours`: a bare node:http server sending our mock's exact answers (status, headers, body) with no logic. */
export const REPLAY_TARGET = 'replay of ours';
export type MockTarget = (typeof MOCK_TARGETS)[number];
export const MOCK_ROUTES = ['list', 'validate'] as const;
export type MockRoute = (typeof MOCK_ROUTES)[number];

export const LIST_PATH = '/aam/v2/service/jwt?fields=id,is_valid';
export const VALIDATE_PATH = '/aam/v2/jwt/validate';
/** A well-formed (unsigned-looking) JWT for servers that do not verify tokens. */
const SAMPLE_TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl';

export interface LoadResult {
  readonly target: MockTarget;
  readonly route: MockRoute;
  readonly skipped: string;
  readonly rps: number[];
  readonly p99Ms: number[];
  /** Responses that were not 2xx plus socket errors and timeouts, over all rounds. */
  readonly bad: number;
  readonly total: number;
  readonly statusCodes: string;
  /** CPU time (user + system) of the server process per answered request, µs, per round (absent in older results; NaN when unreadable). */
  readonly serverCpuUs?: number[];
  /** CPU time of the bench process (autocannon, the load generator) per answered request, µs, per round. */
  readonly loadCpuUs?: number[];
}

export interface MockReport {
  readonly durationS: number;
  readonly connections: number;
  readonly rounds: number;
  readonly results: readonly LoadResult[];
}

interface Endpoint {
  readonly url: string;
  readonly method: 'GET' | 'POST';
  readonly headers: Record<string, string>;
  readonly body?: string;
}

interface Target {
  readonly server: ServerProcess | undefined;
  readonly skipped: string;
  readonly endpoints: Partial<Record<MockRoute, Endpoint>>;
}

/** Clock ticks per second of /proc/<pid>/stat (`getconf CLK_TCK`, 100 on Linux when it cannot be asked). */
function clockTicks(): number {
  try {
    const value = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isFinite(value) && value > 0 ? value : 100;
  } catch {
    return 100;
  }
}

/** utime + stime of a process in clock ticks, from /proc/<pid>/stat (NaN when unreadable, e.g. not Linux). */
export function parseProcStatCpuTicks(stat: string): number {
  // the command name (field 2) may contain spaces and parentheses: count fields after its closing ')'
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return Number.isFinite(utime) && Number.isFinite(stime) ? utime + stime : Number.NaN;
}

function processCpuTicks(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    return parseProcStatCpuTicks(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return Number.NaN;
  }
}

interface AutocannonResult {
  requests: { average: number; total?: number };
  latency: { p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodeStats?: Record<string, { count: number }>;
}
type Autocannon = (options: object) => Promise<AutocannonResult>;

function endpoints(restUrl: string, token: string): Partial<Record<MockRoute, Endpoint>> {
  return {
    list: { url: `${restUrl}${LIST_PATH}`, method: 'GET', headers: { authorization: `Bearer ${token}` } },
    validate: {
      url: `${restUrl}${VALIDATE_PATH}`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jwt: token }),
    },
  };
}

async function startOurs(): Promise<Target> {
  if (!existsSync(join(ROOT_DIR, 'mock/index.ts'))) {
    return { server: undefined, skipped: 'mock not available yet (mock/index.ts missing)', endpoints: {} };
  }
  const server = await startServerProcess({
    name: 'our mock',
    command: process.execPath,
    args: [...TSX_IMPORT, join(WORKERS_DIR, 'serve-ours.ts')],
    cwd: ROOT_DIR,
    ready: (line) => line.startsWith('{'),
    timeoutMs: 60_000,
  });
  const info = JSON.parse(server.readyLine) as { restUrl: string; tokens: Record<string, string> };
  const token = info.tokens.admin ?? Object.values(info.tokens)[0] ?? '';
  return { server, skipped: '', endpoints: endpoints(info.restUrl.replace(/\/$/, ''), token) };
}

/** Node adds these itself; the replay server lets it, as our mock does. */
const NODE_ADDED = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);

interface RecordedAnswer {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly headers: [string, string][];
  readonly body: string;
}

/** One answer of a server, with header names, order and values as sent (rawHeaders). */
function record(endpoint: Endpoint): Promise<RecordedAnswer> {
  const url = new URL(endpoint.url);
  return new Promise((resolve, reject) => {
    const req = request(url, { method: endpoint.method, headers: endpoint.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const headers: [string, string][] = [];
        for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
          const name = res.rawHeaders[i] as string;
          if (!NODE_ADDED.has(name.toLowerCase())) headers.push([name, res.rawHeaders[i + 1] as string]);
        }
        resolve({ method: endpoint.method, path: url.pathname, status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(endpoint.body);
  });
}

async function startReplay(ours: Target): Promise<Target> {
  const list = ours.endpoints.list;
  const validate = ours.endpoints.validate;
  if (ours.server === undefined || list === undefined || validate === undefined) {
    return { server: undefined, skipped: `needs our mock${ours.skipped === '' ? '' : ` (${ours.skipped})`}`, endpoints: {} };
  }
  const answers = [await record(list), await record(validate)];
  const scratch = mkdtempSync(join(tmpdir(), 'bench-replay-'));
  const file = join(scratch, 'answers.json');
  writeFileSync(file, JSON.stringify(answers));
  try {
    const server = await startServerProcess({
      name: 'replay of ours',
      command: process.execPath,
      args: [join(WORKERS_DIR, 'serve-replay.mjs'), file],
      cwd: ROOT_DIR,
      ready: (line) => line.startsWith('{'),
      timeoutMs: 30_000,
    });
    const { url } = JSON.parse(server.readyLine) as { url: string };
    const rest = `${url}/wp-json`;
    return { server, skipped: '', endpoints: { list: { ...list, url: `${rest}${LIST_PATH}` }, validate: { ...validate, url: `${rest}${VALIDATE_PATH}` } } };
  } finally {
    rmSync(scratch, { recursive: true, force: true }); // read at start-up, before the ready line
  }
}

async function startPrism(): Promise<Target> {
  if (!existsSync(OUR_SPEC)) return { server: undefined, skipped: 'spec not available yet (spec/aam-6.9.32/openapi.yaml missing)', endpoints: {} };
  const port = await freePort();
  const server = await startServerProcess({
    name: 'Prism',
    command: process.execPath,
    args: [PRISM_BIN, 'mock', '-h', '127.0.0.1', '-p', String(port), OUR_SPEC],
    cwd: ROOT_DIR,
    ready: (line) => line.includes('Prism is listening'),
    timeoutMs: 120_000,
  });
  // Prism serves the spec's paths at its root (the servers' `/wp-json` path is not applied).
  // Any well-formed bearer token will do: Prism only checks that the security scheme's header is present.
  return { server, skipped: '', endpoints: endpoints(`http://127.0.0.1:${port}`, SAMPLE_TOKEN) };
}

async function startBare(): Promise<Target> {
  const server = await startServerProcess({
    name: 'bare node:http',
    command: process.execPath,
    args: [join(WORKERS_DIR, 'serve-bare.mjs')],
    cwd: ROOT_DIR,
    ready: (line) => line.startsWith('{'),
    timeoutMs: 30_000,
  });
  const { url } = JSON.parse(server.readyLine) as { url: string };
  return { server, skipped: '', endpoints: endpoints(url, SAMPLE_TOKEN) };
}

async function safeStart(start: () => Promise<Target>): Promise<Target> {
  try {
    return await start();
  } catch (error) {
    return { server: undefined, skipped: (error as Error).message, endpoints: {} };
  }
}

export interface MockOptions {
  readonly durationS: number;
  readonly connections: number;
  readonly rounds: number;
  readonly log: (line: string) => void;
}

export async function runMockSection(options: MockOptions): Promise<MockReport> {
  const require = createRequire(import.meta.url);
  const autocannon = require('autocannon') as Autocannon;
  const ours = await safeStart(startOurs);
  const targets = new Map<MockTarget, Target>([
    ['ours', ours],
    ['prism', await safeStart(startPrism)],
    ['bare node:http', await safeStart(startBare)],
    [REPLAY_TARGET, await safeStart(() => startReplay(ours))],
  ]);
  const samples = new Map<string, { rps: number[]; p99: number[]; bad: number; total: number; codes: Map<string, number>; serverCpuUs: number[]; loadCpuUs: number[] }>();
  const ticksPerSecond = clockTicks();
  const key = (t: MockTarget, r: MockRoute): string => `${t} ${r}`;
  const fire = (endpoint: Endpoint, durationS: number): Promise<AutocannonResult> =>
    autocannon({ ...endpoint, connections: options.connections, duration: durationS, timeout: 10 });
  try {
    // Warm-up (JIT, lazy init), not recorded.
    for (const [name, target] of targets) {
      for (const route of MOCK_ROUTES) {
        const endpoint = target.endpoints[route];
        if (endpoint !== undefined) await fire(endpoint, 1);
      }
      options.log(`mock warm-up done: ${name}`);
    }
    for (let round = 0; round < options.rounds; round++) {
      for (const route of MOCK_ROUTES) {
        for (const name of MOCK_TARGETS) {
          const endpoint = targets.get(name)?.endpoints[route];
          if (endpoint === undefined) continue;
          const pid = targets.get(name)?.server?.child.pid;
          const serverBefore = processCpuTicks(pid);
          const loadBefore = process.cpuUsage();
          const r = await fire(endpoint, options.durationS);
          const loadUsed = process.cpuUsage(loadBefore);
          const serverTicks = processCpuTicks(pid) - serverBefore;
          const entry = samples.get(key(name, route)) ?? { rps: [], p99: [], bad: 0, total: 0, codes: new Map<string, number>(), serverCpuUs: [], loadCpuUs: [] };
          const answered = Object.values(r.statusCodeStats ?? {}).reduce((sum, stat) => sum + stat.count, 0);
          entry.serverCpuUs.push(answered > 0 ? (serverTicks / ticksPerSecond) * 1e6 / answered : Number.NaN);
          entry.loadCpuUs.push(answered > 0 ? (loadUsed.user + loadUsed.system) / answered : Number.NaN);
          entry.rps.push(r.requests.average);
          entry.p99.push(r.latency.p99);
          entry.bad += r.non2xx + r.errors + r.timeouts;
          for (const [code, stat] of Object.entries(r.statusCodeStats ?? {})) {
            entry.codes.set(code, (entry.codes.get(code) ?? 0) + stat.count);
            entry.total += stat.count;
          }
          samples.set(key(name, route), entry);
          options.log(`mock round ${round + 1}/${options.rounds} ${route} ${name}: ${Math.round(r.requests.average)} req/s, p99 ${r.latency.p99} ms, non-2xx ${r.non2xx}, errors ${r.errors}, CPU per request: server ${Math.round(entry.serverCpuUs.at(-1) ?? Number.NaN)} µs, autocannon ${Math.round(entry.loadCpuUs.at(-1) ?? Number.NaN)} µs`);
        }
      }
    }
  } finally {
    for (const target of targets.values()) target.server?.stop();
  }
  const results: LoadResult[] = [];
  for (const route of MOCK_ROUTES) {
    for (const name of MOCK_TARGETS) {
      const entry = samples.get(key(name, route));
      const codes = [...(entry?.codes.entries() ?? [])].sort(([a], [b]) => a.localeCompare(b, 'en'));
      results.push({
        target: name,
        route,
        skipped: targets.get(name)?.skipped ?? '',
        rps: entry?.rps ?? [],
        p99Ms: entry?.p99 ?? [],
        bad: entry?.bad ?? 0,
        total: entry?.total ?? 0,
        statusCodes: codes.map(([c, n]) => `${c}×${n}`).join(', '),
        serverCpuUs: entry?.serverCpuUs ?? [],
        loadCpuUs: entry?.loadCpuUs ?? [],
      });
    }
  }
  return { durationS: options.durationS, connections: options.connections, rounds: options.rounds, results };
}
