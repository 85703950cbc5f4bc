import { defineConfig } from 'vitest/config';

// Generous timeout: the GEMM and thread-pool tests spawn processes and run large threaded products,
// which take many seconds when turbo runs every package's tests at once on a 2-core machine.
export default defineConfig({
  test: { include: ['test/**/*.test.ts'], testTimeout: 60000 },
});
