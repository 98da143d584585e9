import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { bundleSpecFile } from '../../generators/bundle-spec-file.js';
import { inlineComponentAliases } from '../../generators/bundle-spec.js';
import { loadSpec } from '../../generators/load-spec.js';
import { generateCollection } from '../../generators/transform/collection.js';
import { serializeJson } from '../../generators/lib/serialize-json.js';

const SHARED = `components:
  schemas:
    Flag: {type: boolean}
    Error:
      type: object
      properties:
        flag: {$ref: '#/components/schemas/Flag'}
        other: {$ref: './other.yaml#/components/schemas/Name'}
`;
const OTHER = `components:
  schemas:
    Name: {type: string, minLength: 1}
`;
const OP = `paths:
  /x:
    get:
      responses:
        '400':
          description: bad
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Error'}
`;

/** A spec folder beside a `shared/` folder; `components` is the spec's own components block. */
function project(components: string, extraOp = ''): string {
  const dir = mkdtempSync(join(tmpdir(), 'bundle-spec-'));
  mkdirSync(join(dir, 'shared'));
  mkdirSync(join(dir, 'api'));
  writeFileSync(join(dir, 'shared', 'base.yaml'), SHARED);
  writeFileSync(join(dir, 'shared', 'other.yaml'), OTHER);
  writeFileSync(join(dir, 'api', 'openapi.yaml'), `openapi: 3.1.0\ninfo: {title: t, version: '1'}\n${OP}${extraOp}components:\n${components}`);
  return join(dir, 'api', 'openapi.yaml');
}

const ALIASES = `  schemas:
    Flag: {$ref: '../shared/base.yaml#/components/schemas/Flag'}
    Error: {$ref: '../shared/base.yaml#/components/schemas/Error'}
    Name: {$ref: '../shared/other.yaml#/components/schemas/Name'}
`;
const INLINE = `  schemas:
    Flag: {type: boolean}
    Error:
      type: object
      properties:
        flag: {$ref: '#/components/schemas/Flag'}
        other: {$ref: '#/components/schemas/Name'}
    Name: {type: string, minLength: 1}
`;

describe('component aliases: shared components inlined under their names', () => {
  it('bundles aliases (also across shared files) into the same document as writing them inline', () => {
    assert.deepEqual(bundleSpecFile(project(ALIASES)), bundleSpecFile(project(INLINE)));
  });

  it('generates the same collection from aliases as from inline components', async () => {
    const a = generateCollection(await loadSpec(project(ALIASES)));
    const b = generateCollection(await loadSpec(project(INLINE)));
    assert.equal(serializeJson(a), serializeJson(b));
  });

  const refused: ReadonlyArray<readonly [string, string, RegExp]> = [
    ['an inner reference the spec does not alias', `  schemas:\n    Error: {$ref: '../shared/base.yaml#/components/schemas/Error'}\n    Flag: {type: boolean}\n    Name: {$ref: '../shared/other.yaml#/components/schemas/Name'}\n`, /shared\/base\.yaml #\/components\/schemas\/Error\/properties\/flag: .*aliases under the same name/],
    ['an alias into another section', `  schemas:\n    Error: {$ref: '../shared/base.yaml#/components/responses/Error'}\n`, /api\/openapi\.yaml #\/components\/schemas\/Error: .*existing component of the same section/],
    ['an alias to nothing', `  schemas:\n    Error: {$ref: '../shared/base.yaml#/components/schemas/Missing'}\n`, /#\/components\/schemas\/Error: .*existing component/],
  ];
  for (const [what, components, message] of refused) {
    it(`strict bundling refuses ${what}, naming file and pointer`, () => {
      const file = project(components);
      assert.throws(() => bundleSpecFile(file), (err: Error & { code?: string }) => err.code === 'ERR_SPEC_REF' && message.test(err.message));
    });
  }

  it('strict bundling refuses a reference to another file outside the components; lenient inlining leaves it', async () => {
    const file = project(ALIASES, `  /y:\n    get:\n      responses:\n        '200': {$ref: '../shared/base.yaml#/components/responses/None'}\n`);
    assert.throws(() => bundleSpecFile(file), /#\/paths\/~1y\/get\/responses\/200: \$ref "\.\.\/shared\/base\.yaml#\/components\/responses\/None" names another file/);
    const unsound = project(`  schemas:\n    Error: {$ref: '../shared/base.yaml#/components/schemas/Error'}\n    Flag: {$ref: '../shared/base.yaml#/components/schemas/Flag'}\n    Name: {$ref: '../shared/other.yaml#/components/schemas/Name'}\n    Lone: {$ref: '../shared/base.yaml#/components/schemas/Error/properties/flag'}\n`);
    const spec = inlineComponentAliases(await loadSpec(unsound));
    const schemas = (spec.doc.components as { schemas: Record<string, unknown> }).schemas;
    assert.deepEqual(schemas.Lone, { $ref: '../shared/base.yaml#/components/schemas/Error/properties/flag' }, 'not a component: left to the resolver');
    assert.deepEqual(schemas.Flag, { type: 'boolean' });
  });
});
