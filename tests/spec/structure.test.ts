/**
 * AAM 6.9.32's spec: the structure checks every generation gets (structure-checks.ts), and the 6.9.32 quirks.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { listOperations, loadSpec } from './spec-document.js';
import { registerStructureTests } from './structure-checks.js';

const doc = loadSpec();
const operations = listOperations(doc);

registerStructureTests(doc, 'AAM 6.9.32');

test('the service/jwt* operations document the 6.9.32 quirks where they bite', () => {
  const describe = (id: string): string => {
    const op = operations.find((o) => o.operation['operationId'] === id)?.operation;
    return typeof op?.['description'] === 'string' ? op['description'] : '';
  };
  assert.match(describe('listTokens'), /"": null/);
  assert.match(describe('createToken'), /user_id.*must be an existing user id/is);
  assert.match(describe('getToken'), /unknown id answers 500/i);
  assert.match(describe('deleteToken'), /Unknown id → 404/);
  assert.match(describe('resetTokens'), /500 when there is nothing to delete/);
  assert.match(describe('refreshToken'), /405/);
  assert.match(describe('revokeToken'), /409/);
  assert.match(describe('authenticate'), /integer\*\* `405`/);
});
