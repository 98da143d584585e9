/** JSON pointer helpers (RFC 6901), fragment form `#/a/b`. */

export function escapePointerToken(token: string): string {
  if (!token.includes('~') && !token.includes('/')) return token;
  return token.replaceAll('~', '~0').replaceAll('/', '~1');
}

export function unescapePointerToken(token: string): string {
  if (!token.includes('~')) return token;
  return token.replaceAll('~1', '/').replaceAll('~0', '~');
}

/** Appends tokens to a `#/…` pointer. */
export function childPointer(pointer: string, ...tokens: Array<string | number>): string {
  let out = pointer === '' ? '#' : pointer;
  for (const token of tokens) out += `/${escapePointerToken(String(token))}`;
  return out;
}

/** Reads the value at a fragment (`#/a/b`, `/a/b` or `''`); `undefined` when absent. */
export function getAtPointer(root: unknown, fragment: string): unknown {
  const body = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  if (body === '') return root;
  if (!body.startsWith('/')) return undefined;
  let node: unknown = root;
  for (const raw of body.slice(1).split('/')) {
    const token = unescapePointerToken(safeDecode(raw));
    if (node === null || typeof node !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(node, token)) return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}

function safeDecode(text: string): string {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
