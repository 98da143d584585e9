/**
 * Files the generator reads at run time (script bodies, the scenario schema), located relative to
 * the generator's root folder. This module sits in that root, and every bundle copies the same files (the list:
 * esm-bundle.mjs GENERATOR_ASSETS) to the same relative places beside its modules, so one URL works in both.
 */
export function assetUrl(relativePath: string): URL {
  return new URL(`./${relativePath}`, import.meta.url);
}
