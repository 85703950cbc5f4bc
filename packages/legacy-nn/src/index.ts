/**
 * @torch/legacy-nn: Torch7's nn for torch for TypeScript (`torch.legacy.nn`), and Torch7's `.t7` files
 * (`torch.legacy.load` / `torch.legacy.save`).
 * @packageDocumentation
 */
export * from './t7/index';
