import { createHmac, timingSafeEqual, verify as rsaVerify, webcrypto } from 'node:crypto';
import { flattenedVerify } from 'jose';
import { lenientBase64UrlDecode } from './codec.js';
import type { JwtKeys } from './keys.js';

/** How many verified token strings a verifier remembers (least recently used ones are dropped first). */
export const DEFAULT_SIGNATURE_CACHE_SIZE = 1024;

type VerifyKey = webcrypto.CryptoKey | JwtKeys['publicKey'];

/**
 * Signature checks for one key set, through jose.
 *
 * - The HMAC secret is imported into a WebCrypto key once per HS algorithm (jose would import the raw
 *   bytes again on every call); the RSA public key is a KeyObject, which jose converts once and caches.
 * - A token string whose signature jose accepted is remembered in a small LRU: the signature of a given
 *   `header.payload.signature` string under a given key never changes, so a second check of the same
 *   string skips the crypto. Only the signature is cached: the caller still decodes the payload and runs
 *   the time checks, the registry check and everything else on every request. Failures are not cached.
 *   The cache belongs to this verifier, hence to one key set: another key never hits it.
 */
export class SignatureVerifier {
  private readonly keys: JwtKeys;
  private readonly capacity: number;
  /** verified token strings, oldest first, with the `alg` they were verified for; `used` is set on every hit */
  private readonly verified = new Map<string, { alg: string; used: boolean }>();
  private readonly hmacKeys = new Map<string, Promise<webcrypto.CryptoKey>>();

  constructor(keys: JwtKeys, capacity = DEFAULT_SIGNATURE_CACHE_SIZE) {
    this.keys = keys;
    this.capacity = Math.max(0, Math.trunc(capacity));
  }

  /** Number of token strings currently remembered as verified (for tests). */
  get cacheSize(): number {
    return this.verified.size;
  }

  /**
   * Verify the signature of `header.payload` of a compact token with the key `alg` (the token's own)
   * selects. No crypto when this exact string was verified before for this `alg`.
   */
  async verify(token: string, alg: string): Promise<boolean> {
    const hit = this.verified.get(token);
    if (hit !== undefined && hit.alg === alg) {
      hit.used = true;
      return true;
    }
    const parts = token.split('.');
    if (parts.length !== 3) return false;
    const [protectedHeader, payload, signature] = parts as [string, string, string];
    try {
      // AAM ignores `crit` (jose, rightly, refuses names it does not know): such headers are checked like PHP does
      if (lenientBase64UrlDecode(protectedHeader).includes('"crit"')) {
        if (!this.verifyPlainly(`${protectedHeader}.${payload}`, lenientBase64UrlDecode(signature), alg)) return false;
      } else {
        const key = await this.keyFor(alg);
        if (!key) return false;
        const normalized = lenientBase64UrlDecode(signature).toString('base64url');
        await flattenedVerify({ protected: protectedHeader, payload, signature: normalized }, key, { algorithms: [alg] });
      }
    } catch {
      return false;
    }
    this.remember(token, alg);
    return true;
  }

  /**
   * Add a verified string; when full, drop the least recently used one (second chance: walking from
   * the oldest entry, one used since its last pass is moved to the newest end with its flag cleared).
   */
  private remember(token: string, alg: string): void {
    if (this.capacity === 0) return;
    this.verified.delete(token);
    while (this.verified.size >= this.capacity) {
      const oldest = this.verified.entries().next();
      if (oldest.done === true) break;
      const [key, entry] = oldest.value;
      this.verified.delete(key);
      if (entry.used) {
        entry.used = false;
        this.verified.set(key, entry);
      }
    }
    this.verified.set(token, { alg, used: false });
  }

  /** PHP's check: `hash_equals( hash_hmac( … ), $signature )` for HS*, `openssl_verify()` (PKCS#1 v1.5) for RS*. */
  private verifyPlainly(input: string, signature: Buffer, alg: string): boolean {
    const hash = `sha${alg.slice(2)}`;
    if (alg.startsWith('HS')) {
      const expected = createHmac(hash, this.keys.secret).update(input).digest();
      return expected.length === signature.length && timingSafeEqual(expected, signature);
    }
    if (alg.startsWith('RS') && this.keys.publicKey !== null) return rsaVerify(hash, Buffer.from(input), this.keys.publicKey, signature);
    return false;
  }

  private async keyFor(alg: string): Promise<VerifyKey | null> {
    if (alg.startsWith('RS')) return this.keys.publicKey;
    if (!alg.startsWith('HS')) return null;
    let key = this.hmacKeys.get(alg);
    if (key === undefined) {
      // exactly what jose imports for a raw HS* secret: HMAC with the algorithm's hash, verify only
      key = webcrypto.subtle.importKey('raw', this.keys.secret, { name: 'HMAC', hash: `SHA-${alg.slice(2)}` }, false, ['verify']);
      this.hmacKeys.set(alg, key);
    }
    return key;
  }
}
