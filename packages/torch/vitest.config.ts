import { defineConfig } from 'vitest/config';
import { workspaceDeps } from '../../vitest.shared';

export default defineConfig({
  test: { include: ['src/**/*.test.ts', 'test/**/*.test.ts'], testTimeout: 60000, ...workspaceDeps },
});
