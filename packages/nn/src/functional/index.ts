// nn.functional: one file per family, re-exported here.
export { linear, bilinear } from './linear';
