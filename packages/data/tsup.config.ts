import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  // One build: ../../tools/esm-entry.mjs writes the ESM entry over it (no dual package hazard).
  format: ['cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  // Class names are API (error messages, printing): no bundler-renamed _Variable or Tensor2.
  keepNames: true,
  external: [/^@torch\//, "cli-progress"],
});
