/**
 * The shared core over the per-generation adapters: sends an adapter's requests with the caller's
 * authentication and turns the answers into outcomes. Never throws for a bad answer or a lost connection:
 * the clean-up must go on past a failure and report it.
 */
import type { ApiRequest, GenerationAdapter, RegistryEntry, RevokeOutcome } from './adapter.js';
import { describe } from './answers.js';
import type { HttpAnswer, SiteHttp } from './http.js';

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

export interface SiteApi {
  readonly adapter: GenerationAdapter;
  list(userId: string): Promise<Result<RegistryEntry[]>>;
  remove(userId: string, id: string): Promise<Result<'removed' | 'gone'>>;
  reset(userId: string): Promise<Result<true>>;
  revoke(token: string): Promise<Result<RevokeOutcome>>;
  validate(token: string): Promise<Result<boolean | undefined>>;
}

export function createSiteApi(http: SiteHttp, adapter: GenerationAdapter, headers: Readonly<Record<string, string>>): SiteApi {
  const send = async (request: ApiRequest, auth: boolean): Promise<Result<HttpAnswer>> => {
    try {
      const answer = await http.rest(request.method, request.route, {
        ...(request.query === undefined ? {} : { query: request.query }),
        ...(request.json === undefined ? {} : { json: request.json }),
        headers: auth ? headers : {},
      });
      return { ok: true, value: answer };
    } catch (err) {
      return { ok: false, reason: (err as Error).message };
    }
  };
  const name = (request: ApiRequest): string => `${request.method} ${request.route}`;
  return {
    adapter,
    async list(userId) {
      const request = adapter.list(userId);
      const sent = await send(request, true);
      if (!sent.ok) return sent;
      const entries = adapter.parseList(sent.value);
      return entries === undefined ? { ok: false, reason: `${name(request)} answered ${describe(sent.value)}` } : { ok: true, value: entries };
    },
    async remove(userId, id) {
      const request = adapter.remove(userId, id);
      const sent = await send(request, true);
      if (!sent.ok) return sent;
      if (sent.value.status === 200) return { ok: true, value: 'removed' };
      if (sent.value.status === 404) return { ok: true, value: 'gone' };
      return { ok: false, reason: `${name(request)} answered ${describe(sent.value)}` };
    },
    async reset(userId) {
      const request = adapter.reset(userId);
      const sent = await send(request, true);
      if (!sent.ok) return sent;
      return adapter.resetDone(sent.value) ? { ok: true, value: true } : { ok: false, reason: `${name(request)} answered ${describe(sent.value)}` };
    },
    async revoke(token) {
      const request = adapter.revoke(token);
      const sent = await send(request, false);
      if (!sent.ok) return sent;
      const outcome = adapter.classifyRevoke(sent.value);
      return outcome === 'failed' ? { ok: false, reason: `${name(request)} answered ${describe(sent.value)}` } : { ok: true, value: outcome };
    },
    async validate(token) {
      const request = adapter.validate(token);
      const sent = await send(request, false);
      if (!sent.ok) return sent;
      return { ok: true, value: adapter.isValid(sent.value) };
    },
  };
}
