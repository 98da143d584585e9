/**
 * The pages the site's theme renders outside the REST API. The reference sites run WordPress 6.1.9's
 * default theme (Twenty Twenty-Three), whose 404 page is the same for every path: `fixtures/theme-404.html`
 * is that page with the site URL and the site title (`blogname`) as placeholders.
 */
import { readFileSync } from 'node:fs';

const NOT_FOUND = readFileSync(new URL('../fixtures/theme-404.html', import.meta.url), 'utf8');

/** The theme's 404 page for a site. */
export function theme404Page(siteUrl: string, blogName: string): string {
  const html = blogName.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#039;');
  return NOT_FOUND.replaceAll('{{siteUrlJs}}', siteUrl.replaceAll('/', '\\/')).replaceAll('{{siteUrl}}', siteUrl).replaceAll('{{blogName}}', html);
}
