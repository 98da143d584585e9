import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectGeneration, type SiteView } from '../../runner/detect-generation.js';
import { isAamVersion } from '../../runner/generations.js';
import { toRestUrl } from '../../runner/parse-args.js';
import { preflight } from '../../runner/preflight.js';
import { PreflightError } from '../../runner/preflight-error.js';
import { ADAPTERS } from '../../runner/site-api/index.js';
import { SiteLedger } from '../../runner/site-api/site-ledger.js';
import { fakeToken, fakeWordPress, loadSiteIndex, startFakeSite, type FakeAnswer, type FakeRequest } from './fake-site.js';

const VERSIONS = ['6.9.32', '6.9.51', '7.1.1'] as const;
const RELEASES: Record<(typeof VERSIONS)[number], string> = { '6.9.32': '6.9.11–6.9.32', '6.9.51': '6.9.33–6.9.51', '7.1.1': '7.x' };

function view(version: string, who: 'anonymous' | 'administrator'): SiteView {
  const fixture = loadSiteIndex(version);
  return { namespaces: fixture.namespaces, routes: new Map(Object.entries(fixture.views[who].routes)), as: who };
}

// The route indexes of the three real sites, as an administrator sees them.
for (const version of VERSIONS) {
  test(`detection: the real AAM ${version} index read by an administrator is ${RELEASES[version]}`, () => {
    const detection = detectGeneration(view(version, 'administrator'));
    assert.equal(detection.kind, 'found');
    if (detection.kind !== 'found') return;
    assert.equal(detection.adapter.version, version);
    assert.equal(detection.adapter.releases, RELEASES[version]);
  });
}

const anonymous: Array<[string, string]> = [
  ['6.9.32', 'found'],
  ['6.9.51', 'found'],
  // 7.x registers its token routes only for authorised callers: an anonymous index cannot tell.
  ['7.1.1', 'hidden'],
];
for (const [version, kind] of anonymous) {
  test(`detection: the real AAM ${version} index read anonymously is "${kind}"`, () => {
    assert.equal(detectGeneration(view(version, 'anonymous')).kind, kind);
  });
}

const synthetic: Array<[string, Record<string, string[]>, string[], string]> = [
  ['no JWT routes at all', { '/aam/v2': ['GET'] }, ['aam/v2'], 'none'],
  ['validate with POST only and no token routes (a 6.9.x shape without its service routes)', { '/aam/v2/jwt/validate': ['POST'] }, ['aam/v2', 'aam/v2/service'], 'none'],
  ['7.x public routes and an aam/v2/service namespace (not 7.x)', { '/aam/v2/jwt/validate': ['POST', 'PUT', 'PATCH'] }, ['aam/v2', 'aam/v2/service'], 'none'],
  ['both a 6.9.32 and a 7.x route: the newest wins', { '/aam/v2/service/jwt': ['GET', 'POST'], '/aam/v2/jwts': ['GET'] }, ['aam/v2', 'aam/v2/service'], 'found:7.1.1'],
];
for (const [name, routes, namespaces, want] of synthetic) {
  test(`detection: ${name}`, () => {
    const detection = detectGeneration({ namespaces, routes: new Map(Object.entries(routes)), as: 'x' });
    assert.equal(detection.kind === 'found' ? `found:${detection.adapter.version}` : detection.kind, want);
  });
}

test('detection: every known generation has an adapter with a distinct marker route', () => {
  assert.deepEqual(ADAPTERS.map((a) => a.version).sort(), [...VERSIONS].sort());
  assert.equal(new Set(ADAPTERS.map((a) => a.marker.route)).size, ADAPTERS.length);
});

const CALLER = fakeToken({ iat: 1_700_000_000, exp: 4_102_444_800, jti: 'caller', userId: 1, user_id: 1 });

/** A fake site serving a real site's indexes to the caller's token, and empty token lists for every generation. */
function fakeOf(version: string): (req: FakeRequest) => FakeAnswer {
  const fixture = loadSiteIndex(version);
  const lists = new Set(ADAPTERS.map((a) => `/wp-json${a.list('1').route}`));
  return fakeWordPress({
    namespaces: fixture.namespaces,
    anonymous: fixture.views.anonymous.routes,
    authorised: fixture.views.administrator.routes,
    token: CALLER,
    other: (req) => (req.method === 'GET' && lists.has(req.path) && req.headers.authorization === `Bearer ${CALLER}` ? { status: 200, body: [] } : undefined),
  });
}

async function preflightOf(version: string, forced?: '6.9.32'): Promise<string> {
  const site = await startFakeSite(fakeOf(version));
  try {
    const context = await preflight({
      target: { kind: 'site', restUrl: toRestUrl(site.url), credentials: { token: CALLER }, targetUserId: '3', unprivileged: undefined },
      forced,
      requestTimeoutMs: 5000,
      now: () => 1_800_000_000_000,
      ledger: new SiteLedger(),
    });
    return context.generationLine;
  } finally {
    await site.close();
  }
}

// Over HTTP, as the runner meets a site: a generation this checkout has a collection for is run; one it has
// no collection for yet stops the run with one line naming it (every generation of VERSIONS has one today).
for (const version of VERSIONS) {
  test(`preflight on a fake AAM ${version} site: detected with the caller's token${isAamVersion(version) ? '' : ', no collection here yet (exit 2)'}`, async () => {
    if (isAamVersion(version)) {
      assert.equal(await preflightOf(version), `AAM JWT API generation: ${RELEASES[version]} (route ${ADAPTERS.find((a) => a.version === version)?.marker.route ?? '?'} in the ${version.startsWith('7') ? 'aam/v2' : 'aam/v2/service'} index, read as the caller user 1 (from the token))`);
      return;
    }
    await assert.rejects(preflightOf(version), (err: unknown) => {
      assert.ok(err instanceof PreflightError);
      assert.equal(err.code, 'ERR_GENERATION_UNSUPPORTED');
      assert.match(err.message, new RegExp(`^the site serves AAM JWT API generation ${String(RELEASES[version]).replace(/\./g, '\\.')} \\(route .*\\), and this checkout has no collection for it yet \\(spec/aam-${String(version).replace(/\./g, '\\.')}/\\)$`));
      return true;
    });
  });
}

test('--aam-version forces a generation and the line says what the site serves', async () => {
  assert.equal(await preflightOf('7.1.1', '6.9.32'), 'AAM JWT API generation: 6.9.11–6.9.32 (forced by --aam-version 6.9.32; the site serves 7.x!)');
  assert.equal(await preflightOf('6.9.32', '6.9.32'), 'AAM JWT API generation: 6.9.11–6.9.32 (forced by --aam-version 6.9.32; the site serves it too)');
});
