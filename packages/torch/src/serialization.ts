/**
 * `torch.utils.serialization`: Torch7 files under PyTorch 0.x's names.
 * @example const model = torch.utils.serialization.loadLua('model.t7');
 * @module
 */
/** Reads a Torch7 `.t7` file (see `torch.legacy.load`). @example torch.utils.serialization.loadLua('model.t7') */
export { load as loadLua } from '@torch/legacy-nn';
