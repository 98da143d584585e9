import { phpEmpty, phpNumeric, phpTruthy } from '../../php/values.js';
import type { PhpMap, PhpValue } from '../../php/values.js';
import { PhpTypeError } from '../../php/errors.js';
import type { AamContext } from '../../aam/context.js';
import { escJs, PhpException } from './exceptions.js';
import { isNumeric, JwtUtility, phpStringOf } from './jwt-utility.js';
import type { IssuedJwt } from './jwt-utility.js';
import { addToRegistry, deleteRegistry, getRegistry, isRegistered, removeFromRegistry, tokenOf } from './registry.js';
import type { RegistryEntry } from './registry.js';

/** `_prepare_token()`: a registry token with its claims and validity (signature and time only). */
export interface TokenData {
  readonly token: string;
  /** the decoded payload, or the decoding error */
  readonly claims: PhpMap | string;
  readonly is_valid: boolean;
  readonly description?: string;
  readonly error?: string;
}

/** What `issue()` returns: the new token and its claims, `is_valid` hard-coded to `true`. */
export interface IssuedTokenData extends IssuedJwt {
  readonly is_valid: true;
}

/** The settings of `issue()`; a key that is present (even as `null`) replaces the default. */
export interface IssueSettings {
  ttl?: PhpValue;
  revocable?: PhpValue;
  refreshable?: PhpValue;
  description?: PhpValue;
}

/** `AAM_Framework_Service_Jwts` for one user, with `error_handling: exception` (failures throw). */
export class JwtsService {
  private readonly ctx: AamContext;
  private readonly userId: number;
  private readonly jwt: JwtUtility;

  constructor(ctx: AamContext, userId: number) {
    this.ctx = ctx;
    this.userId = userId;
    this.jwt = new JwtUtility(ctx);
  }

  async getTokens(): Promise<TokenData[]> {
    const out: TokenData[] = [];
    for (const entry of getRegistry(this.ctx, this.userId)) out.push(await this.prepareToken(entry));
    return out;
  }

  /** `get_token_by($search, 'jti')`: the first registry token whose claim equals `search` (strictly). */
  async getTokenBy(search: PhpValue | undefined, claim: string): Promise<TokenData> {
    for (const entry of getRegistry(this.ctx, this.userId)) {
      const decoded = this.jwt.decode(tokenOf(entry));
      // array_key_exists() on the WP_Error of an undecodable token is a TypeError
      if (!decoded.ok) throw new PhpTypeError('array_key_exists(): Argument #2 ($array) must be of type array, WP_Error given');
      if (decoded.claims.has(claim) && decoded.claims.get(claim) === search) return this.prepareToken(entry);
    }
    throw new PhpException('OutOfRangeException', 'Token does not exist');
  }

  /** `issue()`: check the settings, sign, register revocable tokens (with their trimmed description). */
  issue(claims: PhpMap, settings: IssueSettings): IssuedTokenData {
    const ttl = 'ttl' in settings ? settings.ttl ?? null : this.configTtl();
    const revocable = 'revocable' in settings ? settings.revocable ?? null : true;
    const refreshable = 'refreshable' in settings ? settings.refreshable ?? null : false;
    let relative: PhpValue;
    // AAM reads the *setting* here, so a numeric site default becomes "+ seconds"
    if (isNumeric(ttl)) relative = `+${phpStringOf(settings.ttl)} seconds`;
    else if (typeof ttl === 'string') relative = ttl;
    else throw new PhpException('InvalidArgumentException', 'Invalid token ttl');
    if (typeof revocable !== 'boolean') throw new PhpException('InvalidArgumentException', 'Invalid revocable indicator');
    if (typeof refreshable !== 'boolean') throw new PhpException('InvalidArgumentException', 'Invalid refreshable indicator');
    const merged = new Map(claims);
    merged.set('revocable', revocable);
    merged.set('refreshable', refreshable);
    const issued = this.jwt.issue(this.userId, merged, relative);
    const raw = settings.description;
    const description = typeof raw === 'string' ? raw.trim() : null;
    if (revocable) addToRegistry(this.ctx, this.userId, issued.token, phpEmpty(description) ? null : description);
    return { ...issued, is_valid: true };
  }

  revoke(token: string): true {
    return removeFromRegistry(this.ctx, this.userId, token);
  }

  /** `refresh()`: same `jti` and lifetime, a `rat` claim; a revocable token is replaced in the registry. */
  async refresh(token: string): Promise<IssuedJwt> {
    await this.validate(token);
    const decoded = this.jwt.decode(token);
    const claims = new Map(decoded.ok ? decoded.claims : []);
    if (!phpTruthy(claims.get('refreshable'))) throw new PhpException('LogicException', 'The given token is not refreshable');
    const ttl = (phpNumeric(claims.get('exp') ?? 0) ?? 0) - (phpNumeric(claims.get('iat') ?? 0) ?? 0);
    claims.set('rat', this.ctx.jwt.nowSeconds());
    const issued = this.jwt.issue(claims.get('user_id') ?? null, claims, ttl);
    if (phpTruthy(claims.get('revocable'))) {
      removeFromRegistry(this.ctx, this.userId, token);
      addToRegistry(this.ctx, this.userId, issued.token);
    }
    return issued;
  }

  /** `_validate()`: signature and time, then registry membership for revocable tokens (RuntimeExceptions). */
  async validate(token: string): Promise<true> {
    const valid = await this.jwt.validate(token);
    if (valid !== true) throw new PhpException('RuntimeException', escJs(valid));
    const decoded = this.jwt.decode(token);
    if (decoded.ok && phpTruthy(decoded.claims.get('revocable')) && !isRegistered(this.ctx, this.userId, token)) {
      throw new PhpException('RuntimeException', 'Unregistered token');
    }
    return true;
  }

  /** `reset()`: delete the registry row (false when there was none). */
  reset(): boolean {
    return deleteRegistry(this.ctx, this.userId);
  }

  /** `service.jwt.expires_in` (the site's token lifetime, default `+24 hours`). */
  private configTtl(): PhpValue {
    return this.ctx.jwt.ttl;
  }

  private async prepareToken(entry: RegistryEntry): Promise<TokenData> {
    const token = tokenOf(entry);
    const valid = await this.jwt.validate(token);
    const decoded = this.jwt.decode(token);
    const description = typeof entry === 'string' ? undefined : entry.description;
    return {
      token,
      claims: decoded.ok ? decoded.claims : decoded.error,
      is_valid: valid === true,
      ...(description !== undefined && !phpEmpty(description) ? { description } : {}),
      ...(valid === true ? {} : { error: valid }),
    };
  }
}
