#!/usr/bin/python3
"""Reference gradients from real PyTorch for composite expressions (packages/autograd/test/fixtures.test.ts).

    /usr/bin/python3 tools/gen_fixtures_autograd.py      # or: pnpm fixtures

Writes packages/autograd/test/fixtures/autograd.json (deterministic). A case is
  {"name", "inputs": [nested lists, float64, all require grad], "consts": [nested lists], "grad_output",
   "output", "grads": [one nested list per input]}
The test holds the same expression under the same name, written with Variables.
"""
import json
import math
import os

import torch

torch.manual_seed(7)
torch.set_default_dtype(torch.float64)


def r(*shape, lo=-1.0, hi=1.0):
    return torch.rand(tuple(shape)) * (hi - lo) + lo


def mlp(x, w1, b1, w2):
    return (x.mm(w1) + b1).tanh().mm(w2)


def sigmoid_mix(a, b):
    return (a * b).sigmoid() * a.exp() / (b.abs() + 1)


def rnn(W, U, xs):
    h = torch.zeros(1, 3)
    loss = torch.zeros(())
    for t in range(xs.shape[0]):
        h = (h.mm(W) + xs[t].mm(U)).tanh()
        loss = loss + h.mm(torch.ones(3, 1)).view(())
    return loss


def views_inplace(a):
    h = a * 2
    h[1].mul_(3)
    h[:, 0] = a[:, 3].exp()
    return h.t().mm(a.narrow(1, 0, 2))


def broadcast_div_pow(a, b):
    return (a.pow(2) + b).div(b * b + 1)


def cat_where(a, b):
    w = torch.where(a > 0, a * b, b.sin())
    return torch.cat([w, a.flip(1)], 0).unfold(1, 2, 1).matmul(b[0, :2])


def hvp(x, v):
    y = (x.sin() * x).pow(2)
    (g,) = torch.autograd.grad(y, x, torch.ones(3), create_graph=True)
    return g * v


# LAPACK family: decompositions enter through sign-invariant expressions (U*U, V*V, Q*Q), since the signs
# of singular/eigen vectors are LAPACK's choice.
def solve_logdet(a, b):
    x = torch.linalg.solve(a, b)
    return x.t().matmul(torch.inverse(a)) + torch.logdet(a) + torch.slogdet(a)[1] * torch.det(a)


def cholesky_chain(m, b):
    s = m.matmul(m.t()) + 3 * torch.eye(3)
    l = torch.cholesky(s)
    x = torch.cholesky_solve(b, l)
    t = torch.triangular_solve(b, l, upper=False)
    return x + torch.cholesky_inverse(l).matmul(b) + t.solution + t.cloned_coefficient.matmul(b)


def svd_qr(a):
    u, s, v = torch.svd(a)
    q, r = torch.qr(a)
    return (u * u).matmul(v * v) * s + (q * q).matmul(r * r)


def symeig_powers(m, p):
    e, v = torch.symeig((m + m.t()) / 2, eigenvectors=True)
    return (v * v) * e + torch.det(m) * torch.linalg.matrix_power(m, 3) + torch.linalg.matrix_power(m, -2) + torch.pinverse(p).matmul(p.pow(2))


def lstsq_solution(a, b):
    return torch.linalg.lstsq(a, b, driver='gels').solution.pow(2)


# Reductions and indexing (issue 4).
def reductions(a, b):
    return (a.sum(1, keepdim=True) * a.prod(0) + a.var(1, keepdim=True) + a.std(0, unbiased=False)
            + a.norm(3, 1, keepdim=True) + torch.logsumexp(a, 0) + a.cumsum(1) * a.cumprod(0)
            + torch.dist(a, b) + a.renorm(2, 0, 0.9) + a.norm(float('inf')) + a.max() + a.min(1, keepdim=True)[0])


def selecting(a):
    return (a.sort(1, descending=True)[0] * a.topk(2, 0)[0].sum(0) + a.median(1, keepdim=True)[0]
            + a.kthvalue(2, 0)[0] + a.mean((0, 1)))


