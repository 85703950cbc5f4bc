// Shared by the packages' vitest configs.

/**
 * The other @torch/* packages load as Node loads them: their ESM entry re-exports the CommonJS build
 * (tools/esm-entry.mjs). Inlined by vitest, the ESM side would be a second copy of each package whose
 * classes the CommonJS side's `instanceof` checks reject.
 */
export const workspaceDeps = { server: { deps: { external: [/\/packages\/[a-z-]+\/dist\//] } } };
