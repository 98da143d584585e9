/**
 * Starts this project's mock (`mock/index.ts` startMock({ port: 0 })) in its own process and prints
 * `{ url, restUrl, tokens }` as one JSON line on stdout; serves until killed.
 */
import { fileURLToPath } from 'node:url';

interface MockHandle {
  url: string;
  restUrl: string;
  tokens: Record<string, string>;
}
interface MockApi {
  startMock(options: { port: number }): Promise<MockHandle> | MockHandle;
}

const entry = fileURLToPath(new URL('../../mock/index.ts', import.meta.url));
const { startMock } = (await import(entry)) as Partial<MockApi>;
if (typeof startMock !== 'function') {
  process.stderr.write('mock/index.ts does not export startMock\n');
  process.exit(1);
}
const mock = await startMock({ port: 0 });
process.stdout.write(`${JSON.stringify({ url: mock.url, restUrl: mock.restUrl, tokens: mock.tokens })}\n`);
