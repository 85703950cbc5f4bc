import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  // One build: ../../tools/esm-entry.mjs writes the ESM entry over it (no dual package hazard).
  format: ['cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  external: [/^@torch\//],
  // Class names are API here (module printing, error messages, gradFn names): keep them through bundling.
  keepNames: true,
});
