// nn.utils.rnn.
export { PackedSequence, packPaddedSequence, padPackedSequence, padSequence, packSequence } from './rnn';
