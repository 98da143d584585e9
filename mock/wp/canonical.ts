/**
 * `redirect_canonical()` for a front-end 404 (GET and HEAD only), the part a request to the REST API's
 * neighbourhood reaches: a trailing `/index.php` becomes `/`, and trailing spaces and end punctuation are
 * removed from the path. When that changes the URL, WordPress answers 301 to the cleaned one.
 */
const PUNCTUATION = [' ', '%20', '!', '%21', '"', '%22', "'", '%27', '(', '%28', ')', '%29', ',', '%2C', '.', '%2E', ';', '%3B', '{', '%7B', '}', '%7D', '%E2%80%9C', '%E2%80%9D']
  .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
const TRAILING = new RegExp(`(${PUNCTUATION})+$`);

/** The canonical path of a requested path, or null when it is already canonical. */
export function canonicalPath(method: string, path: string): string | null {
  if (method !== 'GET' && method !== 'HEAD') return null;
  const cleaned = path.replace(/\/index\.php\/*?$/, '/').replace(TRAILING, '');
  return cleaned === path ? null : cleaned;
}
