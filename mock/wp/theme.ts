/**
 * The pages the site's theme renders outside the REST API. The reference sites run WordPress 6.1.9's
 * default theme (Twenty Twenty-Three), whose 404 page is the same for every path: `fixtures/theme-404.html`
 * is that page as a visitor sees it; a logged-in user (a valid bearer token logs the request in) sees it with
 * the toolbar's styles and scripts inserted (`theme-404-toolbar.json`) and the menu of the user's role
 * (`admin-bar-<role>.html`: administrator, editor holding AAM's capabilities, subscriber). All were captured from a reference
 * site; the site URL, site title, display name, avatar (Gravatar of the e-mail) and log-out nonce are
 * placeholders. The log-out nonce is `wp_create_nonce( 'log-out' )` of the request's user and session.
 * AAM adds its "Manager Access" item (`wp-admin-bar-aam`) when `current_user_can('aam_manager')`,
 * as the administrator's and the editor's menus show; a caller for whom that is false gets the menu without it.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { UserRecord } from './users.js';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
const NOT_FOUND = fixture('theme-404.html');
/** the same page for a logged-in user: the toolbar's styles, markup and scripts inserted (`theme-404-toolbar.json`) */
const TOOLBAR_EDITS = (JSON.parse(fixture('theme-404-toolbar.json')) as { edits: [string, string][] }).edits;
const NOT_FOUND_LOGGED_IN = TOOLBAR_EDITS.reduce((page, [find, replace]) => page.replace(find, () => replace), NOT_FOUND);
const BAR_ROLES = ['administrator', 'editor', 'subscriber'] as const;
const BARS = new Map<string, string>(BAR_ROLES.map((r) => [r, fixture(`admin-bar-${r}.html`)]));
/** AAM's toolbar item, under the site-name menu */
const AAM_ITEM = /<li id='wp-admin-bar-aam'>.*?<\/li>/;

function escHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#039;');
}

function fill(template: string, siteUrl: string, blogName: string): string {
  return template.replaceAll('{{siteUrlJs}}', siteUrl.replaceAll('/', '\\/')).replaceAll('{{siteUrl}}', siteUrl).replaceAll('{{blogName}}', escHtml(blogName));
}

/**
 * The theme's 404 page for a site, as a visitor or as `user` (with its `logoutNonce`). `is_admin_bar_showing()` is false for a JSON
 * request (`wp_is_json_request()`), so a logged-in user then gets the visitor's page with the `logged-in`
 * body class and no toolbar. `aamManager: false` drops AAM's toolbar item from a menu that has it.
 */
export function theme404Page(siteUrl: string, blogName: string, user?: UserRecord, logoutNonce = '', jsonRequest = false, aamManager = true): string {
  if (!user) return fill(NOT_FOUND, siteUrl, blogName);
  if (jsonRequest) return fill(NOT_FOUND.replace('<body class="error404 wp-embed-responsive">', '<body class="error404 logged-in wp-embed-responsive">'), siteUrl, blogName);
  const roleBar = BARS.get(user.role) ?? BARS.get('subscriber') as string;
  const bar = aamManager ? roleBar : roleBar.replace(AAM_ITEM, '');
  const hash = createHash('md5').update(user.email.trim().toLowerCase()).digest('hex');
  const [menu = '', shortcut = ''] = bar.replaceAll('{{avatarHash}}', hash)
    .replaceAll('{{gravatarHost}}', String(Number.parseInt(hash[0] ?? '0', 16) % 3))
    .replaceAll('{{displayName}}', escHtml(user.displayName ?? user.login))
    .replaceAll('{{nonce}}', logoutNonce)
    .split('\n');
  return fill(NOT_FOUND_LOGGED_IN.replace('{{adminBar}}', () => menu).replace('{{logoutShortcut}}', () => shortcut), siteUrl, blogName);
}
