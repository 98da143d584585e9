import { webcrypto } from 'node:crypto';
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
  /** verified token strings, oldest first; `used` is set on every hit (second-chance LRU) */
  private readonly verified = new Map<string, { used: boolean }>();
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
   * Verify the signature of `header.payload` with the key the token's own `alg` selects.
   * Resolves synchronously-fast (no crypto) when this exact string was verified before.
   */
  async verify(parts: readonly [string, string, string], alg: string): Promise<boolean> {
    const cacheKey = `${alg}\u0000${parts[0]}.${parts[1]}.${parts[2]}`;
    const hit = this.verified.get(cacheKey);
    if (hit !== undefined) {
      hit.used = true;
      return true;
    }
    try {
      const key = await this.keyFor(alg);
      if (!key) return false;
      const signature = lenientBase64UrlDecode(parts[2]).toString('base64url');
      await flattenedVerify({ protected: parts[0], payload: parts[1], signature }, key, { algorithms: [alg] });
    } catch {
      return false;
    }
    this.remember(cacheKey);
    return true;
  }

  /**
   * Add a verified string; when full, drop the least recently used one: walk from the oldest entry,
   * giving each entry used since its last pass a second chance (moved to the newest end, flag cleared).
   */
  private remember(cacheKey: string): void {
    if (this.capacity === 0) return;
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
    this.verified.set(cacheKey, { used: false });
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
