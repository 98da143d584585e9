/**
 * Starts N mocks of this project (`mock/index.ts` startMock, port 0) in this one process, each answering
 * after a simulated network latency (startMock's `latency` option: latency ± jitter ms per request, its own
 * seed), and prints `{ urls: [...] }` as one JSON line on stdout; serves until killed. The runner under
 * measurement is another process, so the mocks' CPU and memory are not counted in its numbers.
 *
 * argv: COUNT LATENCY_MS JITTER_MS AAM_VERSION PASSWORD_FILE (the admin's password, one line: never in argv)
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface MockApi {
  startMock(options: Record<string, unknown>): Promise<{ url: string }>;
}
interface UsersApi {
  loadUsers(): Array<{ login: string; password: string }>;
}

const [count, latencyMs, jitterMs, aamVersion, passwordFile] = process.argv.slice(2);
const password = readFileSync(passwordFile ?? '', 'utf8').trim();
const { startMock } = (await import(fileURLToPath(new URL('../../mock/index.ts', import.meta.url)))) as MockApi;
const { loadUsers } = (await import(fileURLToPath(new URL('../../mock/wp/users.ts', import.meta.url)))) as UsersApi;
const users = loadUsers().map((user) => ({ ...user, password: user.login === 'admin' ? password : `${user.login}-${password}` }));
const urls: string[] = [];
for (let i = 0; i < Number(count); i++) {
  const mock = await startMock({ port: 0, host: '127.0.0.1', aamVersion, users, latency: { latencyMs: Number(latencyMs), jitterMs: Number(jitterMs), seed: i + 1 } });
  urls.push(mock.url);
}
process.stdout.write(`${JSON.stringify({ urls })}\n`);
