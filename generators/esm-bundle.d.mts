/** Types of esm-bundle.mjs (plain JavaScript: runner/contract.mjs loads it before any TypeScript loader). */
export declare const ESM_BUNDLE: {
  readonly chunkNames: string;
  readonly outExtension: { readonly '.js': '.mjs' };
  readonly bundle: true;
  readonly splitting: true;
  readonly platform: 'node';
  readonly format: 'esm';
  readonly target: string;
};
export declare const GENERATOR_ASSETS: readonly string[];
export declare function copyGeneratorAssets(bundleDir: string): void;
