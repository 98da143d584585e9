import { claimsOf, isRecord, parseJson, queryOf, requestParam, targetUserOf, type ProxiedRequest, type ProxiedResponse } from './exchange.js';

/** How a registry takes one more token: AAM drops the oldest when it holds `limit` (§3.5). */
export type AppendPolicy = (registry: readonly string[], token: string, limit: number) => string[];

export const AAM_APPEND: AppendPolicy = (registry, token, limit) => [...(registry.length >= limit ? registry.slice(1) : registry), token];

/** How a generation's answers tell the views what happened to a registry. */
export interface RegistryDialect {
  /** Statuses of a reset that leave the user without tokens (success, and "there was no registry"). */
  readonly resetStatuses: readonly number[];
  /** The token a successful delete removed. */
  readonly deletedToken: (req: ProxiedRequest, body: unknown, views: RegistryViews) => string | undefined;
}

/** AAM 6.9.11–6.9.32: a reset without a registry is a 500; DELETE answers the deleted token's model. */
export const DIALECT_6932: RegistryDialect = {
  resetStatuses: [200, 500],
  deletedToken: (_req, body) => (isRecord(body) && typeof body.token === 'string' ? body.token : undefined),
};

/**
 * Two views of every tracked user's registry, kept from the traffic: what the mock holds (AAM's policy)
 * and what a faulty site would hold (another policy). Users are tracked from the moment their registry
 * is seen empty (a reset), so login tokens of untracked users never confuse it.
 */
export class RegistryViews {
  readonly #limit: number;
  readonly #faulty: AppendPolicy;
  readonly #dialect: RegistryDialect;
  readonly #mock = new Map<number, string[]>();
  readonly #site = new Map<number, string[]>();

  constructor(faulty: AppendPolicy, limit = 10, dialect: RegistryDialect = DIALECT_6932) {
    this.#faulty = faulty;
    this.#dialect = dialect;
    this.#limit = limit;
  }

  /** Tokens the faulty site still holds but the mock dropped. */
  ghosts(user: number): string[] {
    const mock = this.#mock.get(user) ?? [];
    return (this.#site.get(user) ?? []).filter((token) => !mock.includes(token));
  }

  /** Tokens the mock holds but the faulty site dropped. */
  dropped(user: number): string[] {
    const site = this.#site.get(user) ?? [];
    return (this.#mock.get(user) ?? []).filter((token) => !site.includes(token));
  }

  /** The faulty site's registry of a tracked user, or undefined. */
  site(user: number): readonly string[] | undefined {
    return this.#site.get(user);
  }

  /** The user whose registry holds `token` in either view, or undefined. */
  ownerOf(token: string): number | undefined {
    for (const [user, site] of this.#site) if (site.includes(token) || (this.#mock.get(user) ?? []).includes(token)) return user;
    return undefined;
  }

  /** A token of `user` (in either view) whose `jti` is `id`, or undefined. */
  tokenWithId(user: number, id: string): string | undefined {
    return [...(this.#site.get(user) ?? []), ...(this.#mock.get(user) ?? [])].find((token) => claimsOf(token)?.jti === id);
  }

  /** Updates both views from one exchange that the mock answered. */
  observe(req: ProxiedRequest, res: ProxiedResponse, route: string | undefined): void {
    const body = parseJson(res.body);
    const user = targetUserOf(req);
    if (route === 'resetTokens' && this.#dialect.resetStatuses.includes(res.status) && user > 0) {
      this.#mock.set(user, []);
      this.#site.set(user, []);
    }
    if (res.status !== 200) return;
    if (route === 'createToken' && isRecord(body) && typeof body.token === 'string' && this.#site.has(user)) {
      this.#mock.set(user, AAM_APPEND(this.#mock.get(user) ?? [], body.token, this.#limit));
      this.#site.set(user, this.#faulty(this.#site.get(user) ?? [], body.token, this.#limit));
    }
    if ((route === 'deleteToken' || route === 'revokeToken') && isRecord(body)) {
      const token = route === 'deleteToken' ? this.#dialect.deletedToken(req, body, this) : requestParam(req, 'jwt');
      if (typeof token === 'string') this.#remove(token);
    }
    if ((route === 'refreshToken' || route === 'refreshTokenV1') && isRecord(body) && typeof body.token === 'string') {
      const old = requestParam(req, 'jwt');
      const owner = typeof old === 'string' ? this.ownerOf(old) : undefined;
      if (typeof old === 'string' && owner !== undefined) {
        this.#remove(old);
        this.#mock.get(owner)?.push(body.token);
        this.#site.get(owner)?.push(body.token);
      }
    }
  }

  /** Removes a token the faulty site deleted itself (a ghost deleted by id). */
  forget(token: string): void {
    this.#remove(token);
  }

  #remove(token: string): void {
    for (const view of [this.#mock, this.#site]) for (const [user, list] of view) view.set(user, list.filter((t) => t !== token));
  }
}

/** The service's token model of a valid token (§3.4), as the faulty site would build it. */
export function tokenModel(token: string): Record<string, unknown> {
  const claims = claimsOf(token) ?? {};
  const site = typeof claims.iss === 'string' ? claims.iss : '';
  return { id: claims.jti, is_valid: true, claims, signed_url: `${site}?aam-jwt=${token}`, token };
}

/** A list element for `token` with the requested `fields` (§2.2: `token` first, unknown fields null). */
export function listEntry(token: string, req: ProxiedRequest): Record<string, unknown> {
  const model = tokenModel(token);
  const entry: Record<string, unknown> = { token };
  for (const field of (queryOf(req.url).get('fields') ?? '').split(',')) entry[field] = field in model ? model[field] : null;
  return entry;
}
