import { randomUUID } from 'node:crypto';
import { strtotime } from '../php/strtotime.js';
import { PhpObject, arrayMerge, phpEmpty, phpNumeric } from '../php/values.js';
import type { PhpMap, PhpValue } from '../php/values.js';
import { AAM_ALGORITHMS } from './keys.js';
import type { JwtKeys } from './keys.js';
import { compareWithInt, isoDate } from './compare.js';
import { decodeSegment, signClaims } from './codec.js';
import { SignatureVerifier } from './verifier.js';

export interface JwtManagerOptions {
  keys: JwtKeys;
  siteUrl: string;
  /** `service.jwt.expires_in`: a PHP relative date string, or a number of seconds */
  ttl: string | number;
  /** epoch milliseconds */
  now: () => number;
  /** how many verified token strings to remember (default 1024; 0 = no cache) */
  signatureCacheSize?: number;
}

export interface IssuedToken {
  token: string;
  claims: PhpMap;
}

/** The outcome of AAM's validation steps 1–5 (§3.3); `claims` is set whenever the payload decoded. */
export type TokenCheck =
  | { valid: true; claims: PhpObject }
  | { valid: false; error: string; claims?: PhpObject };

/** `AAM_Core_Jwt_Manager`: claim assembly, signing and validation. */
export class JwtManager {
  private readonly options: JwtManagerOptions;
  /** jose signature checks for this key set, with its cache of verified token strings */
  readonly verifier: SignatureVerifier;

  constructor(options: JwtManagerOptions) {
    this.options = options;
    this.verifier = new SignatureVerifier(options.keys, options.signatureCacheSize);
  }

  /** `service.jwt.expires_in`: the site's token lifetime setting, as configured. */
  get ttl(): string | number {
    return this.options.ttl;
  }

  nowSeconds(): number {
    return Math.floor(this.options.now() / 1000);
  }

  /** Default `exp` from the TTL setting (a number, or a numeric string, means seconds). */
  defaultExpiration(now: number): number | false {
    const ttl = this.options.ttl;
    const seconds = typeof ttl === 'number' ? ttl : phpNumeric(ttl);
    if (seconds !== null) return now + Math.trunc(seconds);
    return strtotime(String(ttl), now);
  }

  /** Sign a complete claim set as it is (header `{"typ":"JWT","alg":…}`, payload with unescaped slashes). */
  sign(claims: PhpMap): string {
    return signClaims(claims, this.options.keys);
  }

  /** `encode()`: defaults `iat, iss, exp, jti` first, supplied claims override them in place. */
  issue(claims: PhpMap): IssuedToken {
    const now = this.nowSeconds();
    const defaults: PhpMap = new Map<string, PhpValue>([
      ['iat', now],
      ['iss', this.options.siteUrl],
      ['exp', this.defaultExpiration(now)],
      ['jti', randomUUID()],
    ]);
    const merged = arrayMerge(defaults, claims);
    return { token: signClaims(merged, this.options.keys), claims: merged };
  }

  /** `validate()`: AAM's checks in AAM's order with AAM's messages (no registry check). */
  async check(jwt: PhpValue | undefined): Promise<TokenCheck> {
    const parts = typeof jwt === 'string' ? jwt.split('.') : [''];
    if (parts.length !== 3) return { valid: false, error: 'Wrong number of segments' };
    const [h, p] = parts as [string, string, string];
    const header = decodeSegment(h);
    if (!header.ok) return { valid: false, error: header.message };
    const alg = header.value.props.get('alg');
    if (phpEmpty(alg)) return { valid: false, error: 'Empty algorithm' };
    if (typeof alg !== 'string' || !(AAM_ALGORITHMS as readonly string[]).includes(alg)) {
      return { valid: false, error: 'Algorithm not supported' };
    }
    if (alg === 'EdDSA') {
      return { valid: false, error: 'sodium_crypto_sign_verify_detached(): Argument #3 ($public_key) must be SODIUM_CRYPTO_SIGN_PUBLICKEYBYTES bytes long' };
    }
    if (!(await this.verifier.verify(jwt as string, alg))) return { valid: false, error: 'Invalid token signature' };
    const payload = decodeSegment(p);
    if (!payload.ok) return { valid: false, error: payload.message };
    const claims = payload.value;
    const now = this.nowSeconds();
    for (const name of ['nbf', 'iat'] as const) {
      const v = claims.props.get(name);
      if (v !== undefined && v !== null && compareWithInt(v, now) > 0) {
        return { valid: false, error: `Cannot handle token prior to ${isoDate(v)}`, claims };
      }
    }
    const exp = claims.props.get('exp');
    if (exp !== undefined && exp !== null && compareWithInt(exp, now) <= 0) {
      return { valid: false, error: 'Expired token', claims };
    }
    return { valid: true, claims };
  }
}
