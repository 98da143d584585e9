/**
 * Operation Object (OAS §4.8.10) → one Postman request item with its URL, parameters, body,
 * auth, Markdown description, saved example responses and the contract pre-request line, plus the
 * Postman conveniences its `x-postman-*` extensions ask for (see conveniences.ts).
 * @see https://spec.openapis.org/oas/v3.1.0#operation-object
 */
import { contractPrerequestExec, type OperationContract } from '../contract.js';
import { SpecError } from '../errors.js';
import { displayPath, type LoadedSpec, type Location } from '../load-spec.js';
import { childPointer } from '../lib/json-pointer.js';
import { stableId } from '../lib/stable-id.js';
import { asString, type JsonObject } from '../lib/type-checks.js';
import { operationExtensions, variablesIn, type OperationExtensions } from '../postman-extensions.js';
import type { PostmanHeader, PostmanItem, PostmanRequest, PostmanUrl } from '../postman-v2.1.js';
import { requestVariables, transformConveniences, type LoginVariables, type OperationConveniences } from './conveniences.js';
import { mergeParameters, parametersAt, transformParameters } from './parameter-object.js';
import { isJsonMediaType, transformRequestBody } from './request-body-object.js';
import { transformResponses, type DocumentedResponse } from './responses-object.js';
import type { SchemaRegistry } from './schema-object.js';
import { requestBehavior } from './request-behavior.js';
import { operationAuth } from './security-requirement.js';
import { requestBase } from './server-object.js';

export interface OperationInput {
  operationId: string;
  method: string;
  path: string;
  operation: JsonObject;
  pathItem: JsonObject;
  at: Location;
  pathAt: Location;
  /** the document authenticates with cookies: requests never use Postman's cookie jar */
  cookieAuth: boolean;
}

/** `/users/{id}/x` → path segments `['users', ':id', 'x']`. */
export function postmanPath(path: string): string[] {
  return path.split('/').filter((s) => s !== '').map((segment) => segment.replace(/\{([^}]+)\}/g, ':$1'));
}

/** One operation's request item and what the collection needs to know about it. */
export interface TransformedOperation {
  item: PostmanItem;
  /** variables it needs (name → default): its servers' and its own auth's (api_key, username/password) */
  variables: Map<string, string>;
  contract: OperationContract;
  extensions: OperationExtensions;
  conveniences: OperationConveniences;
  /** every `{{variable}}` the request sends */
  uses: string[];
  /** the request's description without the conveniences' notes (what scenario steps built from it show) */
  baseDescription: string;
}

