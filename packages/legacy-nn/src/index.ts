/**
 * @torch/legacy-nn: Torch7's nn for torch for TypeScript (`torch.legacy.nn`), 0-based, and Torch7's `.t7`
 * files (`torch.legacy.load` / `torch.legacy.save`).
 * @packageDocumentation
 */
export * as nn from './nn';
export * from './t7/index';
