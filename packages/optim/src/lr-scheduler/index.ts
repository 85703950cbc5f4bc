/**
 * `optim.lrScheduler`: learning rate schedules. Epoch-based schedulers step once per epoch after the
 * optimizer's steps; OneCycleLR steps once per batch; ReduceLROnPlateau steps with a metric.
 * @example
 * const opt = new optim.SGD(params, { lr: 0.1, momentum: 0.9 });
 * const sched = new optim.lrScheduler.StepLR(opt, 30, { gamma: 0.1 });
 * for (let epoch = 0; epoch < 90; epoch++) { train(opt); sched.step(); }
 * @module
 */
export { LRScheduler, type LastEpochOptions, type SchedulerGroup } from './scheduler';
export { LambdaLR, StepLR, MultiStepLR, ExponentialLR, CosineAnnealingLR, type StepLROptions, type CosineAnnealingLROptions } from './epoch';
export { ReduceLROnPlateau, type ReduceLROnPlateauOptions } from './plateau';
export { OneCycleLR, type OneCycleLROptions } from './one-cycle';
