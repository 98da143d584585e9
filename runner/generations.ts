/**
 * The AAM generations the suite knows. Each has a folder `spec/aam-<version>/` (spec, scenarios, coverage
 * exclusions), a generated collection and environments, and a mock of the same version.
 */
import { variantFiles } from '../generators/index.js';
import { AAM_VERSIONS, DEFAULT_AAM_VERSION, aamGeneration, isAamVersion } from '../mock/index.js';
import type { AamVersion } from '../mock/index.js';

export { AAM_VERSIONS, DEFAULT_AAM_VERSION, isAamVersion };
export type { AamVersion };

/** Repository files of one generation, relative to the repository root (POSIX separators). */
export interface GenerationFiles {
  readonly spec: string;
  readonly scenarios: string;
  readonly exclusions: string;
  readonly collection: string;
  /** the folder of its Postman environments */
  readonly environments: string;
}

/** The folder name of a generation under spec/, collections/ and environments/. */
export function generationFolder(version: AamVersion): string {
  return `aam-${version}`;
}

export function generationFiles(version: AamVersion): GenerationFiles {
  const folder = generationFolder(version);
  const files = variantFiles(folder);
  return {
    spec: files.spec,
    scenarios: files.scenarios,
    exclusions: `spec/${folder}/coverage-exclusions.yaml`,
    collection: files.collection,
    environments: files.environmentsDir,
  };
}

/** The releases that serve a generation's API: `6.9.11–6.9.32`. */
export function generationReleases(version: AamVersion): string {
  return aamGeneration(version).releases;
}

/** How a generation is named to users: `6.9.11–6.9.32 (AAM 6.9.32)`. */
export function generationLabel(version: AamVersion): string {
  return `${aamGeneration(version).releases} (AAM ${version})`;
}
