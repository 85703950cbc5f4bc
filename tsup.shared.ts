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
    // No keepNames: it names classes with Object.defineProperty, which makes each a slow dictionary-mode
    // object in V8 (instanceof on it 3-5x slower). Class names are API (messages, printing, gradFn and
    // .t7 names), so the sources avoid what makes the bundler rename a class (a class body naming its
    // own class, two classes of one name in a package); packages/torch/test/class-names.test.ts checks.
    external: [/^@torch\//],
    ...options,
  };
}
