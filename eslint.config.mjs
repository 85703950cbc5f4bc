// ESLint (flat config) for the whole monorepo: JavaScript's and typescript-eslint's recommended rules,
// syntax-only (no type information, so `pnpm lint` stays fast). Run by `pnpm lint`, which `pnpm test` runs.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // tsup writes and deletes a tsup.config.bundled_*.mjs beside each config while it builds; lint runs
  // beside the builds, and reading one that had just gone failed a CI run.
  { ignores: ['**/node_modules/**', '**/dist/**', 'native/build/**', 'docs/api/**', '**/.turbo/**', '**/tsup.config.bundled_*'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { console: 'readonly', process: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', performance: 'readonly', URL: 'readonly', globalThis: 'readonly' },
    },
    rules: {
      // `_`-prefixed parameters and variables are deliberately unused (signatures a contract fixes).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Tests and kernels' bindings cast to `any` to reach internals or deliberately wrong argument types.
      '@typescript-eslint/no-explicit-any': 'off',
      // Op families add methods to Tensor/Variable through interface merging (their types) and prototype installs.
      '@typescript-eslint/no-unsafe-declaration-merging': 'off',
      // Comma sequences of assignments in tight loops, and getters read for their side effects in tests.
      '@typescript-eslint/no-unused-expressions': 'off',
      // A destructuring where some names are reassigned stays one `let`.
      'prefer-const': ['error', { destructuring: 'all' }],
    },
  },
  {
    // The packages' own code (what their .d.ts come from) has no `any`: issue 10 §3, "types without any".
    files: ['packages/*/src/**/*.ts'],
    // Legacy optim's Torch7 config/state tables (internal, not in its .d.ts) are still Record<string, any>.
    ignores: ['**/*.test.ts', '**/*.test-d.ts', 'packages/legacy-optim/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'error' },
  },
  {
    // Node scripts (CommonJS build helpers of the native addon).
    files: ['**/*.cjs', 'native/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', __filename: 'readonly', exports: 'writable' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
