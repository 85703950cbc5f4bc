// Whether ops record onto the tape. One process-wide flag, as PyTorch's (JS runs ops on one thread).

/** @internal */
export const gradState = { enabled: true };

/**
 * True when ops on Variables that require grad are recorded for backward.
 * @example torch.isGradEnabled() // true
 */
export function isGradEnabled(): boolean {
  return gradState.enabled;
}

/**
 * Turns recording on or off globally (what `noGrad`/`enableGrad` do for the length of one call).
 * @example
 * torch.setGradEnabled(false);
 * const y = x.mul(2);           // y.requiresGrad === false
 * torch.setGradEnabled(true);
 */
export function setGradEnabled(enabled: boolean): void {
  gradState.enabled = !!enabled;
}

function withMode<R>(enabled: boolean, fn: () => R): R {
  const prev = gradState.enabled;
  gradState.enabled = enabled;
  try {
    return fn();
  } finally {
    gradState.enabled = prev;
  }
}

/**
 * Runs fn without recording: results of ops inside do not require grad (optimizer steps, evaluation).
 * @example
 * const y = torch.noGrad(() => model(x));   // no graph is kept
 * torch.noGrad(() => w.data.sub_(w.grad!.data.mul(0.1)));
 */
export function noGrad<R>(fn: () => R): R {
  return withMode(false, fn);
}

/**
 * Runs fn with recording on, also inside `noGrad`.
 * @example torch.noGrad(() => torch.enableGrad(() => x.mul(2))).requiresGrad // true when x requires grad
 */
export function enableGrad<R>(fn: () => R): R {
  return withMode(true, fn);
}
