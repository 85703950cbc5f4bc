/**
 * torch for TypeScript: `import * as torch from 'torch'`. Re-exports every @torch/* package under
 * PyTorch's names: the tensor library (@torch/core) and `torch.autograd` (@torch/autograd).
 * @example
 * import * as torch from 'torch';
 * const a = torch.randn(2, 3);
 * console.log(String(a.mm(a.t())));
 * @packageDocumentation
 */
export * from '@torch/core';
/** Variable, backward, grad, Function, hooks and gradcheck: `torch.autograd.Variable`, ... */
export * as autograd from '@torch/autograd';
export { noGrad, enableGrad, setGradEnabled, isGradEnabled } from '@torch/autograd';
