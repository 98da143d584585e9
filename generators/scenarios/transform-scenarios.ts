/**
 * Scenarios (spec/scenarios.yaml) → one Postman folder holding a folder per scenario, in file order.
 * Each step becomes a request built from its operation's generated item (URL on {{baseUrl}}, Accept,
 * docs) with the step's auth, parameters and body, and carries the operation's contract plus the
 * step's `expect` as data for the fixed collection-level test script.
 */
import { readFileSync } from 'node:fs';
import type { ContractExpectations, OperationContract } from '../contract.js';
import { stableId } from '../lib/stable-id.js';
import type { PostmanAuth, PostmanBody, PostmanFolder, PostmanHeader, PostmanItem, PostmanProtocolProfileBehavior, PostmanRequest, PostmanUrl, PostmanVariable } from '../postman-v2.1.js';
import { SCENARIOS_FOLDER, stepItemNames, type ScenarioStep, type ScenarioSuite } from './scenario-model.js';
import { assetUrl } from '../assets.js';

/** What a step needs from the per-operation part of the collection. */
export interface OperationTemplate {
  readonly item: PostmanItem;
  readonly contract: OperationContract;
}

/** The fixed pre-request body (generators/scripts/scenario-prerequest.js), as lines. */
export const SCENARIO_PREREQUEST_BODY: readonly string[] = readFileSync(assetUrl('scripts/scenario-prerequest.js'), 'utf8')
  .replace(/\n+$/, '')
  .split('\n');

/** A step's pre-request script: the fixed body, then one call carrying its data. */
export function scenarioPrerequestExec(requires: readonly string[], contract: OperationContract): string[] {
  return [...SCENARIO_PREREQUEST_BODY, `scenarioPrerequest(pm, ${JSON.stringify({ requires, contract })});`];
}

const CALLER_AUTH: PostmanAuth = { type: 'bearer', bearer: [{ key: 'token', value: '{{jwt_token}}', type: 'string' }] };
const UNPRIVILEGED_AUTH: PostmanAuth = { type: 'bearer', bearer: [{ key: 'token', value: '{{unprivileged_token}}', type: 'string' }] };

/** Options of {@link transformScenarios}. */
export interface ScenarioOptions {
  /** the document authenticates with cookies: no step uses Postman's cookie jar (cookies go in `Cookie` headers) */
  readonly cookieAuth?: boolean;
}

/** The scenario folder and the constants to declare as collection variables. Pure. */
export function transformScenarios(
  suite: ScenarioSuite,
  operations: ReadonlyMap<string, OperationTemplate>,
  options: ScenarioOptions = {},
): { folder: PostmanFolder; variables: PostmanVariable[] } {
  const folders: PostmanFolder[] = suite.scenarios.map((scenario) => ({
    id: stableId('scenario', scenario.name),
    name: scenario.name,
    ...(scenario.description === undefined ? {} : { description: scenario.description }),
    item: scenario.steps.flatMap((step) => stepItemNames(step).map((name) => transformStep(step, name, operations, suite.file, options))),
  }));
  const variables = Object.entries(suite.constants).map(([key, value]): PostmanVariable => ({ key, value, type: 'string' }));
  const captured = new Set(suite.scenarios.flatMap((s) => s.steps.flatMap((step) => [
    ...Object.keys(step.capture), ...Object.keys(step.captureCookie), ...(step.captureText === undefined ? [] : [step.captureText]),
  ])));
  for (const key of [...captured].sort()) {
    if (!(key in suite.constants)) variables.push({ key, value: '', type: 'string', description: 'Captured by a scenario step' });
  }
  return {
    folder: {
      id: stableId('scenario-folder', SCENARIOS_FOLDER),
      name: SCENARIOS_FOLDER,
      description: [
        `The contract suite: ordered scenarios generated from \`${suite.file}\`. Run this folder (Collection Runner,`,
        'or `npm run contract`); every bulk or destructive step works on `{{target_user_id}}`, a dedicated user, never on',
        "the caller's own token registry (AAM keeps only 10 tokens per user).",
      ].join(' '),
      item: folders,
    },
    variables,
  };
}