export function transformOperation(spec: LoadedSpec, registry: SchemaRegistry, input: OperationInput, loginNames: LoginVariables): TransformedOperation {
  const { operation, operationId } = input;
  const extensions = operationExtensions(operation, input.at);
  if (extensions.body !== undefined && operation.requestBody === undefined) {
    throw new SpecError('ERR_SPEC_INVALID', displayPath(input.at.file), childPointer(input.at.pointer, 'x-postman-body'), 'the operation has no requestBody to send it as');
  }
  const params = transformParameters(spec, mergeParameters(spec, parametersAt(input.pathItem, input.pathAt), parametersAt(operation, input.at)));
  const requestBody = transformRequestBody(spec, operation.requestBody, { file: input.at.file, pointer: childPointer(input.at.pointer, 'requestBody') }, extensions.body);
  const responses = transformResponses(spec, registry, operation.responses, { file: input.at.file, pointer: childPointer(input.at.pointer, 'responses') });
  const auth = operationAuth(spec.doc, operation);

  const header: PostmanHeader[] = [];
  const accept = acceptHeader(responses);
  if (accept !== undefined) header.push({ key: 'Accept', value: accept });
  if (requestBody !== undefined) header.push({ key: 'Content-Type', value: requestBody.contentType });
  header.push(...params.header, ...(auth.kind === 'auth' ? auth.headers ?? [] : []));

  const base = requestBase(input.pathItem, operation);
  const segments = postmanPath(input.path);
  const enabledQuery = params.query.filter((q) => q.disabled !== true).map((q) => `${q.key}=${q.value}`);
  const url: PostmanUrl = {
    raw: `${base.base}/${segments.join('/')}${enabledQuery.length > 0 ? `?${enabledQuery.join('&')}` : ''}`,
    host: [base.base],
    path: segments,
  };
  if (params.query.length > 0) url.query = params.query;
  if (params.path.length > 0) url.variable = params.path;

  const request: PostmanRequest = { method: input.method.toUpperCase(), header, url };
  if (requestBody !== undefined) request.body = requestBody.body;
  if (auth.kind === 'auth') request.auth = auth.auth;
  if (extensions.login?.body !== undefined && !(request.body?.mode === 'raw' && request.body.options?.raw.language === 'json')) {
    throw new SpecError('ERR_SPEC_INVALID', displayPath(input.at.file), childPointer(childPointer(input.at.pointer, 'x-postman-login'), 'body'), 'the automatic login sends it as JSON: the request needs a JSON body');
  }
  const conveniences = transformConveniences(operationId, extensions, request, loginNames, input.cookieAuth);
  const baseDescription = describeOperation(input, responses, auth.alternatives, requestBody?.description);
  const description = [baseDescription, ...conveniences.notes].filter((p) => p !== '').join('\n\n');
  const withDescription: PostmanRequest = { ...request, ...(description === '' ? {} : { description }) };

  const contract: OperationContract = { operationId, statuses: Object.fromEntries(responses.map((r) => [r.status, r.contract])) };
  const item: PostmanItem = {
    id: stableId('item', operationId),
    name: operationName(input),
    request: withDescription,
    response: responses.flatMap((r) =>
      r.example === undefined
        ? []
        : [{
            id: stableId('response', operationId, r.status),
            name: `${r.status} ${r.description.trim().split('\n')[0] || r.example.statusText}`.trim(),
            originalRequest: request,
            status: r.example.statusText,
            code: r.example.code,
            _postman_previewlanguage: r.example.contentType !== undefined && isJsonMediaType(r.example.contentType) ? 'json' as const : 'text' as const,
            header: r.example.header,
            body: r.example.body,
          }],
    ),
    event: [
      { listen: 'prerequest', script: { type: 'text/javascript', exec: contractPrerequestExec(contract) } },
      ...(conveniences.event === undefined ? [] : [conveniences.event]),
    ],
  };
  const behavior = requestBehavior(input.cookieAuth, responses.map((r) => r.status));
  if (behavior !== undefined) item.protocolProfileBehavior = behavior;
  const variables = new Map(base.variables);
  for (const name of auth.kind === 'auth' ? auth.variables : []) if (!variables.has(name)) variables.set(name, '');
  return { item, variables, contract, extensions, conveniences, uses: [...new Set([...requestVariables(request), ...variablesIn(extensions.login?.body?.value ?? null)])], baseDescription };
}

function operationName(input: OperationInput): string {
  const summary = asString(input.operation.summary)?.trim();
  const base = summary !== undefined && summary !== '' ? summary : input.operationId;
  return input.operation.deprecated === true && !/deprecated/i.test(base) ? `${base} (deprecated)` : base;
}

function acceptHeader(responses: DocumentedResponse[]): string | undefined {
  const types = responses.filter((r) => r.status.startsWith('2')).flatMap((r) => r.contract.contentTypes);
  return types.find(isJsonMediaType) ?? types[0];
}

/** Markdown: description (or summary), deprecation, auth, body and the documented responses. */
function describeOperation(input: OperationInput, responses: DocumentedResponse[], alternatives: string[][], bodyDescription: string | undefined): string {
  const { operation } = input;
  const parts: string[] = [];
  const text = asString(operation.description)?.trim() || asString(operation.summary)?.trim();
  if (text) parts.push(text);
  if (operation.deprecated === true) parts.push('> **Deprecated.**');
  parts.push(`\`${input.method.toUpperCase()} ${input.path}\` · operationId \`${input.operationId}\``);
  const ways = alternatives.map((names) => names.map((s) => `\`${s}\``).join(alternatives.length > 1 ? ' + ' : ', '));
  parts.push(ways.length > 0 ? `**Auth:** ${ways.join(', or ')}` : '**Auth:** none (public)');
  if (bodyDescription !== undefined && bodyDescription.trim() !== '') parts.push(`**Body:** ${bodyDescription.trim()}`);
  if (responses.length > 0) {
    parts.push(['**Responses**', '', ...responses.map((r) => `- \`${r.status}\` ${r.description.trim().split('\n')[0] ?? ''}`.trimEnd())].join('\n'));
  }
  return parts.join('\n\n');
}
