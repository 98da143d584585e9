/**
 * Environment data (spec/environments.yaml) → Postman environment files. Deterministic:
 * stable ids, no export timestamps; `secret: true` values are typed `secret`.
 */
import { SpecError } from './errors.js';
import { stableId } from './lib/stable-id.js';
import { isObject } from './lib/type-checks.js';

export interface PostmanEnvironmentValue {
  key: string;
  value: string;
  type: 'default' | 'secret';
  enabled: true;
  description?: string;
}

export interface PostmanEnvironment {
  id: string;
  name: string;
  values: PostmanEnvironmentValue[];
  _postman_variable_scope: 'environment';
}

export interface GeneratedEnvironment {
  /** File name, e.g. `local.postman_environment.json`. */
  fileName: string;
  environment: PostmanEnvironment;
}

/** Options of {@link generateEnvironments}. */
export interface EnvironmentOptions {
  /**
   * The collection the environments belong to (e.g. `aam-6.9.32`) when one data file serves several: it
   * enters each id and is appended to each name, so the environments of two collections never collide.
   */
  scope?: string;
}

/**
 * Builds every environment described by `data` (the parsed environments file; `source` names
 * it in errors). All environments must declare the same keys in the same order.
 */
export function generateEnvironments(data: unknown, source: string, options: EnvironmentOptions = {}): GeneratedEnvironment[] {
  const { scope } = options;
  const fail = (pointer: string, message: string): never => {
    throw new SpecError('ERR_ENVIRONMENTS_INVALID', source, pointer, message);
  };
  if (!isObject(data) || !Array.isArray(data.environments)) return fail('#/environments', 'an "environments" list is required');
  const out = data.environments.map((env: unknown, i): GeneratedEnvironment => {
    const at = `#/environments/${i}`;
    if (!isObject(env) || typeof env.file !== 'string' || !/^[a-z0-9-]+$/.test(env.file)) return fail(`${at}/file`, 'a kebab-case "file" name is required');
    if (typeof env.name !== 'string') return fail(`${at}/name`, 'a "name" is required');
    if (!Array.isArray(env.values)) return fail(`${at}/values`, 'a "values" list is required');
    const values = env.values.map((v: unknown, j): PostmanEnvironmentValue => {
      if (!isObject(v) || typeof v.key !== 'string' || !['string', 'number', 'boolean'].includes(typeof v.value)) {
        return fail(`${at}/values/${j}`, 'each value needs a string "key" and a scalar "value"');
      }
      const value: PostmanEnvironmentValue = { key: v.key, value: String(v.value), type: v.secret === true ? 'secret' : 'default', enabled: true };
      if (typeof v.description === 'string') value.description = v.description;
      return value;
    });
    return {
      fileName: `${env.file}.postman_environment.json`,
      environment: {
        id: scope === undefined ? stableId('environment', env.file) : stableId('environment', scope, env.file),
        name: scope === undefined ? env.name : `${env.name} (${scope})`,
        values,
        _postman_variable_scope: 'environment',
      },
    };
  });
  const keys = (e: GeneratedEnvironment): string => e.environment.values.map((v) => v.key).join(',');
  const first = out[0];
  out.forEach((env, i) => {
    if (first !== undefined && keys(env) !== keys(first)) fail(`#/environments/${i}/values`, `keys differ from the first environment (${keys(first)})`);
  });
  return out;
}
