/**
 * Every example in the spec validates against its schema (Ajv, JSON Schema 2020-12); a failure names the
 * example's JSON pointer. Plus the checks that prove the validator and the schemas can fail.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSpec } from './spec-document.js';
import { collectExamples, createSchemaValidator } from './spec-examples.js';

const doc = loadSpec();
const validator = createSchemaValidator(doc);
const cases = collectExamples(doc);

test('the spec has examples of every kind (media type, parameter, header, schema)', () => {
  assert.ok(cases.length > 80, `only ${cases.length} examples found`);
  assert.ok(cases.some((c) => c.at.includes('/content/application~1json/examples/')));
  assert.ok(cases.some((c) => c.at.includes('/content/application~1x-www-form-urlencoded/examples/')));
  assert.ok(cases.some((c) => c.at.startsWith('/components/parameters/') && c.at.endsWith('/example')));
  assert.ok(cases.some((c) => c.at.startsWith('/components/headers/') && c.at.endsWith('/example')));
  assert.ok(cases.some((c) => c.at.startsWith('/components/schemas/') && c.at.includes('/examples/')));
});

for (const c of cases) {
  test(`example #${c.at} validates against #${c.schemaAt}`, () => {
    assert.equal(validator.validate(c.schemaAt, c.value), null, `#${c.at}`);
  });
}
