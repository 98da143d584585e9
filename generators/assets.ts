/**
 * Files the generator reads at run time (script bodies, the scenario schema), located relative to
 * the generator's root folder. This module sits in that root, and the bundled build (`npm run build`)
 * copies the same files to the same relative places beside `dist/generate.mjs`, so one URL works in both.
 */
export function assetUrl(relativePath: string): URL {
  return new URL(`./${relativePath}`, import.meta.url);
}

/** Every asset, relative to the generator's root (the build copies exactly these). */
export const ASSETS = [
  'scripts/contract-test.js', 'scripts/json-schema.js', 'scripts/scenario-prerequest.js',
  'scripts/script-helpers.js', 'scripts/auto-login.js', 'scripts/after-response.js', 'scripts/server-variables.js',
  'scenarios/scenarios.schema.json',
] as const;
