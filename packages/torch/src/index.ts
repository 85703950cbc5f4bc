/**
 * torch for TypeScript: `import * as torch from 'torch'`. Re-exports every @torch/* package under
 * PyTorch's names; today that is the tensor library (@torch/core).
 * @example
 * import * as torch from 'torch';
 * const a = torch.randn(2, 3);
 * console.log(String(a.mm(a.t())));
 * @packageDocumentation
 */
export * from '@torch/core';
