/**
 * Reads a sites file (YAML, or JSON, which is YAML too) into the fleet's site specifications. Every mistake
 * is reported at once, each with `file:line:column` and what to write instead; a file with mistakes throws
 * {@link SitesFileError} (the CLI exits 2). Secrets are never in the file: only references to environment
 * variables or files, resolved later per site (site-target.ts), so a missing variable fails that site only.
 *
 * ```yaml
 * defaults: &caller                     # optional; YAML anchors merged into sites with `<<: *caller`
 *   caller: { username: suite-caller, password: { env: AAM_PASSWORD } }
 * sites:
 *   - name: shop                        # unique; letters, digits, . _ - (report folders are named after it)
 *     url: https://shop.example         # the site (or its /wp-json)
 *     <<: *caller
 *     targetUserId: 42                  # a dedicated throw-away user
 *     unprivileged: { username: suite-subscriber, password: { file: secrets/shop-subscriber } }
 *     aamVersion: 6.9.51                # optional: force the generation (detected otherwise)
 *   - name: blog
 *     url: https://blog.example
 *     caller: { token: { env: BLOG_AAM_TOKEN } }
 *     targetUserId: 7
 * ```
 */
import { readFile } from 'node:fs/promises';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { isObject } from '../../generators/lib/type-checks.js';
import type { AamVersion } from '../generations.js';
import { SITES_SCHEMA } from './sites-schema.js';

/** Where a value comes from: a plain value (names only), an environment variable, or a file. */
export type ValueRef =
  | { readonly kind: 'plain'; readonly value: string }
  | { readonly kind: 'env'; readonly name: string; readonly at: string }
  | { readonly kind: 'file'; readonly path: string; readonly at: string };

export interface LoginRef {
  readonly username: ValueRef;
  readonly password: ValueRef;
}

/** One site of the file, as written (secrets still references). */
export interface FleetSiteSpec {
  readonly name: string;
  /** `file:line` of the site's entry. */
  readonly at: string;
  /** The URL as written. */
  readonly url: string;
  readonly caller: { readonly token: ValueRef } | LoginRef;
  readonly targetUserId: string;
  readonly unprivileged: LoginRef | undefined;
  readonly aamVersion: AamVersion | undefined;
}

export interface SitesFileIssue {
  /** `file:line:column` */
  readonly at: string;
  readonly message: string;
}

/** The sites file cannot be used; `issues` lists every mistake. The CLI exits 2. */
export class SitesFileError extends Error {
  readonly code = 'ERR_SITES_FILE';
  readonly issues: readonly SitesFileIssue[];
  constructor(file: string, issues: readonly SitesFileIssue[]) {
    super(`${file}: ${issues.length} mistake${issues.length === 1 ? '' : 's'}\n${issues.map((i) => `  ${i.at}: ${i.message}`).join('\n')}`);
    this.name = 'SitesFileError';
    this.issues = issues;
  }
}

let validator: ReturnType<Ajv2020['compile']> | undefined;
function validate(data: unknown): readonly ErrorObject[] {
  validator ??= new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile(SITES_SCHEMA);
  return validator(data) ? [] : (validator.errors ?? []);
}

/** Reads and checks `file` (shown in messages as given). */
export async function loadSitesFile(file: string): Promise<FleetSiteSpec[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new SitesFileError(file, [{ at: file, message: `cannot read the sites file (${(cause as NodeJS.ErrnoException).code ?? 'error'})` }]);
  }
  return parseSitesFile(text, file);
}

/** Parses and checks the text of a sites file; pure apart from the messages naming `file`. */
export function parseSitesFile(text: string, file: string): FleetSiteSpec[] {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, merge: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new SitesFileError(file, doc.errors.map((e) => ({ at: position(lines, file, e.pos[0]).at, message: `invalid YAML: ${e.message.split('\n')[0] ?? ''}` })));
  }
  const data = doc.toJS({ maxAliasCount: 1000 }) as unknown;
  const located = (path: Path, key?: string): Located => locate(doc, lines, file, path, key);
  const issues: Array<SitesFileIssue & { readonly order: number }> = schemaIssues(validate(data)).map((issue) => ({ ...located(issue.path, issue.key), message: issue.message }));
  const raws = isObject(data) && Array.isArray(data.sites) ? (data.sites as unknown[]) : [];
  const at = (i: number): Where => (path, key) => located(['sites', i, ...path], key).at;
  raws.forEach((raw, i) => {
    const earlier = raws.slice(0, i).map((other, j) => ({ name: isObject(other) ? other.name : undefined, at: at(j)([]) }));
    if (isObject(raw)) for (const issue of siteIssues(raw, earlier)) issues.push({ ...located(['sites', i, ...issue.path], issue.key), message: issue.message });
  });
  if (issues.length > 0) throw new SitesFileError(file, issues.sort((a, b) => a.order - b.order).map(({ at: where, message }) => ({ at: where, message })));
  return raws.map((raw, i) => toSpec(raw as RawSite, at(i)));
}

