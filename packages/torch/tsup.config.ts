import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/autograd.ts', 'src/nn.ts', 'src/optim.ts', 'src/data.ts', 'src/legacy.ts'],
  // One build: ../../tools/esm-entry.mjs writes the ESM entry over it (no dual package hazard).
  format: ['cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  // Class names are API (error messages, printing): no bundler-renamed _Variable or Tensor2.
  keepNames: true,
  external: [/^@torch\//],
});
