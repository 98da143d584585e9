/**
 * One side of a comparison: a site, its users, its own named tokens, and the state handling that keeps
 * it comparable with the other side (setup, periodic resync, teardown that leaves the site as found).
 */
import { send } from './http.js';
import type { RawRequest } from './http.js';
import { TARGET_TOKEN_SETTINGS } from './profiles.js';
import type { GenerationProfile, HousekeepingRequest } from './profiles.js';
import { substitute } from './substitute.js';
import type { SideValues } from './substitute.js';
import type { Answer, Identity, Probe } from './types.js';

/** A user as compare knows it on one side. */
export interface SideUser {
  id: number;
  login: string;
  email: string;
  password: string;
}

export interface SideOptions {
  label: string;
  /** http://host:port of the site (its site URL) */
  origin: string;
  users: Readonly<Record<Identity, SideUser>>;
  profile: GenerationProfile;
  timeoutMs?: number;
}

export class SideSetupError extends Error {
  readonly code = 'ERR_COMPARE_SETUP';
}

const JWT = /eyJ[\w-]*\.eyJ[\w-]*\.[\w-]*/g;
const MISSING_TOKEN = 'missing.token.value';
const CRITICAL = 'There has been a critical error on this website.';
/** tokens issued to push a poisoned token out of a registry (AAM's default registry size) */
const REGISTRY_FLUSH = 10;

