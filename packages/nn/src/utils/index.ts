// nn.utils.
export { clipGradNorm_, clipGradValue_, clipGradNorm, clipGradValue, parametersToVector, vectorToParameters } from './clip-grad';
export * as rnn from './rnn-exports';
