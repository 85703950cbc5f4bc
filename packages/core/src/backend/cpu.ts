/**
 * The CPU backend: the native addon's kernels over JS TypedArrays. Each entry unwraps the storages'
 * `data` and calls the addon; nothing else, so a small op pays one extra (inlined) call.
 */
import type { DType } from '../dtype';
import { TorchDeviceError } from '../errors';
import { native } from '../native';
import { Storage } from '../storage';
import type { Backend } from './contract';
import { Device } from './device';
import { registerBackend } from './registry';

type F = Float32Array | Float64Array;
const dataOrNull = (s: Storage | null) => (s === null ? null : s.data);

/**
 * The CPU backend object (every storage made by `new Storage` is on it).
 * @example torch.zeros(2).storage().backend === torch.cpuBackend  // true
 */
export const cpuBackend: Backend = {
  device: new Device('cpu'),
  isMeta: false,
  allocate: (dtype: DType, n: number, op?: string) => Storage.allocate(dtype, n, op),
  copyAcross(dst) {
    // A CPU<->CPU copy is the elementwise copy op; another device's backend handles its own side.
    throw new TorchDeviceError(`copy: the cpu backend cannot copy from or to ${dst.backend.device}`);
  },
  elementwise1d: (out, a, b, c) => native.elementwise1d(out.data, dataOrNull(a), dataOrNull(b), dataOrNull(c)),
  elementwise: (out, a, b, c) => native.elementwise(out.data, dataOrNull(a), dataOrNull(b), dataOrNull(c)),
  reduce: (input, out, indices) => native.reduce(input.data, out.data, dataOrNull(indices)),
  scan: (input, out) => native.scan(input.data, out.data),
  softmax: (input, out) => native.softmax(input.data, out.data),
  cat: (out, parts) => native.cat(out.data, parts.map((s) => s.data)),
  histc: (hist, input) => native.histc(hist.data as F, input.data as F),
  index: (dst, src, indices) => native.index(dst.data, src.data, indices.map((s) => s.data as BigInt64Array)),
  mask: (self, mask, out, src) => native.mask(self.data, mask === null ? null : (mask.data as Uint8Array), dataOrNull(out), dataOrNull(src)),
  sort: (input, values, indices) => native.sort(input.data, dataOrNull(values), dataOrNull(indices)),
  unique: (input, values, inverse, counts) => native.unique(input.data, values.data, dataOrNull(inverse), dataOrNull(counts)),
  bmm: (out, a, b) => native.bmm(out.data, a.data, b.data),
  lapack: (a, b, c, d) => native.lapack(a.data as F, b?.data as F | undefined, c?.data as F | undefined, d?.data as F | undefined),
  arange: (out, dtype, n, start, step) => native.arange(out.data, dtype, n, start, step),
  linspace: (out, dtype, n, start, end) => native.linspace(out.data, dtype, n, start, end),
  randomFill: (state, out) => native.randomFill(state, out.data),
  randperm: (state, out) => native.randperm(state, out.data),
  bernoulliTensor: (state, out, p) => native.bernoulliTensor(state, out.data, p.data),
  multinomial: (state, out, probs) => native.multinomial(state, out.data as BigInt64Array, probs.data as Float64Array),
  convForward: (p, input, weight, bias, output) => native.convForward(p, input.data, weight.data, dataOrNull(bias), output.data),
  convGradInput: (p, gradOutput, weight, gradInput) => native.convGradInput(p, gradOutput.data, weight.data, gradInput.data),
  convAccGradParameters: (p, input, gradOutput, gradWeight, gradBias) => native.convAccGradParameters(p, input.data, gradOutput.data, dataOrNull(gradWeight), dataOrNull(gradBias)),
  pool: (kind, p, a, b, c) => native.pool(kind, p, a.data, b.data, dataOrNull(c)),
  fractionalMaxPool2d: (p, input, samples, output, indices) => native.fractionalMaxPool2d(p, input.data, samples.data, output.data, indices.data as BigInt64Array),
  batchNorm: (mode, p, storages) => native.batchNorm(mode, p, ...storages.map(dataOrNull)),
};

// Storages are CPU storages unless a backend's own Storage subclass says otherwise (meta.ts): the
// backend sits on the prototype, so CPU storages carry no extra field and `s.backend` stays a constant load.
(Storage.prototype as { backend: Backend }).backend = cpuBackend;

registerBackend('cpu', (index) => {
  if (index !== null && index !== 0) throw new TorchDeviceError(`device: there is one cpu device, got cpu:${index}`);
  return cpuBackend;
});
