/**
 * One self-contained HTML page per OpenAPI document, rendered by Redocly's renderer (`redocly build-docs
 * --inlineBundle`: server-side rendered, Redoc's script and the spec inlined). Readable offline: the one
 * resource the page would still fetch from a CDN (Redocly's "API docs by" logo) is replaced by an inline
 * image, and {@link externalResources} lists anything else a page would load from the network.
 */
import { spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export class DocsError extends Error {
  readonly code: 'ERR_DOCS_RENDER' | 'ERR_DOCS_OFFLINE';
  constructor(code: DocsError['code'], message: string) {
    super(message);
    this.code = code;
    this.name = 'DocsError';
  }
}

/** Redocly's logo in the sidebar footer, fetched from its CDN when the page opens. */
const CDN_LOGOS = ['https://cdn.redoc.ly/redoc/logo-mini-full.svg', 'https://cdn.redoc.ly/redoc/logo-mini.svg'] as const;
const INLINE_LOGO = `data:image/svg+xml,${encodeURIComponent("<svg xmlns='http://www.w3.org/2000/svg' width='52' height='14'><text x='0' y='11' font-family='sans-serif' font-size='11' fill='#6b7280'>Redocly</text></svg>")}`;

/** The redocly CLI of the installed @redocly/cli package. */
function redoclyBin(): string {
  const manifest = createRequire(import.meta.url).resolve('@redocly/cli/package.json');
  return join(dirname(manifest), 'bin', 'cli.js');
}

function run(args: readonly string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [redoclyBin(), ...args], {
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString('utf8'); });
    child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString('utf8'); });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** URLs of scripts, styles, images and frames a page would load from the network (none for a rendered page). */
export function externalResources(html: string): string[] {
  const found = new Set<string>();
  for (const match of html.matchAll(/<(?:script|link|img|iframe|source)\b[^>]*?\s(?:src|href)\s*=\s*["']?(https?:)?\/\/[^"'\s>]+/gi)) found.add(match[0].replace(/^.*?(?:src|href)\s*=\s*["']?/i, ''));
  for (const url of html.matchAll(/url\(\s*["']?((?:https?:)?\/\/[^"')]+)/gi)) found.add(url[1] ?? '');
  for (const logo of CDN_LOGOS) if (html.includes(logo)) found.add(logo);
  return [...found].sort();
}

/** Renders `specFile` into `outFile` (folders created); returns the page's size in bytes. */
export async function renderDocs(specFile: string, outFile: string, options: { title?: string } = {}): Promise<number> {
  await mkdir(dirname(outFile), { recursive: true });
  const args = ['build-docs', specFile, '--inlineBundle', '--output', outFile, ...(options.title === undefined ? [] : ['--title', options.title])];
  const { code, output } = await run(args);
  if (code !== 0) throw new DocsError('ERR_DOCS_RENDER', `redocly build-docs failed for ${specFile} (exit ${code}): ${output.trim().split('\n').slice(-3).join(' ')}`);
  let html = await readFile(outFile, 'utf8');
  for (const logo of CDN_LOGOS) html = html.replaceAll(logo, INLINE_LOGO);
  const external = externalResources(html);
  if (external.length > 0) throw new DocsError('ERR_DOCS_OFFLINE', `${outFile} would load ${external.join(', ')} from the network`);
  await writeFile(outFile, html);
  return Buffer.byteLength(html);
}
