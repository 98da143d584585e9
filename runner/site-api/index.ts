/** The generations the runner recognises on a site, newest first (detection tries them in this order). */
import type { GenerationAdapter } from './adapter.js';
import { AAM_6932 } from './aam-6.9.32.js';
import { AAM_6951 } from './aam-6.9.51.js';
import { AAM_7X } from './aam-7.x.js';

export const ADAPTERS: readonly GenerationAdapter[] = [AAM_7X, AAM_6951, AAM_6932];

export function adapterFor(version: string): GenerationAdapter | undefined {
  return ADAPTERS.find((adapter) => adapter.version === version);
}

export type { ApiRequest, GenerationAdapter, KnownVersion, RegistryEntry, RevokeOutcome } from './adapter.js';
