/**
 * `runCompare()`: generate the probes, set both sides up, send every probe to A then B, normalize,
 * compare, group, and leave both sites as found. The programmatic API under the CLI.
 */
import { fileURLToPath } from 'node:url';
import { compareAnswers } from './diff.js';
import { generateProbes } from './generate.js';
import { groupVerdicts } from './group.js';
import type { Group } from './group.js';
import { readUsersFile, REAL_AAM_USERS, startMockSide } from './mock-side.js';
import type { MockSide } from './mock-side.js';
import { normalizeAnswer } from './normalize.js';
import { generationProfile } from './profiles.js';
import { Side, SideSetupError } from './side.js';
import type { SideUser } from './side.js';
import { loadSpecModel } from './spec-model.js';
import { IDENTITIES, MEASURES } from './types.js';
import type { Identity, Measure, Verdict } from './types.js';

/** `mock` (an in-process reference mock of the generation) or a site URL. */
export type SideTarget = 'mock' | string;

export interface CompareOptions {
  a: SideTarget;
  b: SideTarget;
  /** AAM generation (spec, housekeeping, mock) */
  aamVersion: string;
  /** OpenAPI document to draw operations from (default: the generation's spec) */
  spec?: string;
  seed: number;
  count: number;
  /** reset the target's registry and rebuild its tokens every N probes (default 100) */
  resyncEvery?: number;
  /** users file in the mock's format for side A / B (default: the real test sites' users) */
  usersA?: string;
  usersB?: string;
  /** identity → login (default admin, manager, subscriber1, jwt-target) */
  identities?: Partial<Record<Identity, string>>;
  /** called after each probe */
  onProgress?: (done: number, total: number) => void;
}

export interface CompareResult {
  aamVersion: string;
  seed: number;
  total: number;
  /** probes per measure on which the two sides agree */
  agreed: Record<Measure, number>;
  crashes: { a: number; b: number };
  groups: Group[];
  /** A and B as given (URLs or `mock`) */
  sides: { a: string; b: string };
}

export const DEFAULT_IDENTITIES: Readonly<Record<Identity, string>> = { admin: 'admin', manager: 'manager', subscriber: 'subscriber1', target: 'jwt-target' };

const REPO = new URL('../', import.meta.url);

function sideUsers(file: string | URL, siteUrl: string, identities: Readonly<Record<Identity, string>>): Record<Identity, SideUser> {
  const users = readUsersFile(file, siteUrl);
  const out = {} as Record<Identity, SideUser>;
  for (const id of IDENTITIES) {
    const u = users.find((x) => x.login === identities[id]);
    if (!u) throw new SideSetupError(`users file ${String(file)} has no user ${identities[id]} (identity ${id})`);
    out[id] = { id: u.id, login: u.login, email: u.email, password: u.password };
  }
  return out;
}

export async function runCompare(options: CompareOptions): Promise<CompareResult> {
  const profile = generationProfile(options.aamVersion);
  const spec = loadSpecModel(options.spec ?? fileURLToPath(new URL(profile.spec, REPO)));
  const probes = generateProbes(spec, options.seed, options.count);
  const identities = { ...DEFAULT_IDENTITIES, ...options.identities };
  const mocks: MockSide[] = [];
  const open = async (target: SideTarget, label: string, users: string | undefined): Promise<Side> => {
    let origin = target;
    if (target === 'mock') {
      const m = await startMockSide(options.aamVersion, users ?? REAL_AAM_USERS);
      mocks.push(m);
      origin = m.origin;
    }
    return new Side({ label, origin, profile, users: sideUsers(users ?? REAL_AAM_USERS, origin.replace(/\/+$/, ''), identities) });
  };
  const verdicts: Verdict[] = [];
  try {
    const a = await open(options.a, 'A', options.usersA);
    const b = await open(options.b, 'B', options.usersB);
    await a.setup();
    await b.setup();
    try {
      const every = options.resyncEvery ?? 100;
      for (const probe of probes) {
        if (probe.index > 0 && probe.index % every === 0) {
          await a.resync();
          await b.resync();
        }
        const ra = await a.sendProbe(probe);
        const na = normalizeAnswer(ra, { siteUrl: a.origin, tokenName: (t) => a.tokenName(t), jtiName: (j) => a.jtiName(j), nowSeconds: Date.now() / 1000 });
        const rb = await b.sendProbe(probe);
        const nb = normalizeAnswer(rb, { siteUrl: b.origin, tokenName: (t) => b.tokenName(t), jtiName: (j) => b.jtiName(j), nowSeconds: Date.now() / 1000 });
        verdicts.push(compareAnswers(probe, na, nb));
        options.onProgress?.(verdicts.length, probes.length);
      }
    } finally {
      await a.teardown();
      await b.teardown();
    }
  } finally {
    await Promise.all(mocks.map((m) => m.close()));
  }
  const agreed = Object.fromEntries(MEASURES.map((m) => [m, verdicts.filter((v) => v.agree[m]).length])) as Record<Measure, number>;
  return {
    aamVersion: options.aamVersion,
    seed: options.seed,
    total: verdicts.length,
    agreed,
    crashes: { a: verdicts.filter((v) => v.a.crashed).length, b: verdicts.filter((v) => v.b.crashed).length },
    groups: groupVerdicts(verdicts),
    sides: { a: options.a, b: options.b },
  };
}
