/**
 * OpenAPI Object (OAS §4.8.1) → Postman Collection v2.1: folders from tags, one request per
 * operation in document order (methods in a fixed order), collection auth, variables and the
 * one collection-level contract-test script that carries every schema once.
 * @see https://spec.openapis.org/oas/v3.1.0#openapi-object
 */
import { inlineComponentAliases } from '../bundle-spec.js';
import { basename } from 'node:path';
import { contractTestExec } from '../contract.js';
import { autoLoginExec, serverVariablesExec, type LoginRequestData } from '../postman-scripts.js';
import { variablesIn, type LoginExtension } from '../postman-extensions.js';
import { SpecError } from '../errors.js';
import { displayPath, type LoadedSpec } from '../load-spec.js';
import { childPointer } from '../lib/json-pointer.js';
import { stableId } from '../lib/stable-id.js';
import { asString, isObject } from '../lib/type-checks.js';
import type { PostmanCollection, PostmanEvent, PostmanFolder, PostmanItem, PostmanVariable } from '../postman-v2.1.js';
import { loginVariables, type LoginVariables, type OperationConveniences } from './conveniences.js';
import { transformOperation } from './operation-object.js';
import { baseUrlVariables } from './server-object.js';
import { usesCookieAuth } from './request-behavior.js';
import { createSchemaRegistry } from './schema-object.js';
import { collectionAuth, TOKEN_VARIABLE } from './security-requirement.js';
import type { ScenarioSuite } from '../scenarios/scenario-model.js';
import { transformScenarios, type OperationTemplate } from '../scenarios/transform-scenarios.js';

/** Options of {@link generateCollection}; every field optional. */
export interface GenerateOptions {
  /** The collection's `baseUrl` variable; defaults to `servers[0]` with its variables' defaults. */
  baseUrl?: string;
  /** Spec name shown in the collection description; defaults to the root file's name. */
  specName?: string;
  /** Contract scenarios (spec/scenarios.yaml, already validated): one folder after the operations. */
  scenarios?: ScenarioSuite;
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** `servers[0].url` with `{variables}` replaced by their defaults, no trailing slash. */
export function serverUrl(servers: unknown): string {
  const first = Array.isArray(servers) ? servers[0] : undefined;
  if (!isObject(first) || typeof first.url !== 'string') return '';
  const variables = isObject(first.variables) ? first.variables : {};
  return first.url
    .replace(/\{([^}]+)\}/g, (whole, name: string) => {
      const variable = variables[name];
      return isObject(variable) && variable.default !== undefined ? String(variable.default) : whole;
    })
    .replace(/\/+$/, '');
}

