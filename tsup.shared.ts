// Shared by the packages' tsup configs: each adds only what differs (entries, externals).
import type { Options } from 'tsup';

/** The build every package uses, with `options` laid over it. */
export function packageBuild(options: Options = {}): Options {
  return {
    entry: ['src/index.ts'],
    // One build: tools/esm-entry.mjs writes the ESM entry over it (no dual package hazard).
    format: ['cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    // Class names are API (error messages, printing, gradFn names, .t7 class names): no bundler-renamed
    // _Variable or Tensor2.
    keepNames: true,
    external: [/^@torch\//],
    ...options,
  };
}
