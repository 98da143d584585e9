/**
 * Which AAM release a site runs, read from WordPress' plugin list (`GET /wp/v2/plugins`) with the caller's
 * authentication. WordPress lists plugins only to users who may activate them (administrators), so for other
 * callers the version stays unknown and the generation (detect-generation.ts) is all the runner knows.
 * (AAM's readme.txt is no source: 6.9.51 ships with "Stable tag: 6.9.49".) Read-only, one request, never fatal.
 */
import { isObject } from '../generators/lib/type-checks.js';
import { describe } from './site-api/answers.js';
import type { SiteHttp } from './site-api/http.js';

export type PluginVersion = { readonly known: true; readonly version: string } | { readonly known: false; readonly why: string };

const AAM_PLUGIN = /^advanced-access-manager\//;

/** Picks AAM's entry of a `/wp/v2/plugins` answer body (pure). */
export function aamPluginVersion(body: unknown): string | undefined {
  if (!Array.isArray(body)) return undefined;
  const entry = body.find((item) => isObject(item) && typeof item.plugin === 'string' && AAM_PLUGIN.test(item.plugin));
  return isObject(entry) && typeof entry.version === 'string' && entry.version !== '' ? entry.version : undefined;
}

export async function readPluginVersion(http: SiteHttp, headers: Readonly<Record<string, string>>): Promise<PluginVersion> {
  try {
    const answer = await http.rest('GET', '/wp/v2/plugins', { headers, query: { search: 'advanced-access-manager', _fields: 'plugin,version' } });
    const version = answer.status === 200 ? aamPluginVersion(answer.json) : undefined;
    if (version !== undefined) return { known: true, version };
    return { known: false, why: `/wp/v2/plugins answered ${describe(answer)}${answer.status === 200 ? ' without AAM' : ''}` };
  } catch (err) {
    return { known: false, why: `/wp/v2/plugins: ${(err as Error).message}` };
  }
}
