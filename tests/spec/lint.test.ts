/**
 * The spec passes Redocly CLI's `recommended` ruleset (configured in `redocly.yaml`) with no errors and no
 * warnings; every rule the config changes carries a comment saying why.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMap, isScalar, parseDocument } from 'yaml';
import { CONFIG_FILE, lint } from './redocly-lint.js';
import { SPEC_FILE } from './spec-document.js';

/** Names of the rules a Redocly config changes without a comment (on or above the rule's line) saying why. */
function unjustifiedRules(configText: string): string[] {
  const rules = parseDocument(configText).get('rules');
  if (rules === undefined || rules === null) return [];
  if (!isMap(rules)) return ['(rules is not a mapping)'];
  // The yaml parser attaches a comment above the first entry to the mapping itself.
  const commentOf = (key: unknown, index: number): string =>
    (isScalar(key) ? key.commentBefore ?? '' : '') || (index === 0 ? rules.commentBefore ?? '' : '');
  return rules.items
    .filter((pair, index) => commentOf(pair.key, index).trim().length < 10)
    .map((pair) => (isScalar(pair.key) ? String(pair.key.value) : '?'));
}

test('redocly lint (recommended) reports no errors and no warnings on the spec', async () => {
  assert.deepEqual(await lint(SPEC_FILE), []);
});

test('redocly lint does report problems on a spec that breaks the recommended rules', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'spec-lint-'));
  try {
    const broken = join(dir, 'broken.yaml');
    await writeFile(broken, 'openapi: 3.1.0\ninfo: {title: t, version: "1"}\npaths:\n  /a:\n    get:\n      responses:\n        "200": {description: ok}\n');
    const problems = await lint(broken);
    assert.ok(problems.some((p) => p.includes('operation-4xx-response')), problems.join('\n'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('redocly.yaml extends the recommended ruleset and justifies every rule it changes', async () => {
  const text = await readFile(CONFIG_FILE, 'utf8');
  assert.deepEqual((parseDocument(text).toJS() as { extends?: unknown }).extends, ['recommended']);
  assert.deepEqual(unjustifiedRules(text), []);
});

const JUSTIFICATION_CASES: readonly [name: string, config: string, want: string[]][] = [
  ['no rules section', 'extends: [recommended]\n', []],
  ['a commented rule', 'rules:\n  # Off: the paths are fixed by WordPress and cannot follow this convention.\n  paths-kebab-case: off\n', []],
  ['an uncommented rule', 'rules:\n  info-license: off\n', ['info-license']],
  ['a too-short comment', 'rules:\n  # off\n  info-license: off\n', ['info-license']],
];
for (const [name, config, want] of JUSTIFICATION_CASES) {
  test(`unjustifiedRules: ${name}`, () => {
    assert.deepEqual(unjustifiedRules(config), want);
  });
}
