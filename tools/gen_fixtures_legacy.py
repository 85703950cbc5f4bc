#!/usr/bin/python3
"""Reference losses and input gradients from real PyTorch 1.13 for the legacy nn criteria.

PyTorch 1.0 removed torch.legacy, so each Torch7 criterion is checked against the new nn's functional
twin with the same definition (sizeAverage=true is reduction='mean'). Run with Debian's python3-torch:

    /usr/bin/python3 tools/gen_fixtures_legacy.py

It writes packages/legacy-nn/test/fixtures/criteria.json (deterministic: fixed seed, sorted keys).
Tensors are {"shape", "data"} in float64; integer targets are {"shape", "data", "dtype": "int64"}.
"""
import json
import os

import torch
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'packages', 'legacy-nn', 'test', 'fixtures', 'criteria.json')


def enc(t):
    out = {'shape': list(t.shape), 'data': t.detach().reshape(-1).tolist()}
    if not t.is_floating_point():
        out['dtype'] = 'int64'
    return out


def case(fn, inputs, extra, n_grad=1):
    """fn(*inputs, *extra) -> loss; gradients with respect to the first n_grad inputs."""
    leaves = [x.clone().requires_grad_(True) for x in inputs[:n_grad]]
    loss = fn(*leaves, *inputs[n_grad:], *extra)
    loss.backward()
    return {'inputs': [enc(x) for x in inputs], 'loss': loss.item(), 'grads': [enc(x.grad) for x in leaves]}


def main():
    torch.manual_seed(7)
    d = torch.float64
    x = torch.randn(4, 5, dtype=d)
    pm = torch.tensor([1., -1., -1., 1.], dtype=d)
    cls = torch.tensor([0, 4, 2, 2])
    w = torch.tensor([1., 2., 3., 4., 5.], dtype=d)
    a, b = torch.randn(4, 5, dtype=d), torch.randn(4, 5, dtype=d)
    s1, s2 = torch.randn(6, dtype=d), torch.randn(6, dtype=d)
    pm6 = torch.tensor([1., -1., 1., 1., -1., -1.], dtype=d)
    ml = torch.tensor([[3, 0, -1, 1, 2], [1, -1, 0, 0, 0], [0, 1, 2, 3, 4], [-1, 0, 0, 0, 0]])
    bits = (torch.rand(4, 5) > 0.5).to(d)
    probs = torch.softmax(torch.randn(4, 5, dtype=d), 1)
    fixtures = {
        'HingeEmbedding': case(lambda x, y: F.hinge_embedding_loss(x, y, margin=1.2), [x.abs(), pm.view(4, 1).expand(4, 5).contiguous()], []),
        'CosineEmbedding': case(lambda a, b, y: F.cosine_embedding_loss(a, b, y, margin=0.1), [a, b, pm], [], n_grad=2),
        'MarginRanking': case(lambda p, q, y: F.margin_ranking_loss(p, q, y, margin=0.3), [s1, s2, pm6], [], n_grad=2),
        'SoftMargin': case(lambda x, y: F.soft_margin_loss(x, y), [s1, pm6], []),
        'MultiMargin p1': case(lambda x, t: F.multi_margin_loss(x, t, p=1, margin=1.0), [x, cls], []),
        'MultiMargin p2 weighted': case(lambda x, t: F.multi_margin_loss(x, t, p=2, margin=0.5, weight=w), [x, cls], []),
        'MultiLabelMargin': case(lambda x, t: F.multilabel_margin_loss(x, t), [x, ml], []),
        'MultiLabelSoftMargin': case(lambda x, y: F.multilabel_soft_margin_loss(x, y), [x, bits], []),
        'MultiLabelSoftMargin weighted': case(lambda x, y: F.multilabel_soft_margin_loss(x, y, weight=w), [x, bits], []),
        'DistKLDiv': case(lambda x, t: F.kl_div(x, t, reduction='mean'), [torch.log_softmax(x, 1), probs], []),
        'MSE': case(lambda x, t: F.mse_loss(x, t), [x, a], []),
        'Abs': case(lambda x, t: F.l1_loss(x, t), [x, a], []),
        'SmoothL1': case(lambda x, t: F.smooth_l1_loss(x, t), [x, a], []),
        'BCE': case(lambda x, t: F.binary_cross_entropy(x, t), [torch.sigmoid(x), bits], []),
        'ClassNLL weighted': case(lambda x, t: F.nll_loss(x, t, weight=w), [torch.log_softmax(x, 1), cls], []),
        'CrossEntropy ignore 2': case(lambda x, t: F.cross_entropy(x, t, ignore_index=2), [x, cls], []),
        'SpatialClassNLL': case(lambda x, t: F.nll_loss(x, t), [torch.log_softmax(torch.randn(2, 3, 2, 2, dtype=d), 1), torch.tensor([[[0, 2], [1, 1]], [[2, 2], [0, 1]]])], []),
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, 'w') as f:
        json.dump(fixtures, f, sort_keys=True, separators=(',', ':'))
        f.write('\n')


if __name__ == '__main__':
    main()