/** Builds the collection. Pure: same spec and options → same value. */
export function generateCollection(loaded: LoadedSpec, options: GenerateOptions = {}): PostmanCollection {
  // shared components aliased from other files become the spec's own (same names, same output as inline ones)
  const spec = inlineComponentAliases(loaded);
  const { doc } = spec;
  const specName = options.specName ?? basename(spec.rootFile);
  const info = isObject(doc.info) ? doc.info : {};
  const title = asString(info.title) ?? specName;
  const registry = createSchemaRegistry(spec);
  const paths = isObject(doc.paths) ? doc.paths : {};
  const folders = new Map<string, PostmanFolder>();
  if (Array.isArray(doc.tags)) {
    for (const tag of doc.tags) {
      if (isObject(tag) && typeof tag.name === 'string') {
        // `x-postman-description`: more text for the Postman folder only (e.g. how to run it as a walkthrough)
        const extra = asString(tag['x-postman-description'])?.trim();
        const own = asString(tag.description);
        folders.set(tag.name, folder(tag.name, extra === undefined || extra === '' ? own : [own?.trim() ?? '', extra].filter((t) => t !== '').join('\n\n')));
      }
    }
  }
  const rootItems: PostmanItem[] = [];
  const ids = new Map<string, string>();
  const extraVariables = new Map<string, string>();
  const cookieAuth = usesCookieAuth(doc);
  const templates = new Map<string, OperationTemplate>();
  const loginNames = loginVariables(TOKEN_VARIABLE);
  const order = new Map<PostmanItem, number>();
  /** documentation variables: name → what sets or uses it first */
  const docVariables = new Map<string, string>();
  let login: { name: string; pointer: string; conveniences: Required<Pick<OperationConveniences, 'login'>>['login'] } | undefined;

  for (const path of Object.keys(paths)) {
    const pathAt = { file: spec.rootFile, pointer: childPointer('#/paths', path) };
    const pathItem = paths[path];
    if (!isObject(pathItem)) throw new SpecError('ERR_SPEC_INVALID', displayPath(spec.rootFile), pathAt.pointer, 'a path item must be an object');
    if (typeof pathItem.$ref === 'string') {
      throw new SpecError('ERR_SPEC_INVALID', displayPath(spec.rootFile), pathAt.pointer, 'path item $ref is not supported');
    }
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (operation === undefined) continue;
      const at = { file: spec.rootFile, pointer: childPointer(pathAt.pointer, method) };
      if (!isObject(operation)) throw new SpecError('ERR_SPEC_INVALID', displayPath(spec.rootFile), at.pointer, 'an operation must be an object');
      const operationId = asString(operation.operationId) ?? `${method.toUpperCase()} ${path}`;
      const previous = ids.get(operationId);
      if (previous !== undefined) {
        throw new SpecError('ERR_SPEC_INVALID', displayPath(spec.rootFile), at.pointer, `operationId "${operationId}" is also used at ${previous}`);
      }
      ids.set(operationId, at.pointer);
      const done = transformOperation(spec, registry, { operationId, method, path, operation, pathItem, at, pathAt, cookieAuth }, loginNames);
      const { item } = done;
      templates.set(operationId, { item: { ...item, request: withoutDescription(item.request, done.baseDescription) }, contract: done.contract });
      for (const [name, value] of done.variables) if (!extraVariables.has(name) || extraVariables.get(name) === '') extraVariables.set(name, value);
      for (const name of done.conveniences.captured) if (!docVariables.has(name)) docVariables.set(name, `Set by "${item.name}"`);
      for (const name of done.uses) if (!docVariables.has(name)) docVariables.set(name, `Used by "${item.name}"`);
      if (done.conveniences.login !== undefined) {
        if (login !== undefined) throw new SpecError('ERR_SPEC_INVALID', displayPath(spec.rootFile), childPointer(at.pointer, 'x-postman-login'), `only one operation can log in; ${login.pointer} does already`);
        login = { name: item.name, pointer: at.pointer, conveniences: done.conveniences.login };
      }
      if (done.extensions.order !== undefined) order.set(item, done.extensions.order);
      const tag = done.extensions.folder ?? (Array.isArray(operation.tags) ? asString(operation.tags[0]) : undefined);
      if (tag === undefined) {
        rootItems.push(item);
      } else {
        if (!folders.has(tag)) folders.set(tag, folder(tag, undefined));
        folders.get(tag)?.item.push(item);
      }
    }
  }
  const byOrder = (a: PostmanItem | PostmanFolder, b: PostmanItem | PostmanFolder): number =>
    ('request' in a ? order.get(a) ?? Infinity : Infinity) - ('request' in b ? order.get(b) ?? Infinity : Infinity) || 0;
  for (const f of folders.values()) f.item.sort(byOrder);
  rootItems.sort(byOrder);

  const auth = collectionAuth(doc);
  if (login !== undefined && auth === undefined) {
    throw new SpecError('ERR_SPEC_INVALID', displayPath(spec.rootFile), childPointer(login.pointer, 'x-postman-login'), 'the spec defines no bearer security scheme to carry the token');
  }
  const variable: PostmanVariable[] = [{ key: 'baseUrl', value: options.baseUrl ?? serverUrl(doc.servers), type: 'string' }];
  if (auth !== undefined) variable.push({ key: TOKEN_VARIABLE, value: '', type: 'string' });
  if (login !== undefined) variable.push(...loginCollectionVariables(loginNames, login.name));
  // server variables inside baseUrl's own server (siteUrl of `{siteUrl}/wp-json`) are empty: taken from baseUrl
  const fromBase = baseUrlVariables(doc.servers, extraVariables.keys());
  const derived = new Set(fromBase?.variables.map((v) => v.name));
  for (const name of [...extraVariables.keys()].sort()) {
    if (variable.some((v) => v.key === name)) continue;
    variable.push(derived.has(name)
      ? { key: name, value: '', type: 'string', description: `Empty: taken from {{baseUrl}} before each request (its part \`{${name}}\` in the server URL); set it only where it differs` }
      : { key: name, value: extraVariables.get(name) ?? '', type: 'string' });
  }
  for (const name of [...docVariables.keys()].sort()) {
    if (!variable.some((v) => v.key === name)) variable.push({ key: name, value: '', type: 'string', description: docVariables.get(name) ?? '' });
  }
  const scenarios = options.scenarios === undefined ? undefined : transformScenarios(options.scenarios, templates, { cookieAuth });
  for (const extra of scenarios?.variables ?? []) {
    if (!variable.some((v) => v.key === extra.key)) variable.push(extra);
  }
  const prerequest = [
    ...(fromBase === undefined ? [] : serverVariablesExec({ baseVariable: 'baseUrl', ...fromBase })),
    ...(login === undefined ? [] : autoLogin(login, loginNames)),
  ];
  const events: PostmanEvent[] = prerequest.length === 0 ? [] : [{ listen: 'prerequest', script: { type: 'text/javascript', exec: prerequest } }];

  const description = [
    asString(info.description)?.trim() ?? '',
    `Generated from \`${specName}\` (OpenAPI ${String(doc.openapi)}, API version ${String(info.version ?? 'unversioned')}) by \`npm run generate\`; do not edit by hand.`,
    'Every request runs the collection-level contract test: its status is documented, its Content-Type matches, its JSON body validates against the documented schema and required headers are present.',
    cookieAuth
      ? "This API also authenticates with cookies, so every request has Postman's cookie jar disabled (the request setting \"Disable cookie jar\", `protocolProfileBehavior.disableCookies`): a cookie an answer sets is never stored, and one the jar already holds is never sent. A request that needs a cookie sends it in its own `Cookie` header."
      : '',
  ].filter((p) => p !== '').join('\n\n');

  const collection: PostmanCollection = {
    info: {
      _postman_id: stableId('collection', title),
      name: title,
      description,
      schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
    },
    item: [...[...folders.values()].filter((f) => f.item.length > 0), ...rootItems, ...(scenarios === undefined ? [] : [scenarios.folder])],
    event: [...events, { listen: 'test', script: { type: 'text/javascript', exec: contractTestExec(Object.fromEntries(registry.definitions)) } }],
    variable,
  };
  if (auth !== undefined) collection.auth = auth;
  return collection;
}

