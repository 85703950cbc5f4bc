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
  // Module classes print and save under their class names (nn.Linear, nn.SpatialConvolution): keep them.
  keepNames: true,
});
