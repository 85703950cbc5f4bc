/**
 * Torch7's getParameters: moves every parameter (and every gradient) of a module into one flat storage
 * that the modules' tensors then view, so an optimizer can treat the whole network as one vector.
 * Parameters that shared memory before share it after: each distinct storage becomes one region of the
 * flat storage, covering the span of elements its tensors use, with their relative offsets kept.
 */
import { empty, TorchTypeError, type Storage, type Tensor } from '@torch/core';

/** Views `tensors` into one new flat tensor and returns it. @internal */
export function flattenTensors(tensors: readonly Tensor[], op: string): Tensor {
  if (tensors.length === 0) return empty(0);
  const dtype = tensors[0]!.dtype;
  const spans = new Map<Storage, { lo: number; hi: number; at: number }>();
  for (const t of tensors) {
    if (t.dtype !== dtype) throw new TorchTypeError(`${op}: parameters of different types (${dtype.name} and ${t.dtype.name}); convert the module with .type() first`);
    const hi = t.storageOffset() + t.size().reduce((acc, s, d) => acc + (s - 1) * t.stride(d), 0) + 1;
    const span = spans.get(t.storage());
    if (span) (span.lo = Math.min(span.lo, t.storageOffset()), span.hi = Math.max(span.hi, hi));
    else spans.set(t.storage(), { lo: t.storageOffset(), hi, at: 0 });
  }
  let total = 0;
  for (const span of spans.values()) (span.at = total), (total += span.hi - span.lo);
  const flat = empty(total, { dtype });
  for (const [storage, span] of spans) flat.narrow(0, span.at, span.hi - span.lo).copy_(empty(0, { dtype }).set_(storage, span.lo, [span.hi - span.lo]));
  for (const t of tensors) {
    const span = spans.get(t.storage())!;
    if (t.storage() === flat.storage()) continue;
    t.set_(flat.storage(), span.at + t.storageOffset() - span.lo, t.size(), t.stride());
  }
  return flat;
}
