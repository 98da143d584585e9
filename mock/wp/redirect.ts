/**
 * `wp_validate_redirect()`: relative URLs and URLs on the site's own host pass, anything else
 * gets the fallback.
 */
export function wpValidateRedirect(location: string, siteUrl: string, fallback: string | null): string | null {
  let loc = location.trim().replace(/[^a-z0-9\-~+_.?#=&;,/:%!*[\]@$|()']/gi, '');
  if (loc.startsWith('//')) loc = `http:${loc}`;
  const test = loc.split('?')[0] ?? '';
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(test)?.[1];
  if (scheme !== undefined && !/^https?$/i.test(scheme)) return fallback;
  const host = /^(?:https?:)?\/\/(?:[^@/]*@)?([^/:?#]*)/i.exec(test)?.[1];
  if (scheme !== undefined && host === undefined) return fallback;
  if (host !== undefined) {
    const siteHost = new URL(siteUrl).hostname.toLowerCase();
    if (host.toLowerCase() !== siteHost) return fallback;
  }
  return loc;
}
