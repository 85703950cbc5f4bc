// The one place core touches the addon. Its typings live in @torch/native's index.d.ts.
import { createRequire } from 'node:module';
import type * as Native from '@torch/native';
import { TorchDetachedError } from './errors';

const require = createRequire(import.meta.url);

/** The loaded @torch/native addon. */
export const native: typeof Native = require('@torch/native');
// Per JS environment, like everything the addon keeps: a worker that imports core registers its own.
native.setErrorClasses({ detached: TorchDetachedError });

/**
 * The Float64Array the addon reads every op's numbers from (op code, dtype, shapes, strides,
 * offsets, parameters): writing into it is far cheaper than passing them as call arguments.
 */
export const meta: Float64Array = native.meta;