/** The payload of a JWT, or null. */
export function jwtPayload(token: string): Record<string, unknown> | null {
  try {
    const p: unknown = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
    return p !== null && typeof p === 'object' && !Array.isArray(p) ? (p as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export class Side {
  readonly label: string;
  readonly origin: string;
  readonly users: Readonly<Record<Identity, SideUser>>;
  private readonly profile: GenerationProfile;
  private readonly timeoutMs: number;
  /** name → token */
  private readonly tokens = new Map<string, string>();
  /** token → name, for normalization */
  private readonly tokenNames = new Map<string, string>();
  /** token id (jti) → token name */
  private readonly jtiNames = new Map<string, string>();
  private issued = 0;
  /** identity tokens obtained by logging in (revoked at teardown) */
  private readonly sessionTokens: string[] = [];
  /** requests sent, housekeeping included */
  sent = 0;

  constructor(options: SideOptions) {
    this.label = options.label;
    this.origin = options.origin.replace(/\/+$/, '');
    this.users = options.users;
    this.profile = options.profile;
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  values(): SideValues {
    const user = (id: string): SideUser => {
      const u = this.users[id as Identity];
      if (!u) throw new SideSetupError(`unknown identity ${id}`);
      return u;
    };
    return {
      token: (name) => this.tokens.get(name) ?? this.tokens.get('t-plain') ?? MISSING_TOKEN,
      jti: (name) => {
        const t = this.tokens.get(name) ?? this.tokens.get('t-plain');
        const jti = t ? jwtPayload(t)?.jti : undefined;
        return typeof jti === 'string' ? jti : '00000000-0000-4000-8000-000000000000';
      },
      user: (id) => user(id).id,
      login: (id) => user(id).login,
      email: (id) => user(id).email,
      password: (id) => user(id).password,
      siteUrl: this.origin,
    };
  }

  /** The name of a token (new ones are numbered in order of appearance, the same way on both sides). */
  tokenName(token: string): string {
    let name = this.tokenNames.get(token);
    if (name === undefined) {
      name = `new#${++this.issued}`;
      this.remember(name, token);
    }
    return name;
  }

  private remember(name: string, token: string): void {
    this.tokens.set(name, token);
    this.tokenNames.set(token, name);
    const uid = jwtPayload(token);
    if (typeof uid?.jti === 'string') this.jtiNames.set(uid.jti.toLowerCase(), name);
    const owner = uid ? (uid.userId ?? uid.user_id) : undefined;
    if (name.startsWith('new#') && Number(owner) === this.users.target.id) this.tokens.set('last', token);
  }

  /** The name of the token whose id is `jti`, if this side knows it. */
  jtiName(jti: string): string | undefined {
    return this.jtiNames.get(jti.toLowerCase());
  }

  /** Fill in a probe's placeholders for this side. */
  materialize(probe: Probe): RawRequest {
    const v = this.values();
    return {
      method: probe.method,
      target: substitute(probe.target, v),
      headers: probe.headers.map(([k, x]) => [k, substitute(x, v)]),
      body: probe.body === null ? null : Buffer.from(substitute(probe.body, v), 'latin1'),
    };
  }

  async sendProbe(probe: Probe): Promise<Answer> {
    this.sent++;
    return send(this.origin, this.materialize(probe), this.timeoutMs);
  }

  private async call(req: HousekeepingRequest, bearer: string | null): Promise<Answer> {
    const headers: [string, string][] = [];
    if (bearer) headers.push(['Authorization', `Bearer ${bearer}`]);
    let body: Buffer | null = null;
    if (req.body !== null) {
      headers.push(['Content-Type', 'application/json']);
      body = Buffer.from(JSON.stringify(req.body), 'utf8');
    }
    this.sent++;
    return send(this.origin, { method: req.method, target: req.target, headers, body }, this.timeoutMs);
  }

  private async login(identity: Identity): Promise<string> {
    const u = this.users[identity];
    const a = await this.call({ method: 'POST', target: '/wp-json/aam/v2/authenticate', body: { username: u.login, password: u.password, issueJWT: true } }, null);
    const token = a.status === 200 ? a.body.toString('utf8').match(JWT)?.[0] : undefined;
    if (!token) throw new SideSetupError(`${this.label}: cannot log ${identity} (${u.login}) in at ${this.origin}: ${a.error ?? `HTTP ${a.status}`}`);
    return token;
  }

  /** Log the identities in, then build the target's named tokens. */
  async setup(): Promise<void> {
    for (const id of ['admin', 'manager', 'subscriber'] as const) {
      const token = await this.login(id);
      this.sessionTokens.push(token);
      this.remember(id, token);
    }
    await this.resync();
  }

  /**
   * Reset the target's registry. A registry holding a token whose validation is a fatal error on the site
   * (AAM 6.9.x lists, and so validates, every token before a reset) cannot be reset: the token is pushed out by
   * issuing `REGISTRY_FLUSH` new tokens (the registry keeps the newest 10), then the reset is tried again.
   */
  private async resetTarget(admin: string | null): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const a = await this.call(this.profile.resetRegistry(this.users.target.id), admin);
      if (!a.body.toString('latin1').includes(CRITICAL)) return;
      for (let i = 0; i < REGISTRY_FLUSH; i++) await this.call(this.profile.createToken(this.users.target.id, { expires_in: '+1 hour' }), admin);
    }
    throw new SideSetupError(`${this.label}: the registry of ${this.users.target.login} at ${this.origin} cannot be reset`);
  }

  /** Reset the target's registry and rebuild its named tokens, so both sides restart from the same state. */
  async resync(): Promise<void> {
    const admin = this.tokens.get('admin') ?? null;
    await this.resetTarget(admin);
    this.tokens.delete('last');
    this.remember('target', await this.login('target'));
    for (const [name, settings] of TARGET_TOKEN_SETTINGS) {
      const a = await this.call(this.profile.createToken(this.users.target.id, settings), admin);
      const token = a.body.toString('utf8').match(JWT)?.[0];
      if (token) this.remember(name, token);
      else this.tokens.delete(name);
    }
  }

  /** Reset the target's registry and revoke the identities' login tokens. */
  async teardown(): Promise<void> {
    const admin = this.tokens.get('admin') ?? null;
    try {
      await this.resetTarget(admin);
    } finally {
      for (const token of this.sessionTokens.splice(0)) {
        await this.call({ method: 'POST', target: '/wp-json/aam/v2/jwt/revoke', body: { jwt: token } }, null);
      }
    }
  }
}
