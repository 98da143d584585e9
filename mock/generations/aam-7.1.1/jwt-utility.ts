import { randomUUID } from 'node:crypto';
import { lenientBase64UrlDecode } from '../../jwt/codec.js';
import { compareWithInt, isoDate } from '../../jwt/compare.js';
import { AAM_ALGORITHMS } from '../../jwt/keys.js';
import { phpJsonDecode } from '../../php/json-decode.js';
import { phpFloatToString } from '../../php/json-encode.js';
import { strtotime } from '../../php/strtotime.js';
import { PhpFloat, arrayMerge, phpEmpty, phpNumeric, toPhpArray } from '../../php/values.js';
import type { PhpMap, PhpValue } from '../../php/values.js';
import type { AamContext } from '../../aam/context.js';
import { PhpException } from './exceptions.js';

/** A token AAM 7 issued, with the claims it signed. */
export interface IssuedJwt {
  readonly token: string;
  readonly claims: PhpMap;
}

/** `decode()`: the claims (a PHP array), or the message of the failure. */
export type Decoded = { ok: true; claims: PhpMap } | { ok: false; error: string };

/** `is_numeric()` */
export function isNumeric(value: PhpValue | undefined): boolean {
  return typeof value === 'number' || typeof value === 'bigint' || value instanceof PhpFloat || (typeof value === 'string' && phpNumeric(value) !== null);
}

/** PHP's string conversion of a scalar (`"{$x}"`). */
export function phpStringOf(value: PhpValue | undefined): string {
  if (value === undefined || value === null || value === false) return '';
  if (value === true) return '1';
  if (value instanceof PhpFloat) return phpFloatToString(value.value);
  if (typeof value === 'object') return 'Array';
  return String(value);
}

/** `_decode_segment()`: three segments, base64url, `json_decode($x, true, 512, JSON_BIGINT_AS_STRING)`. */
function decodeSegment(token: string, segment: 0 | 1): PhpMap {
  const segments = token.split('.');
  if (segments.length !== 3) throw new PhpException('UnexpectedValueException', 'Wrong number of segments');
  const decoded = phpJsonDecode(lenientBase64UrlDecode(segments[segment] ?? ''), { assoc: true, bigintAsString: true });
  if (!decoded.ok) throw new PhpException('RuntimeException', `Failed to decode JSON: ${decoded.code}`);
  const value = decoded.value;
  if (!(value instanceof Map) && !Array.isArray(value)) throw new PhpException('UnexpectedValueException', 'Unexpected segment value');
  return toPhpArray(value);
}

/** The sodium message PHP gives when AAM checks an EdDSA token with the HMAC secret as the key. */
function sodiumMessage(token: string): string {
  const signature = lenientBase64UrlDecode(token.split('.')[2] ?? '');
  return signature.length !== 64
    ? 'sodium_crypto_sign_verify_detached(): Argument #1 ($signature) must be SODIUM_CRYPTO_SIGN_BYTES bytes long'
    : 'sodium_crypto_sign_verify_detached(): Argument #3 ($public_key) must be SODIUM_CRYPTO_SIGN_PUBLICKEYBYTES bytes long';
}

/** `AAM_Framework_Utility_Jwt` of AAM 7.1.1: issuing, validating and decoding tokens (zero leeway). */
export class JwtUtility {
  private readonly ctx: AamContext;

  constructor(ctx: AamContext) {
    this.ctx = ctx;
  }

  /**
   * `issue()`: `jti` first, then the given claims (a given `jti` replaces it in place), then
   * `iat, iss, exp, user_id` (replaced in place when given). The TTL is a PHP date string for
   * `new DateTime()`; a number means seconds; `null` means `+24 hours`.
   */
  issue(userId: PhpValue, claims: PhpMap, ttl: PhpValue): IssuedJwt {
    let relative: string;
    if (ttl === null) relative = '+24 hours';
    else if (isNumeric(ttl)) relative = `+${phpStringOf(ttl)} seconds`;
    else if (typeof ttl === 'string') relative = ttl;
    else throw new PhpException('InvalidArgumentException', 'Invalid token ttl');
    const now = this.ctx.jwt.nowSeconds();
    const exp = strtotime(relative, now);
    if (exp === false) {
      throw new PhpException('Exception', `Failed to parse time string (${relative}) at position 0 (${relative.charAt(0)}): The timezone could not be found in the database`);
    }
    const tail: PhpMap = new Map<string, PhpValue>([['iat', now], ['iss', this.ctx.siteUrl], ['exp', exp], ['user_id', userId]]);
    const merged = arrayMerge(arrayMerge(new Map([['jti', randomUUID()]]), claims), tail);
    return { token: this.ctx.jwt.sign(merged), claims: merged };
  }

  /** `validate()`: `true`, or the `WP_Error` message of the first failed check. */
  async validate(token: string): Promise<true | string> {
    try {
      const header = decodeSegment(token, 0);
      const alg = header.get('alg');
      if (phpEmpty(alg)) throw new PhpException('UnexpectedValueException', 'Empty algorithm');
      if (typeof alg !== 'string' || !(AAM_ALGORITHMS as readonly string[]).includes(alg)) {
        throw new PhpException('UnexpectedValueException', 'Algorithm not supported');
      }
      if (alg === 'EdDSA') throw new PhpException('Exception', sodiumMessage(token));
      if (!(await this.ctx.jwt.verifier.verify(token, alg))) throw new PhpException('RuntimeException', 'Invalid token signature');
      const claims = decodeSegment(token, 1);
      const now = this.ctx.jwt.nowSeconds();
      for (const name of ['nbf', 'iat']) {
        const value = claims.get(name);
        if (value !== undefined && value !== null && compareWithInt(value, now) > 0) {
          throw new PhpException('RuntimeException', `Cannot take token prior to ${isoDate(value)}`);
        }
      }
      const exp = claims.get('exp');
      if (exp !== undefined && exp !== null && compareWithInt(exp, now) <= 0) throw new PhpException('RuntimeException', 'Expired token');
      return true;
    } catch (err) {
      if (err instanceof PhpException) return err.message;
      throw err;
    }
  }

  /** `decode()`: the payload as a PHP array, without any check. */
  decode(token: string): Decoded {
    try {
      return { ok: true, claims: decodeSegment(token, 1) };
    } catch (err) {
      if (err instanceof PhpException) return { ok: false, error: err.message };
      throw err;
    }
  }
}
