/**
 * The mock's `/docs`: its generation's rendered API documentation (`npm run docs` writes
 * build/docs/aam-<version>.html), served as is. Not a WordPress route; a convenience of the mock.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface DocsAnswer {
  status: number;
  headers: Array<[string, string]>;
  body: string;
}

/** The folder holding the package.json nearest above `moduleUrl` (the repository, or the installed package). */
export function packageRoot(moduleUrl: string): string {
  let dir = dirname(fileURLToPath(moduleUrl));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return dirname(fileURLToPath(moduleUrl));
    dir = parent;
  }
  return dir;
}

/** Where `npm run docs` puts the page of a generation, under a package root. */
export function docsFileOf(root: string, aamVersion: string): string {
  return join(root, 'build', 'docs', `aam-${aamVersion}.html`);
}

/** `GET /docs` (or `/docs/`): the page, or 404 saying how to build it. */
export async function docsAnswer(file: string | undefined, method: string): Promise<DocsAnswer> {
  const html = file === undefined ? undefined : await readFile(file, 'utf8').catch(() => undefined);
  if (html === undefined) {
    return { status: 404, headers: [['Content-Type', 'text/plain; charset=UTF-8']], body: 'No API documentation page: run `npm run docs` (or `aam-jwt docs`) first.\n' };
  }
  return { status: 200, headers: [['Content-Type', 'text/html; charset=UTF-8'], ['Cache-Control', 'no-cache']], body: method === 'HEAD' ? '' : html };
}