/** The login's companions: the token's expiry and the switch of the automatic login. */
function loginCollectionVariables(names: LoginVariables, loginName: string): PostmanVariable[] {
  return [
    { key: names.expires, value: '', type: 'string', description: `Unix time when {{${names.token}}} expires; set by "${loginName}"` },
    { key: names.switch, value: 'on', type: 'string', description: `on: log in with "${loginName}" before a request that needs {{${names.token}}} when it is empty or expires within a minute; off: never` },
  ];
}

function autoLogin(login: { name: string; conveniences: { extension: LoginExtension; request: LoginRequestData } }, names: LoginVariables): string[] {
  const { extension, request } = login.conveniences;
  const expires = extension.expiresAt ?? extension.expiresIn;
  return autoLoginExec({
    name: login.name,
    request,
    requires: [...variablesIn([request.url, request.header.map((h) => h.value), request.json ?? null, request.form?.map((f) => f.value) ?? [], request.raw ?? ''])],
    token: extension.token,
    ...(expires === undefined ? {} : { expires: { pointer: expires, ...(extension.expiresIn === undefined ? {} : { expiresIn: true as const }) } }),
    tokenVariable: names.token,
    expiresVariable: names.expires,
    switchVariable: names.switch,
    margin: 60,
  });
}

function withoutDescription<T extends { description?: string }>(request: T, description: string): T {
  const { description: _full, ...rest } = request;
  return (description === '' ? rest : { ...rest, description }) as T;
}

function folder(name: string, description: string | undefined): PostmanFolder {
  return { id: stableId('folder', name), name, ...(description === undefined || description === '' ? {} : { description }), item: [] };
}
