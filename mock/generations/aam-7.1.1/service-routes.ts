import { phpJsonDecode } from '../../php/json-decode.js';
import { PhpTypeError } from '../../php/errors.js';
import { phpEmpty, toPhpArray } from '../../php/values.js';
import type { PhpMap, PhpValue } from '../../php/values.js';
import type { RestRequest } from '../../wp-rest/request.js';
import type { RouteRegistry } from '../../wp-rest/routes.js';
import { CREATABLE, DELETABLE, EDITABLE, READABLE } from '../../wp-rest/types.js';
import type { ArgSpec, RestHandler, RestResult } from '../../wp-rest/types.js';
import type { AamContext } from '../../aam/context.js';
import { accessLevelArgs, FIELDS_ARG, validateExpiresIn } from './args.js';
import { PhpException, restful } from './exceptions.js';
import { JwtsService } from './jwts-service.js';
import type { TokenData } from './jwts-service.js';
import { canManageJwts, resolveUser } from './users.js';

const ID_ARG: ArgSpec = { description: 'Token unique ID', type: 'string', format: 'uuid', required: true };

/** `_get_service()`: the JWT service of the user named by `user_id` (which AAM 7 requires). */
function serviceOf(ctx: AamContext, req: RestRequest): JwtsService {
  return new JwtsService(ctx, resolveUser(ctx, req.getParam('user_id')).id);
}

/** `wp_parse_list()` */
function parseList(value: PhpValue | undefined): string[] {
  return typeof value === 'string' ? value.split(/[\s,]+/).filter((item) => item !== '') : [];
}

/**
 * `_prepare_token_output()`: `id`, `token`, `is_valid` (and `description` when stored); a valid token then
 * gets the requested fields the token data has (`claims`, …) and `signed_url`; an invalid one only `error`.
 */
function tokenOutput(ctx: AamContext, data: Partial<TokenData> & { token: string; claims: PhpMap | string; is_valid: boolean }, fields: PhpValue | undefined): PhpMap {
  const claims = data.claims;
  const out = new Map<string, PhpValue>([
    ['id', typeof claims === 'string' ? null : claims.get('jti') ?? null],
    ['token', data.token],
    ['is_valid', data.is_valid],
  ]);
  if (data.description !== undefined) out.set('description', data.description);
  if (!data.is_valid) {
    out.set('error', data.error ?? null);
    return out;
  }
  const available = new Map<string, PhpValue>(Object.entries(data as Record<string, PhpValue | undefined>).filter((e): e is [string, PhpValue] => e[1] !== undefined));
  for (const field of phpEmpty(fields) ? [] : parseList(fields)) {
    if (field === 'signed_url') out.set(field, `${ctx.siteUrl}?aam-jwt=${data.token}`);
    else if (available.has(field)) out.set(field, available.get(field) as PhpValue);
  }
  return out;
}

/** `additional_claims`: an object, or a JSON string (anything else than an array after decoding is fatal). */
function additionalClaims(req: RestRequest): PhpMap {
  const raw = req.getParam('additional_claims') ?? [];
  if (typeof raw === 'string') {
    const decoded = phpJsonDecode(raw, { assoc: true });
    const value = decoded.ok ? decoded.value : null;
    if (!(value instanceof Map) && !Array.isArray(value)) {
      throw new PhpTypeError('AAM_Framework_Service_Jwts::issue(): Argument #1 ($claims) must be of type array');
    }
    return toPhpArray(value);
  }
  if (raw instanceof Map || Array.isArray(raw)) return toPhpArray(raw);
  throw new PhpException('InvalidArgumentException', 'Invalid additional claims');
}

async function list(ctx: AamContext, req: RestRequest): Promise<PhpValue> {
  const service = serviceOf(ctx, req);
  return (await service.getTokens()).map((data) => tokenOutput(ctx, data, req.getParam('fields')));
}

