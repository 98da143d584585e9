/**
 * What the walkthrough of each generation's documentation folders answers, request by request, on a site
 * where the target user has no tokens (see the folder descriptions in the collection: the non-2xx answers
 * are part of the story).
 */
export type Story = ReadonlyArray<readonly [request: string, status: number]>;

type Step = readonly [request: string, status: number];

/** Both 6.9 generations: log in, then create → list → get → validate → refresh → revoke → delete the refreshed-away id. */
const LOGIN_AND_MANAGE: readonly Step[] = [
  ['Log in (optionally issuing a JWT)', 200],
  ['Create a token for a user', 200],
  ["List a user's tokens", 200],
  ['Get one token', 200],
  ['Validate a token', 200],
  ['Exchange a refreshable token for a new one', 200],
  ['Revoke a token', 200],
  ['Delete (revoke) one token', 404],
  ['Delete all tokens of a user', 200],
];
/** The deprecated v1 routes: validate and (not) refresh the login token, then the legacy login. */
const LEGACY_V1: readonly Step[] = [
  ['Validate a token (deprecated v1)', 200],
  ['Refresh a token (deprecated v1)', 405],
  ['Log in and get a JWT (deprecated v1)', 200],
];

/** WordPress' cookie authentication: a nonce for the legacy login's cookie, then the example signed URL (not this site's token: the page, 404). */
const COOKIE_AUTHENTICATION: readonly Step[] = [
  ['Get a REST nonce for a login cookie', 200],
  ['Log in through a signed URL (?aam-jwt=)', 404],
];

export const STORIES: Readonly<Record<string, Story>> = {
  'aam-6.9.32': [
    ...LOGIN_AND_MANAGE,
    // the registry is gone after the first reset: the other two methods find nothing to delete
    ['Delete all tokens of a user (PUT)', 500],
    ['Delete all tokens of a user (PATCH)', 500],
    ...LEGACY_V1,
    ...COOKIE_AUTHENTICATION,
  ],
  'aam-6.9.51': [...LOGIN_AND_MANAGE, ...LEGACY_V1, ...COOKIE_AUTHENTICATION],
  // 7.x: validate, refresh (by id and the public route) and revoke with each of POST, PUT and PATCH; a refresh
  // keeps the id; once revoked the token is unregistered (507) and its id gone (404)
  'aam-7.1.1': [
    ['Log in (optionally issuing a JWT)', 200],
    ['Create a token for a user', 200],
    ["List a user's tokens", 200],
    ['Get one token', 200],
    ['Validate a token (deprecated)', 200],
    ['Validate a token (PUT) (deprecated)', 200],
    ['Validate a token (PATCH) (deprecated)', 200],
    ['Refresh one token by id', 200],
    ['Refresh one token by id (PUT)', 200],
    ['Refresh one token by id (PATCH)', 200],
    ['Exchange a refreshable token for a new one (deprecated)', 200],
    ['Exchange a refreshable token for a new one (PUT) (deprecated)', 200],
    ['Exchange a refreshable token for a new one (PATCH) (deprecated)', 200],
    ['Revoke a token (deprecated)', 200],
    ['Revoke a token (PUT) (deprecated)', 507],
    ['Revoke a token (PATCH) (deprecated)', 507],
    ['Delete (revoke) one token', 404],
    ['Delete all tokens of a user', 200],
    ['Get a REST nonce for a login cookie', 200],
  ],
};

/** Lines naming every request whose status differs from the story (empty = as told). */
export function storyDifferences(story: Story, steps: ReadonlyArray<{ iteration: number; name: string; status: number | undefined }>, iterations: number): string[] {
  const want = Array.from({ length: iterations }, (_, i) => story.map(([name, status]) => `${i + 1} ${name} → ${status}`)).flat();
  const got = steps.map((step) => `${step.iteration} ${step.name} → ${step.status ?? 'no answer'}`);
  const out: string[] = [];
  for (let i = 0; i < Math.max(want.length, got.length); i += 1) {
    if (want[i] !== got[i]) out.push(`expected ${want[i] ?? '(nothing)'}, got ${got[i] ?? '(nothing)'}`);
  }
  return out;
}
