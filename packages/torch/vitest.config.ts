import { defineConfig } from 'vitest/config';

// The umbrella test starts Node twice (CJS and ESM loads of the built package): seconds on a loaded CI machine.
export default defineConfig({
  test: { testTimeout: 30000 },
});
