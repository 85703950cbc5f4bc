#!/usr/bin/python3
"""Reference outputs and gradients of torch.nn modules from real PyTorch, for packages/nn/test/modules.test.ts.

    /usr/bin/python3 tools/gen_fixtures_nn.py      # or: pnpm fixtures

Writes packages/nn/test/fixtures/nn.json (deterministic: fixed seeds, sorted keys). Encoding of tensors as
tools/gen_fixtures.py. A case is
  {"name": the key of the module factory in the test (which builds the same module in TypeScript),
   "params": the module's state dict (PyTorch's keys, which are ours too), moved into the TypeScript module
             with loadStateDict so both sides compute with the same weights,
   "inputs": [tensor], "grad_inputs": [indices of the inputs that require grad],
   "train": module mode, "output": tensor, "grad_output": tensor (the backward seed),
   "grads": {"input<i>" | "<param name>": tensor}}
Everything floating is float64 (gradients are compared tightly, and gradcheck runs in float64 too).
"""
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_fixtures as gf  # noqa: E402

gf.OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'packages', 'nn', 'test', 'fixtures')
torch.set_default_dtype(torch.float64)
torch.manual_seed(0)

CASES = []


def r(*shape, lo=-2.0, hi=2.0):
    return torch.rand(shape) * (hi - lo) + lo


def case(name, module, inputs, grad_inputs=None, train=False, init=None):
    """Runs module(*inputs) in PyTorch and records what the TypeScript test compares."""
    torch.manual_seed(len(CASES) + 1)
    if init is not None:
        init(module)
    module.train(train)
    grad_inputs = [i for i, x in enumerate(inputs) if x.is_floating_point()] if grad_inputs is None else grad_inputs
    # The weights before forward (Embedding's max_norm renormalises rows in place during forward).
    params = {k: gf.enc_tensor(v.clone()) for k, v in module.state_dict().items()}
    ins = [x.clone().requires_grad_(i in grad_inputs) for i, x in enumerate(inputs)]
    outs = flatten(module(*ins))
    gos = [torch.randn(o.shape) for o in outs]
    torch.autograd.backward(outs, gos)
    grads = {'input%d' % i: ins[i].grad for i in grad_inputs if ins[i].grad is not None}
    for k, p in module.named_parameters():
        if p.grad is not None:
            grads[k] = p.grad
    CASES.append({
        'name': name,
        'params': params,
        'inputs': [gf.enc_tensor(x) for x in inputs],
        'grad_inputs': grad_inputs,
        'train': train,
        'outputs': [gf.enc_tensor(o.detach()) for o in outs],
        'grad_outputs': [gf.enc_tensor(g) for g in gos],
        'grads': {k: gf.enc_tensor(v) for k, v in grads.items()},
    })


def flatten(out):
    """A module's outputs as a flat list of tensors (tuples and PackedSequences opened, in order)."""
    if isinstance(out, torch.Tensor):
        return [out]
    if isinstance(out, nn.utils.rnn.PackedSequence):
        return [out.data]
    return [t for o in out for t in flatten(o)]


class Packed(nn.Module):
    """Runs a recurrent layer on a padded batch packed with the given lengths (unsorted), unpacked after."""

    def __init__(self, rnn):
        super().__init__()
        self.rnn = rnn

    def forward(self, x, *rest):
        lengths = rest[-1]
        packed = nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first=self.rnn.batch_first, enforce_sorted=False)
        state = rest[:-1]
        out, h = self.rnn(packed, tuple(state) if len(state) == 2 else state[0]) if state else self.rnn(packed)
        padded, _ = nn.utils.rnn.pad_packed_sequence(out, batch_first=self.rnn.batch_first)
        return padded, h


class WithState(nn.Module):
    """Calls an LSTM or LSTMCell with (h, c) given as two inputs."""

    def __init__(self, rnn):
        super().__init__()
        self.rnn = rnn

    def forward(self, x, h, c):
        return self.rnn(x, (h, c))


class WithOutputSize(nn.Module):
    """Calls a transposed convolution with a fixed output_size."""

    def __init__(self, conv, size):
        super().__init__()
        self.conv = conv
        self.size = size

    def forward(self, x):
        return self.conv(x, output_size=self.size)


def lcase(name, module, inputs):
    """A loss case: the target (last input) gets no gradient (PyTorch refuses one for most losses)."""
    case(name, module, inputs, grad_inputs=[i for i, x in enumerate(inputs[:-1]) if x.is_floating_point()])


def randomize(m):
    with torch.no_grad():
        for p in m.parameters():
            p.copy_(torch.rand(p.shape) * 2 - 1)


