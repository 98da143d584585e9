import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AutoLoginData } from '../../generators/postman-scripts.js';
import { collectionOf, REST_NONCE, walk } from './proxied-walk.js';
import { STORIES, storyDifferences } from './stories.js';

const STORY = STORIES['aam-7.1.1'] ?? [];
const AUTHENTICATE = '/wp-json/aam/v2/authenticate';
const LOGIN = 'Log in (optionally issuing a JWT)';

interface Item { name: string; item?: Item[]; event?: Array<{ listen: string; script: { exec: string[] } }>; protocolProfileBehavior?: { disableCookies?: boolean } }
interface Collection { item: Item[]; event: Array<{ listen: string; script: { exec: string[] } }> }

/** The 7.1.1 collection changed by `edit`, written to a temporary file that `use` runs. */
async function withCollection<T>(edit: (collection: Collection) => void, use: (file: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'walkthrough-7x-'));
  try {
    const collection = JSON.parse(await readFile(collectionOf('7.1.1'), 'utf8')) as Collection;
    edit(collection);
    const file = join(dir, 'collection.json');
    await writeFile(file, JSON.stringify(collection));
    return await use(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
/** Without the "Authentication" folder: the collection's automatic login gets the token. */
const withoutLoginFolder = (collection: Collection): void => {
  collection.item = collection.item.filter((folder) => folder.name !== 'Authentication');
};
/** The automatic login's data (the last line of the collection-level pre-request script), changed by `edit`. */
const editAutoLogin = (edit: (data: AutoLoginData) => AutoLoginData) => (collection: Collection): void => {
  const exec = collection.event.find((e) => e.listen === 'prerequest')?.script.exec ?? [];
  const data = JSON.parse(/^autoLogin\(pm, (.*)\);$/.exec(exec.at(-1) ?? '')?.[1] ?? 'null') as AutoLoginData;
  exec[exec.length - 1] = `autoLogin(pm, ${JSON.stringify(edit(data))});`;
};

test('Newman 7.1.1: the walkthrough passes twice in one run against the mock, as told; the login cookie goes only to the nonce request', async () => {
  const { result, cookieCarriers, cookieSetters, targetLeft, revoked } = await walk({ version: '7.1.1', iterations: 2 });
  assert.deepEqual(result.folders, ['Authentication', 'Token management', 'Cookie authentication']);
  assert.deepEqual(result.failures, []);
  assert.deepEqual(storyDifferences(STORY, result.steps, 2), []);
  assert.ok(result.assertions >= 380, `only ${result.assertions} assertions`);
  assert.deepEqual(cookieSetters, [AUTHENTICATE, AUTHENTICATE], '"Log in" asks for the cookies, once per iteration');
  assert.deepEqual(cookieCarriers, [REST_NONCE, REST_NONCE], 'the cookie travels only where a request names it ({{auth_cookie}}): the jar is off');
  assert.deepEqual([targetLeft, revoked], [0, 2]);
  assert.equal(result.sessionCookies.length, 2, "each login's logged-in cookie is kept (the harness ends those sessions on a real site)");
  assert.match(result.variables.token_id ?? '', /^[0-9a-f-]{36}$/);
  assert.ok(Number(result.variables.jwt_token_expires) > Date.now() / 1000, 'the expiry is a future Unix time');
});

test("Newman 7.1.1: with Postman's cookie jar on, the login's cookie goes with later requests and makes them anonymous (the check can fail)", async () => {
  const jarOn = (collection: Collection): void => {
    for (const item of collection.item.flatMap((f) => f.item ?? [])) delete item.protocolProfileBehavior?.disableCookies;
  };
  const { result, cookieCarriers } = await withCollection(jarOn, (file) => walk({ version: '7.1.1', iterations: 2, collectionFile: file }));
  assert.ok(cookieCarriers.filter((url) => url !== REST_NONCE).length >= 10, `the requests after "Log in" carry the cookie (${cookieCarriers.length})`);
  assert.ok(storyDifferences(STORY, result.steps, 2).some((line) => /got 1 Create a token for a user → 401/.test(line)), 'anonymous: 401 rest_forbidden');
});

test('Newman 7.1.1: the automatic login (no "Log in" first) asks for no cookie, and no request carries one', async () => {
  const { result, cookieCarriers, cookieSetters, targetLeft } = await withCollection(withoutLoginFolder, (file) => walk({ version: '7.1.1', iterations: 2, collectionFile: file }));
  // the nonce request has no {{auth_cookie}} now: WordPress' answer to a request without a login, 400 `0`
  const story = STORY.filter(([name]) => name !== LOGIN).map(([name, status]): [string, number] => [name, /REST nonce/.test(name) ? 400 : status]);
  assert.deepEqual(result.failures, []);
  // Newman lists the automatic login's pm.sendRequest as an exchange of the request it ran before (once: the token lasts)
  const [automatic, ...steps] = result.steps;
  assert.deepEqual(automatic, { iteration: 1, name: 'Create a token for a user', status: 200 });
  assert.deepEqual(storyDifferences(story, steps, 2), []);
  assert.ok(result.variables.jwt_token !== '' && result.variables.jwt_token !== undefined, 'the automatic login stored the token');
  assert.deepEqual([cookieSetters, cookieCarriers, targetLeft], [[], [], 0]);
});

test('Newman 7.1.1: an automatic login that sends the request\'s body (return_auth_cookies) gets cookies (the check can fail)', async () => {
  const sameBody = editAutoLogin((data) => ({ ...data, request: { ...data.request, json: { ...(data.request.json as object), return_auth_cookies: true } } }));
  const { cookieSetters } = await withCollection((c) => { withoutLoginFolder(c); sameBody(c); }, (file) => walk({ version: '7.1.1', iterations: 1, collectionFile: file }));
  assert.deepEqual(cookieSetters, [AUTHENTICATE]);
});
