// nn.utils.
export { clipGradNorm_, clipGradValue_, clipGradNorm, clipGradValue, parametersToVector, vectorToParameters } from './clip-grad';