function create(ctx: AamContext, req: RestRequest): PhpValue {
  const service = serviceOf(ctx, req);
  const claims = additionalClaims(req);
  const expiresAt = req.getParam('expires_at');
  const expiresIn = req.getParam('expires_in');
  const ttl = !phpEmpty(expiresAt) ? (expiresAt ?? null) : !phpEmpty(expiresIn) ? (expiresIn ?? null) : null;
  const issued = service.issue(claims, {
    ttl,
    revocable: req.getParam('is_revocable') ?? null,
    refreshable: req.getParam('is_refreshable') ?? null,
    description: req.getParam('description') ?? null,
  });
  return tokenOutput(ctx, issued, req.getParam('fields'));
}

async function getOne(ctx: AamContext, req: RestRequest): Promise<PhpValue> {
  const service = serviceOf(ctx, req);
  return tokenOutput(ctx, await service.getTokenBy(req.getParam('id'), 'jti'), req.getParam('fields'));
}

async function refreshOne(ctx: AamContext, req: RestRequest): Promise<PhpValue> {
  const service = serviceOf(ctx, req);
  const data = await service.getTokenBy(req.getParam('id'), 'jti');
  if (!data.is_valid) throw new PhpException('OutOfRangeException', 'Token is invalid or does not exist');
  const issued = await service.refresh(data.token);
  return new Map<string, PhpValue>([['token', issued.token], ['claims', issued.claims]]);
}

async function deleteOne(ctx: AamContext, req: RestRequest): Promise<PhpValue> {
  const service = serviceOf(ctx, req);
  const data = await service.getTokenBy(req.getParam('id'), 'jti');
  return { success: service.revoke(data.token) };
}

function reset(ctx: AamContext, req: RestRequest): PhpValue {
  return { success: serviceOf(ctx, req).reset() };
}

/**
 * `AAM_Restful_Jwt`: `/aam/v2/jwts` (GET list, POST create, DELETE reset) and `/aam/v2/jwt/{id}` (GET, DELETE,
 * POST/PUT/PATCH refresh), registered in AAM's order. Every handler also gets `access_level` and `user_id`.
 */
export function registerServiceRoutes(registry: RouteRegistry, ctx: AamContext): void {
  const common = accessLevelArgs(ctx);
  const permission = (req: RestRequest): boolean => canManageJwts(ctx, req.currentUserId);
  const handler = (methods: readonly string[], body: (c: AamContext, r: RestRequest) => PhpValue | Promise<PhpValue>, args: Record<string, ArgSpec> = {}): RestHandler => ({
    methods,
    permission,
    args: { ...common, ...args },
    callback: (req): Promise<RestResult> => restful(ctx.wpDebug, () => body(ctx, req)),
  });
  registry.register('aam/v2', '/jwts', handler(READABLE, list, { fields: FIELDS_ARG }));
  registry.register('aam/v2', '/jwts', handler(CREATABLE, create, {
    expires_at: { description: 'Well formatted date-time when the token expires', type: 'date-time' },
    expires_in: { description: 'Relative datetime format', type: 'string', validate: validateExpiresIn(ctx) },
    is_refreshable: { description: 'Wether issued JWT is refreshable', type: 'boolean', default: false },
    is_revocable: { description: 'Wether issued JWT is revocable', type: 'boolean', default: true },
    additional_claims: { description: 'Any additional claims to include in the token', type: ['string', 'object'], default: [] },
    description: { description: 'JWT token description', type: 'string', required: false },
    fields: FIELDS_ARG,
  }));
  registry.register('aam/v2', '/jwt/(?P<id>[\\w\\-]+)', handler(READABLE, getOne, { id: ID_ARG, fields: FIELDS_ARG }));
  registry.register('aam/v2', '/jwt/(?P<id>[\\w\\-]+)', handler(DELETABLE, deleteOne, { id: ID_ARG }));
  registry.register('aam/v2', '/jwt/(?P<id>[\\w\\-]+)', handler(EDITABLE, refreshOne, { id: ID_ARG }));
  registry.register('aam/v2', '/jwts', handler(DELETABLE, reset));
}