type Path = ReadonlyArray<string | number>;
type Where = (path: Path, key?: string) => string;

interface RawSite {
  readonly name: string;
  readonly url: string;
  readonly caller: { readonly username?: RawValue; readonly password?: RawValue; readonly token?: RawValue };
  readonly targetUserId: number | string;
  readonly unprivileged?: { readonly username: RawValue; readonly password: RawValue };
  readonly aamVersion?: AamVersion;
}
type RawValue = string | { readonly env?: string; readonly file?: string };

function toSpec(raw: RawSite, at: Where): FleetSiteSpec {
  const ref = (value: RawValue | undefined, path: Path): ValueRef => {
    if (typeof value === 'string') return { kind: 'plain', value };
    if (value?.env !== undefined) return { kind: 'env', name: value.env, at: at(path) };
    return { kind: 'file', path: value?.file ?? '', at: at(path) };
  };
  const login = (value: { readonly username?: RawValue; readonly password?: RawValue }, path: Path): LoginRef => ({
    username: ref(value.username, [...path, 'username']),
    password: ref(value.password, [...path, 'password']),
  });
  // siteIssues made sure the caller is a token or a whole login
  return {
    name: raw.name,
    at: at([]),
    url: raw.url,
    caller: raw.caller.token !== undefined ? { token: ref(raw.caller.token, ['caller', 'token']) } : login(raw.caller, ['caller']),
    targetUserId: String(raw.targetUserId),
    unprivileged: raw.unprivileged === undefined ? undefined : login(raw.unprivileged, ['unprivileged']),
    aamVersion: raw.aamVersion,
  };
}

/** The checks a schema cannot word well: unique names, the caller's shape, the URL. Tolerates malformed values (the schema reports those). */
function siteIssues(site: Record<string, unknown>, before: ReadonlyArray<{ readonly name: unknown; readonly at: string }>): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  const { name, url: text, caller } = site;
  const earlier = typeof name === 'string' ? before.find((other) => typeof other.name === 'string' && other.name.toLowerCase() === name.toLowerCase()) : undefined;
  if (earlier !== undefined) issues.push({ path: ['name'], message: `the name "${String(name)}" is already used by the site at ${earlier.at} (names must be unique, ignoring case: each names a report folder)` });
  if (typeof text === 'string' && text !== '') issues.push(...urlIssues(text).map((message) => ({ path: ['url'], message })));
  if (isObject(caller)) {
    const { token, username, password } = caller;
    if (token !== undefined && (username !== undefined || password !== undefined)) {
      issues.push({ path: ['caller'], key: 'token', message: 'caller has both a token and a login: give either token, or username and password' });
    } else if (token === undefined && (username === undefined || password === undefined)) {
      const missing = username === undefined ? (password === undefined ? 'neither is given' : 'username is missing') : 'password is missing';
      issues.push({ path: ['caller'], message: `caller needs either token: { env: NAME }, or username and password: { env: NAME } (${missing})` });
    }
  }
  return issues;
}

function urlIssues(text: string): string[] {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return [`"${text}" is not a URL: give the site's address, e.g. https://shop.example`];
  }
  const issues: string[] = [];
  if (url.protocol !== 'http:' && url.protocol !== 'https:') issues.push(`the url must be http or https, got "${url.protocol}"`);
  if (url.search !== '' || url.hash !== '') issues.push('the url must not carry a query string or fragment (a site without pretty permalinks is found by itself)');
  if (url.username !== '' || url.password !== '') issues.push('the url must not carry credentials: give them in caller');
  return issues;
}

interface SchemaIssue {
  readonly path: Path;
  /** A key of the object at `path` the message is about. */
  readonly key?: string;
  readonly message: string;
}

const SECRET_HINT = 'a secret is given as a reference, { env: NAME } or { file: PATH }, never as the value itself';
const KNOWN_KEYS: Readonly<Record<string, string>> = {
  '': 'sites, defaults',
  site: 'name, url, caller, targetUserId, unprivileged, aamVersion',
  caller: 'username and password, or token',
  unprivileged: 'username, password',
  ref: 'env or file',
};

/** Ajv's errors → one clear message each (branch errors of anyOf are folded into their anyOf). */
export function schemaIssues(errors: readonly ErrorObject[]): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    if (/\/anyOf\/\d+\//.test(error.schemaPath)) continue;
    const path = error.instancePath.split('/').slice(1).map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~')));
    const issue = describe(error, path);
    const key = `${issue.path.join('/')}|${issue.key ?? ''}|${issue.message}`;
    if (!seen.has(key)) issues.push(issue);
    seen.add(key);
  }
  return issues;
}

