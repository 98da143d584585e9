import { createPrivateKey, createPublicKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

/** Algorithms AAM 6.9.32 lists (JM 66–76); the mock can issue with HS* and RS*. */
export const AAM_ALGORITHMS = ['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'EdDSA'] as const;
export const SIGNING_ALGORITHMS = ['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512'] as const;
export type SigningAlgorithm = (typeof SIGNING_ALGORITHMS)[number];

export class KeyConfigError extends Error {
  readonly code = 'ERR_MOCK_KEYS';
}

/** Keys in use: the HMAC secret always exists (AAM keeps it for HS* tokens even in RS* mode). */
export interface JwtKeys {
  algorithm: SigningAlgorithm;
  secret: Uint8Array;
  privateKey: KeyObject | null;
  publicKey: KeyObject | null;
}

export function createKeys(algorithm: SigningAlgorithm, secret: string, privateKeyPem?: string, publicKeyPem?: string): JwtKeys {
  if (!SIGNING_ALGORITHMS.includes(algorithm)) throw new KeyConfigError(`unsupported algorithm ${String(algorithm)}`);
  if (secret === '') throw new KeyConfigError('the signing secret cannot be empty');
  let privateKey: KeyObject | null = null;
  let publicKey: KeyObject | null = null;
  try {
    if (privateKeyPem) privateKey = createPrivateKey(privateKeyPem);
    if (publicKeyPem) publicKey = createPublicKey(publicKeyPem);
    else if (privateKey) publicKey = createPublicKey(privateKey);
  } catch (err) {
    throw new KeyConfigError(`cannot read RSA key: ${(err as Error).message}`);
  }
  if (algorithm.startsWith('RS') && !privateKey) throw new KeyConfigError(`${algorithm} needs a private key (PEM)`);
  return { algorithm, secret: new TextEncoder().encode(secret), privateKey, publicKey };
}
