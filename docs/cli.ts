/**
 * npm run docs -- [--out DIR] [--root DIR]
 *   one page per API generation: every spec/<name>/openapi.yaml → DIR/<name>.html (default build/docs)
 * npm run docs -- --spec FILE --out FILE.html
 *   one page for any OpenAPI document
 * Thin CLI over renderDocs (Redocly's renderer): exit 0 written, 1 failed, 2 bad flags.
 */
import { realpathSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectVariants } from '../generators/index.js';
import { parseFlags, runMain, usageError } from '../runner/run-main.js';
import { renderDocs } from './render-docs.js';

export const USAGE = `usage: npm run docs -- [--out DIR] [--root DIR]
         every spec/<name>/openapi.yaml under --root (default .) → DIR/<name>.html (default build/docs)
       npm run docs -- --spec FILE --out FILE.html
         one page for any OpenAPI 3.x document
Each page is self-contained (Redoc's script, styles and the spec inlined): it opens offline, from a file or a server.
`;

/** Exit code: 0 written, 1 a page could not be rendered, 2 bad flags. */
export async function main(argv: readonly string[], defaults: { root?: string; out?: string } = {}): Promise<number> {
  const values = parseFlags(argv, { spec: { type: 'string' }, out: { type: 'string' }, root: { type: 'string' } }, USAGE);
  if (typeof values === 'number') return values;
  const jobs: Array<{ spec: string; out: string; title?: string }> = [];
  if (values.spec !== undefined) {
    if (values.out === undefined || !values.out.endsWith('.html') || values.root !== undefined) {
      return usageError('--spec needs --out FILE.html (and no --root)', USAGE);
    }
    jobs.push({ spec: values.spec, out: values.out });
  } else {
    const root = values.root ?? defaults.root ?? '.';
    const out = values.out ?? defaults.out ?? join(root, 'build', 'docs');
    let names: string[];
    try {
      names = await projectVariants(root);
    } catch {
      process.stderr.write(`error: no spec/ folder under ${root} (give --spec FILE --out FILE.html for one document)\n`);
      return 2;
    }
    for (const name of names) jobs.push({ spec: join(root, 'spec', name, 'openapi.yaml'), out: join(out, `${name}.html`) });
  }
  for (const job of jobs) {
    const bytes = await renderDocs(job.spec, job.out);
    process.stdout.write(`wrote ${relative(process.cwd(), job.out) || job.out} (${Math.round(bytes / 1024)} KiB) from ${relative(process.cwd(), job.spec) || job.spec}\n`);
  }
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) runMain(main, process.argv.slice(2));