function describe(error: ErrorObject, path: Path): SchemaIssue {
  const last = path[path.length - 1];
  const name = typeof last === 'string' ? last : undefined;
  const params = error.params as Record<string, unknown>;
  const context = kindOf(path);
  switch (error.keyword) {
    case 'required':
      return { path, message: `${label(path)} lacks ${String(params.missingProperty)}${context === 'site' && params.missingProperty === 'caller' ? ' (username and password, or token, as { env: NAME } references)' : ''}` };
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      return { path, key, message: `unknown key "${key}" in ${label(path)} (known: ${KNOWN_KEYS[context] ?? '?'})` };
    }
    case 'anyOf':
      if (name === 'targetUserId') return { path, message: 'targetUserId must be a positive integer: the id of a dedicated throw-away user' };
      return { path, message: `${name ?? 'the value'} must be a plain name or a reference, { env: NAME } or { file: PATH }` };
    case 'type':
      if (context === 'ref' || name === 'password' || name === 'token') return { path, message: `${name ?? 'the value'}: ${SECRET_HINT}` };
      return { path, message: `${label(path)} must be ${article(String(params.type))}` };
    case 'pattern':
      if (name === 'name') return { path, message: 'a site name is 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit' };
      if (name === 'env') return { path, message: 'env must name an environment variable (letters, digits and "_", not starting with a digit)' };
      return { path, message: `${label(path)} ${error.message ?? 'is invalid'}` };
    case 'enum':
      return { path, message: `aamVersion must be one of ${(params.allowedValues as string[]).join(', ')} (or left out: the generation is detected)` };
    case 'minProperties':
    case 'maxProperties':
      return { path, message: `${label(path)} must have exactly one of env or file` };
    case 'minItems':
      return { path, message: 'sites must list at least one site' };
    case 'minLength':
      return { path, message: `${label(path)} must not be empty` };
    default:
      return { path, message: `${label(path)} ${error.message ?? 'is invalid'}` };
  }
}

/** What the object at `path` is: the root, a site, a caller, an unprivileged login, a reference. */
function kindOf(path: Path): string {
  if (path.length === 0) return '';
  if (path.length === 2 && path[0] === 'sites') return 'site';
  if (path.length === 3 && (path[2] === 'caller' || path[2] === 'unprivileged')) return String(path[2]);
  if (path.length === 4 && (path[3] === 'password' || path[3] === 'token' || path[3] === 'username')) return 'ref';
  return '?';
}

/** `sites[2].caller.password` */
function label(path: Path): string {
  if (path.length === 0) return 'the file';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

interface Located {
  /** `file:line:column` */
  readonly at: string;
  /** The source offset, to sort messages in file order. */
  readonly order: number;
}

function position(lines: LineCounter, file: string, offset: number | undefined): Located {
  if (offset === undefined) return { at: `${file}:1:1`, order: 0 };
  const pos = lines.linePos(offset);
  return { at: `${file}:${pos.line}:${pos.col}`, order: offset };
}

/** Where the node at `path` (its key `key`, when given) is written: through aliases and `<<` merges; else its nearest ancestor. */
function locate(doc: Document, lines: LineCounter, file: string, path: Path, key?: string): Located {
  let node: unknown = doc.contents;
  let found = rangeStart(node);
  const steps = key === undefined ? path : [...path, key];
  for (const [i, step] of steps.entries()) {
    const isKey = key !== undefined && i === steps.length - 1;
    const next = child(doc, node, step, isKey);
    if (next === undefined) break;
    node = next.node;
    found = next.offset ?? found;
  }
  return position(lines, file, found);
}

function rangeStart(node: unknown): number | undefined {
  return isMap(node) || isSeq(node) || isScalar(node) ? node.range?.[0] : undefined;
}

/** The child `step` of `node` (a key's own position when `isKey`), looking into `<<` merges of a map. */
function child(doc: Document, node: unknown, step: string | number, isKey: boolean): { node: unknown; offset: number | undefined } | undefined {
  const target = isAlias(node) ? node.resolve(doc) : node;
  if (isSeq(target) && typeof step === 'number') {
    const item = target.items[step];
    return item === undefined ? undefined : { node: item, offset: rangeStart(isAlias(item) ? item.resolve(doc) : item) };
  }
  if (!isMap(target)) return undefined;
  const pair = target.items.find((item) => isScalar(item.key) && item.key.value === step);
  if (pair !== undefined) return { node: pair.value, offset: isKey ? rangeStart(pair.key) : (rangeStart(isAlias(pair.value) ? pair.value.resolve(doc) : pair.value) ?? rangeStart(pair.key)) };
  for (const merge of target.items.filter((item) => isScalar(item.key) && (typeof item.key.value === 'symbol' || item.key.source === '<<'))) {
    const sources = isSeq(merge.value) ? merge.value.items : [merge.value];
    for (const source of sources) {
      const found = child(doc, source, step, isKey);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
