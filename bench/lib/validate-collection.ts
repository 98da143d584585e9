/**
 * Validates Postman collections against the official v2.1.0 JSON schema (draft-07) with Ajv.
 * Uses the copy vendored by the generator in tests/fixtures/postman/ when it exists, else the shared one.
 */
import { existsSync, readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import { SHARED_SCHEMA, VENDORED_SCHEMA } from './paths.js';

export interface SchemaValidity {
  readonly valid: boolean;
  /** First schema error as `<instancePath> <message>`, '' when valid. */
  readonly reason: string;
}

export function schemaPath(): string {
  return existsSync(VENDORED_SCHEMA) ? VENDORED_SCHEMA : SHARED_SCHEMA;
}

/** Builds a validator once; call the returned function per collection (parsed JSON). */
export function createCollectionValidator(path: string = schemaPath()): (collection: unknown) => SchemaValidity {
  const schema = JSON.parse(readFileSync(path, 'utf8')) as object;
  // strict: false — the official schema uses keywords Ajv's strict mode rejects; allErrors off for speed.
  const ajv = new Ajv({ strict: false, allErrors: false, validateSchema: false });
  const validate: ValidateFunction = ajv.compile(schema);
  return (collection) => {
    if (validate(collection)) return { valid: true, reason: '' };
    const first = validate.errors?.[0];
    return { valid: false, reason: first === undefined ? 'invalid' : `${first.instancePath || '/'} ${first.message ?? ''}`.trim() };
  };
}
