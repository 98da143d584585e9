/**
 * The reference mock as one side of a comparison: started in-process on 127.0.0.1 and a free port, with
 * the users of the real test sites (`fixtures/real-aam-users.json`), so user ids and user data line up.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createMock, isAamVersion } from '../mock/index.js';
import type { UserRecord } from '../mock/index.js';
import { UnknownGenerationError } from './profiles.js';

export const REAL_AAM_USERS = new URL('./fixtures/real-aam-users.json', import.meta.url);

export interface MockSide {
  origin: string;
  close(): Promise<void>;
}

/** A users file in the mock's format; `"url": "{siteUrl}"` stands for the site URL (what `wp_install()` gives the first admin). */
export function readUsersFile(file: string | URL, siteUrl: string): UserRecord[] {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as UserRecord[];
  return raw.map((u) => (u.url === '{siteUrl}' ? { ...u, url: siteUrl } : u));
}

export async function startMockSide(aamVersion: string, usersFile: string | URL = REAL_AAM_USERS): Promise<MockSide> {
  if (!isAamVersion(aamVersion)) throw new UnknownGenerationError(`the mock has no AAM generation ${aamVersion}`);
  const server = createServer();
  // a request PHP's built-in server cannot parse is dropped without an answer (Node would send 400)
  server.on('clientError', (_err, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const mock = createMock({ aamVersion, siteUrl: origin, users: readUsersFile(usersFile, origin) });
  server.on('request', mock.handle);
  return {
    origin,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
