/**
 * The structure checks every generation's spec gets (what the generator and a Postman user rely on): one
 * described tag per operation, a summary and a description, every response with a schema and at least one
 * named example, every request body with an example, and the headers WordPress always sends declared as required
 * (REST answers; the operations on the site itself — their own `servers` — answer HTML).
 * Not a test file itself: the `*.test.ts` files call {@link registerStructureTests}.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deref, isObject, listOperations } from './spec-document.js';
import type { JsonObject } from './spec-document.js';

/** Headers WordPress sends on every REST answer (reference §1.3). */
const ALWAYS_SENT = ['X-Robots-Tag', 'X-Content-Type-Options', 'Link', 'Access-Control-Expose-Headers', 'Access-Control-Allow-Headers'];

/** Registers the structure tests of one spec document; `name` prefixes each test title. */
export function registerStructureTests(doc: JsonObject, name: string): void {
  const operations = listOperations(doc);
  const tags = Array.isArray(doc['tags']) ? doc['tags'].filter(isObject) : [];
  const mediaTypes = (node: unknown): [string, JsonObject][] => {
    const resolved = deref(doc, node);
    if (!isObject(resolved) || !isObject(resolved['content'])) return [];
    return Object.entries(resolved['content']).filter((e): e is [string, JsonObject] => isObject(e[1]));
  };

  test(`${name}: every tag has a description`, () => {
    assert.ok(tags.length > 0);
    for (const tag of tags) assert.ok(typeof tag['description'] === 'string' && tag['description'].length > 40, String(tag['name']));
  });

  test(`${name}: operationIds are unique`, () => {
    const ids = operations.map((o) => o.operation['operationId']);
    assert.equal(new Set(ids).size, ids.length);
  });

  for (const { path, method, operation } of operations) {
    const label = `${name}: ${method.toUpperCase()} ${path}`;

    test(`${label} has exactly one declared tag, a summary and a description`, () => {
      const opTags = operation['tags'];
      assert.ok(Array.isArray(opTags) && opTags.length === 1, 'exactly one tag');
      assert.ok(tags.some((t) => t['name'] === opTags[0]), `tag ${String(opTags[0])} is declared`);
      assert.ok(typeof operation['summary'] === 'string' && operation['summary'].length > 0);
      assert.ok(typeof operation['description'] === 'string' && operation['description'].length > 100);
    });

    const responses = isObject(operation['responses']) ? operation['responses'] : {};
    // operations on the site itself (their own `servers`: admin-ajax, the signed-URL login) answer HTML, not REST JSON
    const pathItem = isObject(doc['paths']) ? doc['paths'][path] : undefined;
    const onSite = isObject(pathItem) && Array.isArray(pathItem['servers']);
    for (const [status, response] of Object.entries(responses)) {
      if (onSite) {
        test(`${label} → ${status} (not REST) has an HTML schema and a named example`, () => {
          const media = mediaTypes(response);
          assert.deepEqual(media.map(([type]) => type), ['text/html']);
          const [, html] = media[0] ?? ['', {}];
          assert.ok(isObject(html['schema']), 'schema');
          assert.ok(isObject(html['examples']) && Object.keys(html['examples']).length > 0, 'named examples');
        });
        continue;
      }
      test(`${label} → ${status} has a JSON schema, a named example and WordPress' headers`, () => {
        const media = mediaTypes(response);
        assert.deepEqual(media.map(([type]) => type), ['application/json']);
        const [, json] = media[0] ?? ['', {}];
        assert.ok(isObject(json['schema']), 'schema');
        assert.ok(isObject(json['examples']) && Object.keys(json['examples']).length > 0, 'named examples');
        const resolved = deref(doc, response);
        const headers = isObject(resolved) && isObject(resolved['headers']) ? resolved['headers'] : {};
        for (const header of ALWAYS_SENT) {
          const declared = deref(doc, headers[header]);
          assert.ok(isObject(declared) && declared['required'] === true, `${header} declared as required`);
        }
      });
    }

    if (operation['requestBody'] !== undefined) {
      test(`${label} request body offers JSON and form, each with a named example`, () => {
        const media = mediaTypes(operation['requestBody']);
        assert.deepEqual(media.map(([type]) => type), ['application/json', 'application/x-www-form-urlencoded']);
        for (const [type, content] of media) {
          assert.ok(isObject(content['examples']) && Object.keys(content['examples']).length > 0, type);
        }
      });
    }
  }
}
