// The in-place view ops (squeeze_, unsqueeze_, t_, transpose_) and the data-only utilities of Variable.
// An in-place view op changes the Variable's own sizes: when autograd records, the Variable takes over
// the recorded view's data and graph (as PyTorch rebases its history), otherwise only its tensor changes.
import type { Tensor } from '@torch/core';
import { gradState } from './grad-mode';
import { checkInplace } from './record';
import { Variable } from './variable';

type ViewOp = 'squeeze' | 'unsqueeze' | 't' | 'transpose';

function inplaceView(self: Variable, op: ViewOp, args: unknown[]): Variable {
  const name = `${op}_`;
  if (!gradState.enabled || self.volatile || !self.requiresGrad) {
    (self.data as unknown as Record<string, (...a: unknown[]) => Tensor>)[name]!(...args);
    return self;
  }
  checkInplace(self, name);
  // Recorded on a stand-in with self's current graph, since backward formulas read their input's sizes.
  const before = new Variable(self.data);
  before._gradFn = self._gradFn;
  before._outputNr = self._outputNr;
  before._base = self._base;
  before._viewFn = self._viewFn;
  before._seenGen = self._seenGen;
  const r = (before as unknown as Record<string, (...a: unknown[]) => Variable>)[op]!(...args);
  self.data = r.data;
  self._gradFn = r._gradFn;
  self._outputNr = r._outputNr;
  // A view of a view stays a view of the same base; a view of a plain Variable is now that Variable itself.
  const wasView = self._base !== null;
  self._base = wasView ? r._base : null;
  self._viewFn = wasView ? r._viewFn : null;
  self._seenGen = r._seenGen;
  return self;
}

/** Installs the in-place view ops and the utilities that only read `data`. @internal */
export function installInplaceViews(proto: Record<string, unknown>): void {
  for (const op of ['squeeze', 'unsqueeze', 't', 'transpose'] as const)
    proto[`${op}_`] = function (this: Variable, ...args: unknown[]) {
      return inplaceView(this, op, args);
    };
  proto.equal = function (this: Variable, other: Variable | Tensor) {
    return this.data.equal(other instanceof Variable ? other.data : other);
  };
  proto.elementSize = function (this: Variable) {
    return this.data.elementSize();
  };
  proto.isSigned = function (this: Variable) {
    return this.data.isSigned();
  };
  proto.new = function (this: Variable, ...args: unknown[]) {
    return this.data.new(...args);
  };
}
