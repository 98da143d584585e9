/**
 * Fill a probe's placeholders with one side's own values: `{{[ctx:]kind:name}}` where ctx is `j`
 * (inside a JSON string), `u` (URL-encoded), `r` (raw JSON) or absent (as is).
 */

/** Per-side values a placeholder can name. */
export interface SideValues {
  token(name: string): string;
  jti(name: string): string;
  user(identity: string): number;
  login(identity: string): string;
  email(identity: string): string;
  password(identity: string): string;
  siteUrl: string;
}

export class PlaceholderError extends Error {
  readonly code = 'ERR_COMPARE_PLACEHOLDER';
}

const PLACEHOLDER = /\{\{(?:([jur]):)?([a-z]+):([\w.-]+)\}\}/g;

function lookup(values: SideValues, kind: string, name: string): string {
  switch (kind) {
    case 'token': return values.token(name);
    case 'jti': return values.jti(name);
    case 'jtiupper': return values.jti(name).toUpperCase();
    case 'user': return String(values.user(name));
    case 'login': return values.login(name);
    case 'email': return values.email(name);
    case 'password': return values.password(name);
    case 'site': return values.siteUrl;
    default: throw new PlaceholderError(`unknown placeholder kind ${kind}`);
  }
}

export function substitute(text: string, values: SideValues): string {
  return text.replace(PLACEHOLDER, (_m, ctx: string | undefined, kind: string, name: string) => {
    const v = lookup(values, kind, name);
    if (ctx === 'u') return encodeURIComponent(v);
    if (ctx === 'j') return JSON.stringify(v).slice(1, -1);
    return v;
  });
}