def labels(n, c, *rest):
    return torch.randint(0, c, (n,) + rest)


def main():
    # ---- linear
    case('Linear', nn.Linear(4, 3), [r(2, 4)])
    case('Linear_3d', nn.Linear(4, 3), [r(2, 5, 4)])
    case('Linear_nobias_batch1', nn.Linear(4, 3, bias=False), [r(1, 4)])
    case('Bilinear', nn.Bilinear(3, 4, 2), [r(5, 3), r(5, 4)])
    case('Identity', nn.Identity(), [r(2, 3)])

    # ---- activations (inputs away from the kinks, so finite differences and both sides agree)
    x = r(3, 5, lo=-3, hi=3)
    x[x.abs() < 0.05] = 0.3
    for name, m in [
        ('ReLU', nn.ReLU()), ('ReLU6', nn.ReLU6()), ('ELU', nn.ELU(0.7)), ('SELU', nn.SELU()),
        ('LeakyReLU', nn.LeakyReLU(0.2)), ('Threshold', nn.Threshold(0.5, -2.0)), ('Hardtanh', nn.Hardtanh(-1.5, 1.2)),
        ('Sigmoid', nn.Sigmoid()), ('Tanh', nn.Tanh()), ('LogSigmoid', nn.LogSigmoid()), ('Softplus', nn.Softplus(2.0, 3.0)),
        ('Softshrink', nn.Softshrink(0.7)), ('Hardshrink', nn.Hardshrink(0.7)), ('Softsign', nn.Softsign()),
        ('Tanhshrink', nn.Tanhshrink()), ('Softmin', nn.Softmin(1)), ('Softmax', nn.Softmax(1)), ('LogSoftmax', nn.LogSoftmax(0)),
        ('GELU', nn.GELU()), ('GELU_tanh', nn.GELU(approximate='tanh')), ('RReLU_eval', nn.RReLU(0.1, 0.3)),
    ]:
        case(name, m, [x])
    case('Softmax2d', nn.Softmax2d(), [r(2, 3, 2, 2)])
    case('PReLU', nn.PReLU(), [x])
    case('PReLU_channels', nn.PReLU(3), [r(2, 3, 4)], init=randomize)
    case('GELU_large', nn.GELU(), [torch.tensor([-8.0, -4.5, -2.6, -1.0, 0.0, 0.4, 2.4, 3.0, 7.0])])

    # ---- normalization
    case('LayerNorm', nn.LayerNorm(4), [r(3, 4)], init=randomize)
    case('LayerNorm_2d', nn.LayerNorm([3, 4]), [r(2, 3, 4)], init=randomize)
    case('LayerNorm_noaffine', nn.LayerNorm(5, elementwise_affine=False, eps=1e-3), [r(2, 5)])
    case('GroupNorm', nn.GroupNorm(2, 4), [r(2, 4, 3)], init=randomize)
    case('GroupNorm_4d', nn.GroupNorm(3, 6, eps=1e-3), [r(1, 6, 2, 2)], init=randomize)
    case('LocalResponseNorm', nn.LocalResponseNorm(3, alpha=0.1, beta=0.75, k=2.0), [r(2, 5, 3, 3)])
    case('LocalResponseNorm_3d', nn.LocalResponseNorm(2), [r(2, 4, 3)])
    # PyTorch 1.13's CrossMapLRN2d forward never drops channel 0 from its running window sum (`c > pre_pad`
    # where Torch7's intent, and its own backward, is the symmetric window); with at most size//2 + 1 channels
    # the two agree, so the references stay within that range (ours is the symmetric window throughout).
    case('CrossMapLRN2d', nn.CrossMapLRN2d(3, alpha=0.1, beta=0.75, k=2.0), [r(2, 2, 3, 3)])
    case('CrossMapLRN2d_5', nn.CrossMapLRN2d(5, alpha=0.3, beta=0.5, k=1.5), [r(1, 3, 2, 2)])

    # ---- embedding
    case('Embedding', nn.Embedding(10, 3), [torch.tensor([[1, 2, 4], [4, 3, 9]])])
    case('Embedding_padding', nn.Embedding(10, 3, padding_idx=0), [torch.tensor([[0, 2, 0, 5], [2, 3, 0, 2]])])
    case('Embedding_maxnorm', nn.Embedding(6, 3, max_norm=1.0, norm_type=1.5), [torch.tensor([[1, 2], [5, 1]])])
    case('Embedding_freq', nn.Embedding(6, 2, scale_grad_by_freq=True), [torch.tensor([1, 1, 2, 5, 1])])
    case('EmbeddingBag_sum', nn.EmbeddingBag(10, 3, mode='sum'), [torch.tensor([1, 2, 4, 5, 4, 3, 2, 9]), torch.tensor([0, 4])])
    case('EmbeddingBag_mean', nn.EmbeddingBag(10, 3, mode='mean'), [torch.tensor([[1, 2, 4], [4, 3, 9]])])
    case('EmbeddingBag_max', nn.EmbeddingBag(10, 3, mode='max'), [torch.tensor([[1, 2, 4], [4, 3, 9]])])

    # ---- distances, shuffles, padding, upsampling
    case('PairwiseDistance', nn.PairwiseDistance(), [r(4, 3), r(4, 3)])
    case('PairwiseDistance_p1', nn.PairwiseDistance(p=1, keepdim=True), [r(4, 3), r(4, 3)])
    case('CosineSimilarity', nn.CosineSimilarity(dim=1), [r(4, 3), r(4, 3)])
    case('PixelShuffle', nn.PixelShuffle(2), [r(1, 8, 2, 3)])
    case('ZeroPad2d', nn.ZeroPad2d((1, 2, 0, 1)), [r(1, 2, 3, 3)])
    case('ConstantPad1d', nn.ConstantPad1d((2, -1), 3.5), [r(2, 3, 4)])
    case('ConstantPad2d', nn.ConstantPad2d(1, -1.0), [r(2, 2, 2)])
    case('ConstantPad3d', nn.ConstantPad3d((1, 0, 0, 1, 1, 1), 0.5), [r(1, 1, 2, 2, 2)])
    case('ReflectionPad1d', nn.ReflectionPad1d((2, 1)), [r(1, 2, 4)])
    case('ReflectionPad2d', nn.ReflectionPad2d((1, 2, 2, 0)), [r(1, 2, 3, 4)])
    case('ReplicationPad1d', nn.ReplicationPad1d((3, 1)), [r(1, 2, 3)])
    case('ReplicationPad2d', nn.ReplicationPad2d((1, 2, 2, 0)), [r(1, 2, 3, 4)])
    case('ReplicationPad3d', nn.ReplicationPad3d(1), [r(1, 1, 2, 3, 2)])
    case('Upsample_nearest', nn.Upsample(scale_factor=2), [r(1, 2, 2, 3)])
    case('Upsample_nearest_size', nn.Upsample(size=(5, 4)), [r(1, 2, 2, 3)])
    case('Upsample_nearest_1d', nn.Upsample(scale_factor=3), [r(2, 2, 3)])
    case('Upsample_bilinear', nn.Upsample(scale_factor=2, mode='bilinear', align_corners=False), [r(1, 2, 3, 3)])
    case('Upsample_bilinear_ac', nn.Upsample(size=(4, 5), mode='bilinear', align_corners=True), [r(1, 2, 3, 3)])
    case('Upsample_bilinear_down', nn.Upsample(size=(2, 3), mode='bilinear'), [r(1, 1, 5, 4)])
    case('Upsample_linear', nn.Upsample(scale_factor=1.5, mode='linear'), [r(1, 2, 4)])
    case('Upsample_trilinear', nn.Upsample(scale_factor=2, mode='trilinear'), [r(1, 1, 2, 2, 3)])

    # ---- losses: every reduction
    for red in ['mean', 'sum', 'none']:
        p, t = r(3, 4), r(3, 4)
        lcase('L1Loss_' + red, nn.L1Loss(reduction=red), [p, t])
        lcase('MSELoss_' + red, nn.MSELoss(reduction=red), [p, t])
        lcase('SmoothL1Loss_' + red, nn.SmoothL1Loss(reduction=red, beta=0.7), [p, t])
        lcase('SoftMarginLoss_' + red, nn.SoftMarginLoss(reduction=red), [p, torch.randint(0, 2, (3, 4)) * 2.0 - 1])
        lcase('BCELoss_' + red, nn.BCELoss(reduction=red, weight=r(4, lo=0.5, hi=2)), [r(3, 4, lo=0.05, hi=0.95), torch.rand(3, 4)])
        lcase('BCEWithLogitsLoss_' + red, nn.BCEWithLogitsLoss(reduction=red, pos_weight=r(4, lo=0.5, hi=3)), [r(3, 4, lo=-30, hi=30), torch.rand(3, 4)])
        lcase('NLLLoss_' + red, nn.NLLLoss(reduction=red, weight=r(5, lo=0.2, hi=2), ignore_index=2), [F.log_softmax(r(6, 5), 1), torch.tensor([0, 2, 4, 1, 2, 3])])
        lcase('NLLLoss2d_' + red, nn.NLLLoss(reduction=red), [F.log_softmax(r(2, 3, 2, 2), 1), labels(2, 3, 2, 2)])
        lcase('CrossEntropyLoss_' + red, nn.CrossEntropyLoss(reduction=red, weight=r(5, lo=0.2, hi=2), ignore_index=1), [r(6, 5), torch.tensor([0, 1, 4, 1, 2, 3])])
        lcase('CrossEntropyLoss_smooth_' + red, nn.CrossEntropyLoss(reduction=red, label_smoothing=0.2), [r(4, 5), labels(4, 5)])
        lcase('CrossEntropyLoss_smoothw_' + red, nn.CrossEntropyLoss(reduction=red, weight=r(5, lo=0.2, hi=2), label_smoothing=0.1, ignore_index=0), [r(6, 5), torch.tensor([0, 1, 4, 1, 2, 3])])
        lcase('CrossEntropyLoss_probs_' + red, nn.CrossEntropyLoss(reduction=red), [r(4, 5), F.softmax(r(4, 5), 1)])
        lcase('PoissonNLLLoss_' + red, nn.PoissonNLLLoss(reduction=red, full=True), [r(3, 4), torch.randint(0, 5, (3, 4)).double()])
        lcase('PoissonNLLLoss_nolog_' + red, nn.PoissonNLLLoss(reduction=red, log_input=False), [r(3, 4, lo=0.1, hi=3), torch.randint(0, 5, (3, 4)).double()])
        lcase('KLDivLoss_' + red, nn.KLDivLoss(reduction=red), [F.log_softmax(r(3, 4), 1), torch.cat([F.softmax(r(2, 4), 1), torch.tensor([[0.5, 0.5, 0.0, 0.0]])])])
        lcase('MarginRankingLoss_' + red, nn.MarginRankingLoss(reduction=red, margin=0.3), [r(5), r(5), torch.tensor([1.0, -1, 1, -1, 1])])
        lcase('HingeEmbeddingLoss_' + red, nn.HingeEmbeddingLoss(reduction=red, margin=1.5), [r(3, 4), torch.randint(0, 2, (3, 4)) * 2.0 - 1])
        lcase('MultiLabelMarginLoss_' + red, nn.MultiLabelMarginLoss(reduction=red), [r(2, 4), torch.tensor([[3, 0, -1, 1], [1, 2, 3, -1]])])
        lcase('MultiLabelSoftMarginLoss_' + red, nn.MultiLabelSoftMarginLoss(reduction=red, weight=r(4, lo=0.5, hi=2)), [r(3, 4), torch.randint(0, 2, (3, 4)).double()])
        lcase('CosineEmbeddingLoss_' + red, nn.CosineEmbeddingLoss(reduction=red, margin=0.2), [r(4, 3), r(4, 3), torch.tensor([1.0, -1, -1, 1])])
        lcase('MultiMarginLoss_' + red, nn.MultiMarginLoss(reduction=red, p=2, margin=0.8, weight=r(5, lo=0.5, hi=2)), [r(4, 5), labels(4, 5)])
        case('TripletMarginLoss_' + red, nn.TripletMarginLoss(reduction=red, margin=2.0, swap=True), [r(4, 3), r(4, 3), r(4, 3)])
    lcase('KLDivLoss_batchmean', nn.KLDivLoss(reduction='batchmean'), [F.log_softmax(r(3, 4), 1), F.softmax(r(3, 4), 1)])
    lcase('KLDivLoss_logtarget', nn.KLDivLoss(reduction='sum', log_target=True), [F.log_softmax(r(3, 4), 1), F.log_softmax(r(3, 4), 1)])
    lcase('MultiMarginLoss_p1', nn.MultiMarginLoss(), [r(4, 5), labels(4, 5)])
    lcase('CrossEntropyLoss_2d', nn.CrossEntropyLoss(), [r(2, 3, 2, 2), labels(2, 3, 2, 2)])
    lcase('CrossEntropyLoss_batch1', nn.CrossEntropyLoss(), [r(1, 4), labels(1, 4)])
    lcase('CrossEntropyLoss_unbatched', nn.CrossEntropyLoss(), [r(4), torch.tensor(2)])

    # ---- recurrent
    case('RNN_tanh', nn.RNN(3, 4), [r(5, 2, 3)])
    case('RNN_relu_2layer_h0', nn.RNN(3, 4, num_layers=2, nonlinearity='relu'), [r(4, 2, 3), r(2, 2, 4)])
    case('RNN_bidir_batchfirst', nn.RNN(3, 4, bidirectional=True, batch_first=True), [r(2, 5, 3)])
    case('LSTM', nn.LSTM(3, 4), [r(5, 2, 3)])
    case('LSTM_2layer_bidir_state', WithState(nn.LSTM(3, 4, num_layers=2, bidirectional=True, batch_first=True)), [r(2, 4, 3), r(4, 2, 4), r(4, 2, 4)])
    case('LSTM_unbatched', nn.LSTM(3, 2, num_layers=2), [r(4, 3)])
    case('LSTM_nobias_batch1', nn.LSTM(3, 2, bias=False), [r(3, 1, 3)])
    case('GRU', nn.GRU(3, 4), [r(5, 2, 3)])
    case('GRU_2layer_bidir', nn.GRU(3, 4, num_layers=2, bidirectional=True), [r(4, 3, 3), r(4, 3, 4)])
    case('LSTM_packed', Packed(nn.LSTM(3, 4, num_layers=2, bidirectional=True)), [r(5, 3, 3), r(4, 3, 4), r(4, 3, 4), torch.tensor([3, 5, 2])], grad_inputs=[0, 1, 2])
    case('GRU_packed_batchfirst', Packed(nn.GRU(3, 4, batch_first=True, bidirectional=True)), [r(4, 4, 3), torch.tensor([2, 4, 4, 1])], grad_inputs=[0])
    case('RNN_packed', Packed(nn.RNN(2, 3, num_layers=2)), [r(4, 3, 2), torch.tensor([4, 3, 1])], grad_inputs=[0])
    case('RNNCell', nn.RNNCell(3, 4), [r(2, 3), r(2, 4)])
    case('RNNCell_relu', nn.RNNCell(3, 4, nonlinearity='relu'), [r(2, 3)])
    case('LSTMCell', WithState(nn.LSTMCell(3, 4)), [r(2, 3), r(2, 4), r(2, 4)])
    case('LSTMCell_zero_state', nn.LSTMCell(3, 4, bias=False), [r(1, 3)])
    case('GRUCell', nn.GRUCell(3, 4), [r(3), r(4)])

    # ---- containers
    case('Sequential_mlp', nn.Sequential(nn.Linear(4, 6), nn.ReLU(), nn.Linear(6, 3), nn.LogSoftmax(1)), [r(5, 4)])

    # ---- fractional and power-average pooling, transposed convolution to a requested size (appended last,
    # so the cases above keep their seeds)
    case('FractionalMaxPool2d', nn.FractionalMaxPool2d(3, output_size=(4, 5), _random_samples=torch.rand(2, 3, 2)), [r(2, 3, 9, 10)])
    case('FractionalMaxPool2d_ratio_unbatched', nn.FractionalMaxPool2d((2, 3), output_ratio=(0.5, 0.7), _random_samples=torch.rand(1, 2, 2)),
         [r(2, 8, 9)])
    case('LPPool2d', nn.LPPool2d(2, 3, stride=2), [r(2, 3, 7, 7)])
    case('LPPool2d_p3_ceil', nn.LPPool2d(3, (2, 3), stride=(2, 1), ceil_mode=True), [r(1, 2, 5, 6, lo=0.1)])
    case('LPPool2d_unbatched', nn.LPPool2d(1.5, 2), [r(2, 4, 4, lo=0.1)])
    case('LPPool1d', nn.LPPool1d(2, 3, stride=2), [r(2, 3, 9)])
    case('LPPool1d_p1_ceil', nn.LPPool1d(1, 2, ceil_mode=True), [r(2, 2, 7)])
    case('ConvTranspose1d_output_size', WithOutputSize(nn.ConvTranspose1d(2, 3, 3, stride=2), [10]), [r(2, 2, 4)])
    case('ConvTranspose2d_output_size', WithOutputSize(nn.ConvTranspose2d(2, 3, 3, stride=2, padding=1, dilation=(1, 2)), [8, 11]), [r(1, 2, 4, 5)])
    case('ConvTranspose2d_output_size_full', WithOutputSize(nn.ConvTranspose2d(2, 2, 2, stride=3, groups=2), [1, 2, 10, 12]), [r(1, 2, 3, 4)])
    case('ConvTranspose3d_output_size', WithOutputSize(nn.ConvTranspose3d(2, 2, 2, stride=2), [5, 6, 5]), [r(1, 2, 2, 3, 2)])

    gf.write('nn.json', CASES, generator='tools/gen_fixtures_nn.py')


if __name__ == '__main__':
    main()