def indexing(a, s):
    i = torch.tensor([2, 0, 2])
    y = a.index_select(0, i) + a.gather(1, torch.tensor([[0, 3, 3, 1], [2, 2, 0, 1], [1, 1, 1, 1]]))
    y = y.scatter_add(0, torch.tensor([[1, 1, 0, 2]]), s) + a.masked_fill(a > 0, 0.5) * a.take(torch.tensor([0, 11, 5, 5]))
    z = a.index_add(1, torch.tensor([0, 0]), s[:, :2].expand(3, 2) * 1.0) + a[[0, 0, 2], 1:3].sum()
    z = z.index_put((torch.tensor([1, 1]),), s.expand(2, 4), accumulate=True)
    buf = torch.zeros(3, 4)
    buf[a > 0.2] = a[a > 0.2] * 2
    return y * z + buf + a.masked_select(a < 0).sum() + torch.zeros(12).put(torch.tensor([1, 1, 4]), s.view(4)[:3], accumulate=True).view(3, 4)


def mlp_nll(x, w1, b1, w2, b2, target):
    h = torch.relu(x.mm(w1) + b1)
    logits = h.mm(w2) + b2
    logp = logits - logits.logsumexp(1, keepdim=True)
    return torch.nn.functional.nll_loss(logp, target.long())


def softmax_mix(a, b):
    return torch.softmax(a, 1) * torch.log_softmax(b, 0) + torch.log_softmax(a.t() * 3, 0).t()


def mlp_log_softmax(x, w1, b1, w2, b2, target):
    h = torch.relu(x.mm(w1) + b1)
    return torch.nn.functional.nll_loss(torch.log_softmax(h.mm(w2) + b2, 1), target.long())


def fixed(*shape, scale=1.0):
    """Inputs that draw nothing from the generator, so cases added here leave the others' values alone."""
    return torch.cos(torch.arange(math.prod(shape), dtype=torch.float64) * 1.7).view(*shape) * scale


def well_conditioned(n):
    return r(n, n, lo=-0.3, hi=0.3) + 2 * torch.eye(n)


CASES = [
    ('mlp_tanh', mlp, [r(4, 3), r(3, 5), r(5), r(5, 2)], []),
    ('sigmoid_mix', sigmoid_mix, [r(2, 3), r(3, lo=0.2, hi=1.0)], []),
    ('rnn_loop', rnn, [r(3, 3, lo=-0.5, hi=0.5), r(2, 3, lo=-0.5, hi=0.5)], [r(6, 1, 2)]),
    ('views_inplace', views_inplace, [r(3, 4)], []),
    ('broadcast_div_pow', broadcast_div_pow, [r(2, 1, 3), r(4, 1)], []),
    ('cat_where', cat_where, [r(2, 3), r(2, 3)], []),
    ('hvp', hvp, [r(3), r(3)], []),
    ('solve_logdet', solve_logdet, [well_conditioned(3), r(3, 2)], []),
    ('cholesky_chain', cholesky_chain, [r(3, 3), r(3, 2)], []),
    ('svd_qr', svd_qr, [r(4, 3)], []),
    ('symeig_powers', symeig_powers, [well_conditioned(3), r(4, 3)], []),
    ('lstsq_solution', lstsq_solution, [r(5, 3), r(5, 2)], []),
    ('reductions', reductions, [r(3, 4, lo=0.2, hi=1.2), r(4)], []),
    ('selecting', selecting, [r(3, 4)], []),
    ('indexing', indexing, [r(3, 4), r(1, 4)], []),
    ('mlp_nll', mlp_nll, [r(5, 6), r(6, 4), r(4), r(4, 3), r(3)], [torch.tensor([0., 2., 1., 2., 0.])]),
    ('softmax_mix', softmax_mix, [fixed(3, 4, scale=2.0), fixed(3, 4)], []),
    ('mlp_log_softmax', mlp_log_softmax, [fixed(5, 6), fixed(6, 4, scale=0.5), fixed(4), fixed(4, 3), fixed(3)], [torch.tensor([0., 2., 1., 2., 0.])]),
]


def main():
    out = []
    for name, fn, inputs, consts in CASES:
        ins = [t.clone().requires_grad_(True) for t in inputs]
        y = fn(*ins, *consts)
        go = r(*y.shape)
        grads = torch.autograd.grad(y, ins, go, allow_unused=True)
        out.append({
            'name': name,
            'inputs': [t.tolist() for t in inputs],
            'consts': [t.tolist() for t in consts],
            'grad_output': go.tolist(),
            'output': y.tolist(),
            'grads': [None if g is None else g.tolist() for g in grads],
        })
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'packages', 'autograd', 'test', 'fixtures', 'autograd.json')
    with open(path, 'w') as f:
        json.dump({'generator': os.path.basename(__file__), 'torch': torch.__version__, 'cases': out}, f)
        f.write('\n')


if __name__ == '__main__':
    main()