function transformStep(step: ScenarioStep, name: string, operations: ReadonlyMap<string, OperationTemplate>, file: string, options: ScenarioOptions): PostmanItem {
  const template = step.operation === undefined ? undefined : operations.get(step.operation);
  const base = template?.item.request;
  const method = step.method ?? base?.method ?? 'GET';
  const header: PostmanHeader[] = (base?.header ?? []).filter((h) => h.key.toLowerCase() === 'accept').map((h) => ({ key: h.key, value: h.value }));
  const body = stepBody(step);
  if (body !== undefined) header.push({ key: 'Content-Type', value: body.contentType });
  for (const [key, value] of Object.entries(step.headers)) header.push({ key, value });

  const request: PostmanRequest = {
    method,
    header,
    url: stepUrl(step, base?.url),
    description: describeStep(step, base, file),
    auth: step.auth === 'none' ? { type: 'noauth' } : step.auth === 'unprivileged' ? UNPRIVILEGED_AUTH : CALLER_AUTH,
  };
  if (body !== undefined) request.body = body.body;
  const expect: ContractExpectations = {
    step: step.name,
    status: step.expect.status,
    ...(step.expect.vars.length > 0 ? { vars: step.expect.vars } : {}),
    ...(step.expect.body.length > 0 ? { body: step.expect.body } : {}),
    ...(step.expect.headers.length > 0 ? { headers: step.expect.headers } : {}),
    ...(step.expect.text.length > 0 ? { text: step.expect.text } : {}),
    ...(Object.keys(step.capture).length > 0 ? { capture: step.capture } : {}),
    ...(Object.keys(step.captureCookie).length > 0 ? { captureCookie: step.captureCookie } : {}),
    ...(step.captureText === undefined ? {} : { captureText: step.captureText }),
    ...(step.halt ? { halt: true } : {}),
  };
  const contract: OperationContract =
    template === undefined
      ? { operationId: `${method} ${step.rawPath ?? ''}`, expect }
      : { operationId: template.contract.operationId, ...(template.contract.statuses === undefined ? {} : { statuses: template.contract.statuses }), expect };
  const item: PostmanItem = {
    id: stableId('scenario-step', name),
    name,
    request,
    response: [],
    event: [{ listen: 'prerequest', script: { type: 'text/javascript', exec: scenarioPrerequestExec(step.requires, contract) } }],
  };
  const behavior: PostmanProtocolProfileBehavior = { ...template?.item.protocolProfileBehavior };
  if (options.cookieAuth === true) behavior.disableCookies = true;
  // Postman drops the body of a GET unless told not to (the malformed-JSON steps send one).
  if (body !== undefined && (method === 'GET' || method === 'HEAD')) behavior.disableBodyPruning = true;
  if (Object.keys(behavior).length > 0) item.protocolProfileBehavior = behavior;
  return item;
}

function stepUrl(step: ScenarioStep, base: PostmanUrl | undefined): PostmanUrl {
  const segments = step.rawPath !== undefined || base === undefined ? (step.rawPath ?? '/').split('/').filter((s) => s !== '') : base.path;
  const query = Object.entries(step.query).map(([key, value]) => ({ key, value }));
  const encoded = query.map((q) => `${q.key}=${q.value}`);
  const host = step.rawPath === undefined ? (base?.host[0] ?? '{{baseUrl}}') : '{{baseUrl}}';
  const url: PostmanUrl = {
    raw: `${host}/${segments.join('/')}${step.rawPath?.endsWith('/') === true ? '/' : ''}${encoded.length > 0 ? `?${encoded.join('&')}` : ''}`,
    host: [host],
    path: step.rawPath?.endsWith('/') === true ? [...segments, ''] : segments,
  };
  if (query.length > 0) url.query = query;
  const variables = Object.entries(step.path).map(([key, value]) => ({ key, value }));
  if (step.rawPath === undefined && variables.length > 0) url.variable = variables;
  return url;
}

function stepBody(step: ScenarioStep): { contentType: string; body: PostmanBody } | undefined {
  const body = step.body;
  if (body === undefined) return undefined;
  if (body.mode === 'json') {
    return { contentType: 'application/json', body: { mode: 'raw', raw: JSON.stringify(body.value), options: { raw: { language: 'json' } } } };
  }
  if (body.mode === 'form') {
    return {
      contentType: 'application/x-www-form-urlencoded',
      body: { mode: 'urlencoded', urlencoded: Object.entries(body.fields).map(([key, value]) => ({ key, value, type: 'text' as const })) },
    };
  }
  return { contentType: body.contentType, body: { mode: 'raw', raw: body.text } };
}

function describeStep(step: ScenarioStep, base: PostmanRequest | undefined, file: string): string {
  const statuses = step.expect.status.join(' or ');
  const parts = [`Scenario step (\`${file}\` ${step.pointer}): expects **${statuses}**.`];
  if (step.requires.length > 0) parts.push(`Skipped unless ${step.requires.map((v) => `\`{{${v}}}\``).join(', ')} ${step.requires.length > 1 ? 'are' : 'is'} set.`);
  if (step.halt) parts.push('**Stops the run** when one of its expectations fails.');
  if (step.operation === undefined) parts.push('Not an operation of the spec (a route or method the API does not have).');
  if (base?.description !== undefined) parts.push(base.description);
  return parts.join('\n\n');
}
