/**
 * No step's cookies reach a step that does not name them, whatever order the folders run in: the collection
 * turns Postman's cookie jar off on every request, and steps that need a cookie send it themselves. Proved with
 * a jar that already holds WordPress login cookies (a Postman user who sent a cookie-setting login once, with
 * the jar on) and the scenario folders in another order; and the same jar breaks a collection that uses it.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { NewmanRunOptions, NewmanRunSummary } from 'newman';
import { SCENARIOS_FOLDER } from '../../generators/scenarios/scenario-model.js';
import { startMock } from '../../mock/index.js';
import { siteUrlOf } from '../../runner/environment.js';
import { generationFiles } from '../../runner/generations.js';
import { runNewman } from '../../runner/newman-run.js';
import { startFaultProxy } from '../mutation/fault-proxy.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const FILES = generationFiles('6.9.32');

interface Folder {
  name: string;
  item: Array<Folder | Item>;
}
interface Item {
  name: string;
  request: { header?: Array<{ key: string; value: string }> };
  protocolProfileBehavior?: Record<string, unknown>;
}

/** The legacy login, once, with Postman's cookie jar on: the jar keeps WordPress' three login cookies. */
const SEED: NewmanRunOptions['collection'] = {
  info: { name: 'seed', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
  item: [{
    name: 'Legacy login with the jar on',
    request: {
      method: 'POST',
      url: '{{baseUrl}}/aam/v1/authenticate',
      header: [{ key: 'Content-Type', value: 'application/json' }],
      body: { mode: 'raw', raw: '{"username":"subscriber1","password":"subscriber1"}' },
    },
  }],
} as unknown as NewmanRunOptions['collection'];

async function environment(restUrl: string): Promise<NewmanRunOptions['environment']> {
  const file = JSON.parse(await readFile(join(ROOT, FILES.environments, 'local.postman_environment.json'), 'utf8')) as { values: Array<{ key: string; value: string }> };
  const site: Record<string, string> = { baseUrl: restUrl, siteUrl: siteUrlOf(restUrl) };
  return { ...file, values: file.values.map((v) => (site[v.key] === undefined ? v : { ...v, value: site[v.key] })) } as unknown as NewmanRunOptions['environment'];
}

/** Setup first, the other scenario folders in reverse order, Teardown last. */
function reordered(collection: { item: Array<Folder | Item> }): { item: Array<Folder | Item> } {
  const scenarios = collection.item.find((i): i is Folder => i.name === SCENARIOS_FOLDER);
  assert.ok(scenarios);
  const [setup, ...rest] = scenarios.item as Folder[];
  const teardown = rest.pop();
  assert.equal(setup?.name, 'Setup');
  assert.equal(teardown?.name, 'Teardown');
  return { ...collection, item: [{ ...scenarios, item: [setup, ...rest.reverse(), teardown] }] };
}

function withoutCookieSetting(collection: { item: Array<Folder | Item> }): { item: Array<Folder | Item> } {
  const strip = (node: Folder | Item): Folder | Item => {
    if ('item' in node) return { ...node, item: node.item.map(strip) };
    const { protocolProfileBehavior: _dropped, ...rest } = node;
    return rest;
  };
  return { ...collection, item: collection.item.map(strip) };
}

interface Seen {
  summary: NewmanRunSummary;
  cookies: string[];
  seeded: string;
}

/** Seeds a jar, then runs `collection` with it through a proxy that records every Cookie header. */
async function runWithSeededJar(collection: { item: Array<Folder | Item> }): Promise<Seen> {
  const dir = await mkdtemp(join(tmpdir(), 'cookie-jar-'));
  const cookies: string[] = [];
  let mockUrl = '';
  const proxy = await startFaultProxy(() => mockUrl, {
    request: (req) => {
      const cookie = req.headers.cookie;
      if (cookie !== undefined) cookies.push(Array.isArray(cookie) ? cookie.join('; ') : cookie);
      return undefined;
    },
  });
  const mock = await startMock({ port: 0, host: '127.0.0.1', siteUrl: proxy.url });
  mockUrl = mock.url;
  try {
    const restUrl = `${proxy.url}/wp-json`;
    const jarFile = join(dir, 'jar.json');
    const seed = await runNewman({ collection: SEED, environment: await environment(restUrl), reporters: [], exportCookieJar: jarFile } as NewmanRunOptions);
    assert.equal(seed.run.executions[0]?.response?.code, 200);
    const jar = JSON.parse(await readFile(jarFile, 'utf8')) as { cookies: Array<{ key: string; value: string }> };
    const seeded = jar.cookies.find((c) => c.key.startsWith('wordpress_logged_in_'))?.value ?? '';
    assert.match(seeded, /^subscriber1%7C/, 'the jar holds the legacy login cookie');
    cookies.length = 0;
    const summary = await runNewman({
      collection: collection as unknown as NewmanRunOptions['collection'],
      environment: await environment(restUrl),
      folder: SCENARIOS_FOLDER,
      reporters: [],
      cookieJar: jarFile,
      timeoutRequest: 10_000,
    } as NewmanRunOptions);
    return { summary, cookies, seeded };
  } finally {
    await mock.close();
    await proxy.close();
    await rm(dir, { recursive: true, force: true });
  }
}

const committed = async (): Promise<{ item: Array<Folder | Item> }> =>
  JSON.parse(await readFile(join(ROOT, FILES.collection), 'utf8')) as { item: Array<Folder | Item> };

/** Names of the requests whose definition carries a Cookie header. */
function namingACookie(node: Folder | Item, into = new Set<string>()): Set<string> {
  if ('item' in node) for (const child of node.item) namingACookie(child, into);
  else if (node.request.header?.some((h) => h.key.toLowerCase() === 'cookie') === true) into.add(node.name);
  return into;
}

test('a jar full of login cookies and another folder order: only the steps that name a cookie send one, and only that one', async () => {
  const collection = reordered(await committed());
  const { summary, cookies, seeded } = await runWithSeededJar(collection);
  const withCookie = namingACookie({ name: '', item: collection.item });
  const named = summary.run.executions.filter((e) => withCookie.has(e.item.name));
  assert.ok(named.length >= 20, `${named.length} steps send a cookie`);
  assert.equal(cookies.length, named.length, 'requests with a Cookie header = steps that name one');
  for (const cookie of cookies) {
    assert.ok(!cookie.includes(seeded), 'the jar cookie never reaches a request');
    assert.equal(cookie.split(';').length, 1, `one cookie per request: ${cookie.split('=')[0] ?? ''}`);
  }
  const cookieSteps = summary.run.executions.filter((e) => e.item.name.startsWith('A login cookie without a nonce') || e.item.name.startsWith('The login cookie with its nonce'));
  assert.deepEqual(cookieSteps.map((e) => e.response?.code), [401, 200], 'the cookie steps ran and answered as WordPress does');
  const failedInCookieScenario = summary.run.failures.filter((f) => /cookie|nonce/i.test((f.source as { name?: string } | undefined)?.name ?? ''));
  assert.deepEqual(failedInCookieScenario.map((f) => (f.source as { name?: string }).name), []);
});

test('control: the same jar with the cookie jar left on makes bearer calls anonymous (the bug the setting prevents)', async () => {
  const { summary } = await runWithSeededJar(withoutCookieSetting(await committed()));
  const failures = summary.run.failures.map((f) => (f.source as { name?: string } | undefined)?.name ?? '');
  assert.ok(failures.includes("Clear the target user's registry"), failures.slice(0, 5).join(' | '));
  const listA = summary.run.executions.find((e) => e.item.name === 'List without fields (the default-fields quirk)');
  assert.equal(listA?.response?.code, 401);
});
