/**
 * The JSON Schema (2020-12) of a sites file (`npm run contract -- --sites sites.yaml`). Data, not a file read
 * at run time, so a bundled CLI carries it. The checks no schema can express (unique names, a caller that is
 * either a token or a login, URLs) are in sites-file.ts; every message is worded there.
 */
import { AAM_VERSIONS } from '../generations.js';

/** `{ env: NAME }` or `{ file: PATH }`: where a secret comes from; never the secret itself. */
const SECRET_REF = {
  type: 'object',
  properties: {
    env: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
    file: { type: 'string', minLength: 1 },
  },
  additionalProperties: false,
  minProperties: 1,
  maxProperties: 1,
} as const;

/** A user name: not a secret, so a plain string or a reference. */
const NAME_VALUE = {
  anyOf: [{ type: 'string', minLength: 1 }, SECRET_REF],
} as const;

const LOGIN = {
  type: 'object',
  properties: { username: NAME_VALUE, password: SECRET_REF },
  additionalProperties: false,
  required: ['username', 'password'],
} as const;

export const SITES_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'AAM JWT contract suite: a fleet of sites',
  type: 'object',
  properties: {
    /** Free-form; YAML anchors here can be merged into sites with `<<: *name`. */
    defaults: { type: 'object' },
    sites: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        properties: {
          name: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$' },
          url: { type: 'string', minLength: 1 },
          caller: {
            type: 'object',
            properties: { username: NAME_VALUE, password: SECRET_REF, token: SECRET_REF },
            additionalProperties: false,
          },
          targetUserId: { anyOf: [{ type: 'integer', minimum: 1 }, { type: 'string', pattern: '^[1-9][0-9]*$' }] },
          unprivileged: LOGIN,
          aamVersion: { type: 'string', enum: [...AAM_VERSIONS] },
        },
        additionalProperties: false,
        required: ['name', 'url', 'caller', 'targetUserId'],
      },
    },
  },
  additionalProperties: false,
  required: ['sites'],
} as const;
