/**
 * The rendered API docs in a real browser: Debian's headless `chromium` opens the page the mock serves at
 * /docs with every other host unreachable, and the DOM it ends with holds every operation's title; the
 * screenshot goes to reports/docs/. Skipped (saying so) where chromium is not installed; .ci/run installs it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { externalResources, renderDocs } from '../../docs/render-docs.js';
import { projectVariants } from '../../generators/index.js';
import { AAM_VERSIONS, startMock, type AamVersion } from '../../mock/index.js';

const ROOT = new URL('../../', import.meta.url).pathname;
/** Every API generation with a spec folder and a mock (the mock serves the page). */
const GENERATIONS = (await projectVariants(ROOT)).filter((name) => (AAM_VERSIONS as readonly string[]).includes(name.replace(/^aam-/, '')));
const CHROMIUM = ['chromium', 'chromium-browser'].map((name) => spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim()).find((found) => found !== '');
const SKIP = CHROMIUM === undefined ? 'chromium is not installed (apt-get install -y chromium): the rendered docs are not opened in a browser' : false;
if (SKIP !== false) process.stdout.write(`# SKIP browser test: ${SKIP}\n`);

/** Every operation's title (summary) in the spec. */
async function operationTitles(spec: string): Promise<string[]> {
  const doc = parse(await readFile(spec, 'utf8')) as { paths: Record<string, Record<string, { summary?: string }>> };
  return Object.values(doc.paths).flatMap((item) => Object.entries(item).filter(([method]) => /^(get|put|post|delete|patch|options|head|trace)$/.test(method)).map(([, op]) => op.summary ?? ''));
}

function chromium(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(CHROMIUM ?? 'chromium', [...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString('utf8'); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf8'); });
    const timer = setTimeout(() => child.kill('SIGKILL'), 180_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG', 'a PNG file');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

test('every API generation has a docs page to open', () => assert.ok(GENERATIONS.length >= 1, GENERATIONS.join(', ')));

for (const generation of GENERATIONS) test(`headless Chromium renders the ${generation} docs served by the mock at /docs: every operation title, no network`, { skip: SKIP, timeout: 300_000 }, async () => {
  const spec = join(ROOT, 'spec', generation, 'openapi.yaml');
  const screenshot = join(ROOT, 'reports', 'docs', `${generation}.png`);
  const dir = await mkdtemp(join(tmpdir(), 'docs-browser-'));
  const page = join(dir, `${generation}.html`);
  await renderDocs(spec, page);
  const mock = await startMock({ port: 0, docsFile: page, aamVersion: generation.replace(/^aam-/, '') as AamVersion });
  try {
    await mkdir(join(ROOT, 'reports', 'docs'), { recursive: true });
    const { code, stdout: dom, stderr } = await chromium([
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync',
      `--user-data-dir=${join(dir, 'profile')}`,
      // only the mock is reachable: a page that needed a CDN would miss it
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
      '--enable-logging=stderr', '--v=0',
      '--window-size=1400,1000', `--screenshot=${screenshot}`, '--dump-dom', `${mock.url}/docs`,
    ]);
    assert.equal(code, 0, stderr.slice(-2000));
    assert.match(dom, /<html[^>]*class="(light|dark)"/, "Redoc's script ran in the page (it sets the colour mode on <html>)");
    assert.match(stderr, /CONSOLE.*\n?.*Redoc/, 'Redoc announced itself in the console');
    assert.doesNotMatch(stderr, /Uncaught/, 'no script error');
    const titles = await operationTitles(spec);
    assert.ok(titles.length >= 10 && titles.every((title) => title !== ''), `every operation has a title (${titles.length})`);
    assert.deepEqual(titles.filter((title) => !dom.includes(title)), [], 'every operation title is in the DOM');
    assert.deepEqual(externalResources(dom), [], 'nothing in the DOM loads from the network');
    const png = await readFile(screenshot);
    assert.deepEqual(pngSize(png), { width: 1400, height: 1000 });
    assert.ok(png.length > 50_000, `a screenshot with content (${png.length} bytes)`);
  } finally {
    await mock.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('the mock answers /docs with 404 and how to build the page when there is none', async () => {
  const mock = await startMock({ port: 0, docsFile: join(tmpdir(), 'no-such-docs-page.html') });
  try {
    const answer = await fetch(`${mock.url}/docs`);
    assert.equal(answer.status, 404);
    assert.match(await answer.text(), /run `npm run docs`/);
  } finally {
    await mock.close();
  }
});

const offlineCases: Array<[string, string[]]> = [
  ['<script src="https://cdn.example/redoc.js"></script>', ['https://cdn.example/redoc.js']],
  ['<link rel="stylesheet" href="//fonts.example/css">', ['//fonts.example/css']],
  ['<img alt="x" src="https://cdn.redoc.ly/redoc/logo-mini.svg">', ['https://cdn.redoc.ly/redoc/logo-mini.svg']],
  ['<div style="background: url(\'https://img.example/a.png\')"></div>', ['https://img.example/a.png']],
  ['<a href="https://wordpress.org/">a link is no resource</a><script>var x = 1;</script>', []],
];
for (const [html, want] of offlineCases) test(`externalResources ${html.slice(0, 40)}…`, () => assert.deepEqual(externalResources(html), want));
