/**
 * Parameter Objects (OAS §4.8.12) → Postman path variables, query parameters and headers.
 * Optional query parameters and headers are present but disabled, unless the parameter gives
 * `x-postman-value` (the value the example request sends; see generators/README.md).
 * @see https://spec.openapis.org/oas/v3.1.0#parameter-object
 */
import { SpecError } from '../errors.js';
import { displayPath, type LoadedSpec, type Location } from '../load-spec.js';
import { childPointer } from '../lib/json-pointer.js';
import { deref, type Located } from '../lib/resolve-ref.js';
import { asString, isObject, type JsonObject } from '../lib/type-checks.js';
import type { PostmanHeader, PostmanQueryParam, PostmanVariable } from '../postman-v2.1.js';
import { parameterValue } from '../postman-extensions.js';
import { exampleOf, toText } from './example-value.js';

export interface RequestParameters {
  path: PostmanVariable[];
  query: PostmanQueryParam[];
  header: PostmanHeader[];
}

/** Headers OAS says to ignore as parameters (§4.8.12.1): they come from elsewhere. */
const IGNORED_HEADERS = new Set(['accept', 'content-type', 'authorization']);

/** Path-item parameters overridden by operation parameters of the same name and location. */
export function mergeParameters(spec: LoadedSpec, pathLevel: Located, opLevel: Located): Array<Located<JsonObject>> {
  const merged = new Map<string, Located<JsonObject>>();
  for (const list of [pathLevel, opLevel]) {
    if (list.value === undefined) continue;
    if (!Array.isArray(list.value)) throw new SpecError('ERR_SPEC_INVALID', displayPath(list.at.file), list.at.pointer, 'parameters must be an array');
    list.value.forEach((raw, i) => {
      const param = deref(spec, { value: raw, at: { file: list.at.file, pointer: childPointer(list.at.pointer, i) } });
      const value = param.value;
      if (!isObject(value) || typeof value.name !== 'string' || typeof value.in !== 'string') {
        throw new SpecError('ERR_SPEC_INVALID', displayPath(param.at.file), param.at.pointer, 'a parameter needs a string "name" and "in"');
      }
      merged.set(`${value.in}:${value.name}`, { value, at: param.at });
    });
  }
  return [...merged.values()];
}

/** Splits merged parameters into Postman's three places. */
export function transformParameters(spec: LoadedSpec, params: Array<Located<JsonObject>>): RequestParameters {
  const out: RequestParameters = { path: [], query: [], header: [] };
  for (const { value: param, at } of params) {
    const name = param.name as string;
    const description = describeParameter(param);
    const given = parameterValue(param, at);
    const value = given ?? toText(exampleOf(spec, param, at));
    const required = param.required === true || given !== undefined;
    if (param.in === 'path') {
      out.path.push(withDescription<PostmanVariable>({ key: name, value }, description));
    } else if (param.in === 'query') {
      out.query.push(withDescription<PostmanQueryParam>({ key: name, value, ...(required ? {} : { disabled: true }) }, description));
    } else if (param.in === 'header' && !IGNORED_HEADERS.has(name.toLowerCase())) {
      out.header.push(withDescription<PostmanHeader>({ key: name, value, ...(required ? {} : { disabled: true }) }, description));
    }
  }
  return out;
}

function describeParameter(param: JsonObject): string {
  const parts: string[] = [];
  parts.push(param.required === true ? '(Required)' : '(Optional)');
  const text = asString(param.description);
  if (text !== undefined && text.trim() !== '') parts.push(text.trim());
  if (param.deprecated === true) parts.push('Deprecated.');
  return parts.join(' ');
}

function withDescription<T extends { description?: string }>(item: T, description: string): T {
  return description === '' ? item : { ...item, description };
}

/** Where a list of parameters sits, for {@link mergeParameters}. */
export function parametersAt(node: JsonObject, at: Location): Located {
  return { value: node.parameters, at: { file: at.file, pointer: childPointer(at.pointer, 'parameters') } };
}
