#!/usr/bin/python3
"""Reference values from real PyTorch for the nn layer ops (packages/core/test/nn-kernels.test.ts and
packages/autograd/test/nn.test.ts).

    /usr/bin/python3 tools/gen_fixtures_nn_kernels.py      # or: pnpm fixtures

Writes packages/core/test/fixtures/nn_kernels.json (deterministic). Encoding as tools/gen_fixtures.py; a case is
  {"op" (our function name: conv2d, maxPool2d, batchNorm ...), "tag", "inputs" (tensor specs by argument name),
   "args" (the JS arguments after the tensors: kernelSize / outputSize and the options object, camelCase),
   "expected": {"output", "indices"?, "runningMean"?, "runningVar"?},
   "gradOutput" (a spec) and "grads" ({argument name: gradient of sum(output * gradOutput)}) where differentiable}
"""
import os
import sys

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_fixtures as gf  # noqa: E402


def rnd(*shape, dtype=torch.float32):
    # Values on a 1/64 grid: exact in float32, so both sides start from the same numbers.
    return (torch.randn(*shape, dtype=torch.float64) * 32).round().div(64).to(dtype)


def case(op, tag, fn, inputs, args, grad_names=None, extra=None):
    """Runs fn(**inputs) (with grad on grad_names) and records output, gradients and extra outputs."""
    leaves = {k: (v.clone().requires_grad_(True) if grad_names and k in grad_names else v.clone()) for k, v in inputs.items()}
    out = fn(**leaves)
    indices = None
    if isinstance(out, tuple):
        out, indices = out
    c = {'op': op, 'tag': tag, 'inputs': {k: gf.enc_tensor(v) for k, v in inputs.items()}, 'args': args,
         'expected': {'output': gf.enc_tensor(out.detach())}}
    if indices is not None:
        c['expected']['indices'] = gf.enc_tensor(indices)
    if extra:
        for k, v in extra(leaves).items():
            c['expected'][k] = gf.enc_tensor(v)
    if grad_names:
        gy = rnd(*out.shape, dtype=out.dtype)
        (out * gy).sum().backward()
        c['gradOutput'] = gf.enc_tensor(gy)
        c['grads'] = {k: gf.enc_tensor(leaves[k].grad) for k in grad_names}
    return c


def conv_cases():
    cs = []
    specs = [
        # (nd, tag, N, Cin, Cout, spatial, kernel, options, bias, dtype)
        (2, 'basic pad1', 2, 3, 4, (5, 5), (3, 3), {'padding': 1}, True, torch.float32),
        (2, 'stride2 no bias', 2, 2, 3, (7, 6), (3, 2), {'stride': 2}, False, torch.float32),
        (2, 'dilation pad', 1, 2, 2, (7, 7), (3, 3), {'dilation': 2, 'padding': [2, 1]}, True, torch.float32),
        (2, 'groups', 2, 4, 6, (5, 5), (3, 3), {'groups': 2, 'padding': 1}, True, torch.float64),
        (2, '1x1', 3, 4, 5, (4, 3), (1, 1), {}, True, torch.float32),
        (2, 'depthwise stride', 1, 3, 3, (6, 6), (3, 3), {'groups': 3, 'stride': [2, 1], 'padding': 1}, True, torch.float64),
        (1, 'conv1d', 2, 3, 2, (9,), (3,), {'padding': 1, 'stride': 2}, True, torch.float32),
        (1, 'conv1d dilation', 1, 2, 4, (10,), (2,), {'dilation': 3}, False, torch.float64),
        (3, 'conv3d', 1, 2, 3, (4, 5, 5), (2, 3, 3), {'padding': [0, 1, 1], 'stride': [1, 2, 1]}, True, torch.float32),
    ]
    for nd, tag, n, cin, cout, sp, k, opts, bias, dt in specs:
        g = opts.get('groups', 1)
        inputs = {'input': rnd(n, cin, *sp, dtype=dt), 'weight': rnd(cout, cin // g, *k, dtype=dt)}
        if bias:
            inputs['bias'] = rnd(cout, dtype=dt)
        fn = [F.conv1d, F.conv2d, F.conv3d][nd - 1]
        cs.append(case('conv%dd' % nd, tag, lambda input, weight, bias=None: fn(input, weight, bias, **opts), inputs, [opts],
                       list(inputs.keys())))
    tspecs = [
        (2, 'transposed stride2 outpad', 2, 3, 2, (4, 3), (3, 3), {'stride': 2, 'padding': 1, 'output_padding': 1}, True, torch.float32),
        (2, 'transposed groups dilation', 1, 4, 6, (3, 3), (2, 2), {'groups': 2, 'dilation': 2}, True, torch.float64),
        (1, 'transposed1d', 2, 2, 3, (5,), (3,), {'stride': 3}, False, torch.float32),
        (3, 'transposed3d', 1, 2, 2, (2, 3, 2), (2, 2, 2), {'stride': 2}, True, torch.float64),
    ]
    for nd, tag, n, cin, cout, sp, k, opts, bias, dt in tspecs:
        g = opts.get('groups', 1)
        inputs = {'input': rnd(n, cin, *sp, dtype=dt), 'weight': rnd(cin, cout // g, *k, dtype=dt)}
        if bias:
            inputs['bias'] = rnd(cout, dtype=dt)
        fn = [F.conv_transpose1d, F.conv_transpose2d, F.conv_transpose3d][nd - 1]
        js = {('outputPadding' if key == 'output_padding' else key): v for key, v in opts.items()}
        cs.append(case('convTranspose%dd' % nd, tag, lambda input, weight, bias=None: fn(input, weight, bias, **opts), inputs, [js],
                       list(inputs.keys())))
    return cs


def camel(opts):
    m = {'ceil_mode': 'ceilMode', 'count_include_pad': 'countIncludePad', 'divisor_override': 'divisorOverride', 'return_indices': 'returnIndices'}
    return {m.get(k, k): v for k, v in opts.items()}


def pool_cases():
    cs = []
    maxs = [
        (2, 'k2', (2, 3, 6, 6), 2, {}),
        (2, 'k3 s2 pad1 ceil', (1, 2, 7, 8), 3, {'stride': 2, 'padding': 1, 'ceil_mode': True}),
        (2, 'dilation', (1, 2, 9, 9), [2, 3], {'dilation': 2, 'stride': 1}),
        (2, 'unbatched ceil', (2, 5, 5), 2, {'ceil_mode': True}),
        (1, 'maxPool1d', (2, 3, 11), 3, {'stride': 2, 'padding': 1}),
        (3, 'maxPool3d', (1, 2, 5, 5, 4), 2, {'stride': [2, 2, 1], 'ceil_mode': True}),
    ]
    for nd, tag, shape, k, opts in maxs:
        fn = [F.max_pool1d, F.max_pool2d, F.max_pool3d][nd - 1]
        o = dict(opts, return_indices=True)
        cs.append(case('maxPool%dd' % nd, tag, lambda input: fn(input, k, **o), {'input': rnd(*shape)}, [k, camel(o)], ['input']))
    avgs = [
        (2, 'k2', (2, 3, 6, 6), 2, {}),
        (2, 'k3 s2 pad1 ceil', (1, 2, 7, 8), 3, {'stride': 2, 'padding': 1, 'ceil_mode': True}),
        (2, 'exclude pad', (1, 2, 5, 5), 3, {'stride': 2, 'padding': 1, 'count_include_pad': False}),
        (2, 'divisor', (1, 1, 4, 4), 2, {'divisor_override': 3}),
        (1, 'avgPool1d ceil', (2, 2, 10), 3, {'stride': 2, 'ceil_mode': True, 'padding': 1, 'count_include_pad': False}),
        (3, 'avgPool3d', (1, 2, 4, 5, 6), [2, 2, 3], {'stride': [1, 2, 3], 'padding': [1, 0, 1]}),
    ]
    for nd, tag, shape, k, opts in avgs:
        fn = [F.avg_pool1d, F.avg_pool2d, F.avg_pool3d][nd - 1]
        cs.append(case('avgPool%dd' % nd, tag, lambda input: fn(input, k, **opts), {'input': rnd(*shape, dtype=torch.float64)},
                       [k, camel(opts)], ['input']))
    for nd, tag, shape, size in [(1, 'adaptive1d', (2, 3, 10), 4), (2, 'adaptive2d', (1, 2, 7, 9), [3, 4]), (2, 'adaptive2d global', (2, 3, 5, 5), 1),
                                 (2, 'adaptive2d upsample', (1, 1, 3, 2), [5, 4])]:
        fa = [F.adaptive_avg_pool1d, F.adaptive_avg_pool2d][nd - 1]
        fm = [F.adaptive_max_pool1d, F.adaptive_max_pool2d][nd - 1]
        cs.append(case('adaptiveAvgPool%dd' % nd, tag, lambda input: fa(input, size), {'input': rnd(*shape)}, [size], ['input']))
        cs.append(case('adaptiveMaxPool%dd' % nd, tag, lambda input: fm(input, size, return_indices=True), {'input': rnd(*shape)},
                       [size, {'returnIndices': True}], ['input']))
    for nd, tag, shape, k, opts in [(1, 'unpool1d', (2, 2, 8), 2, {}), (2, 'unpool2d s1', (1, 2, 5, 5), 2, {'stride': 1}),
                                    (2, 'unpool2d output size', (1, 1, 5, 5), 2, {'output_size': [5, 5]}), (3, 'unpool3d', (1, 1, 4, 4, 4), 2, {})]:
        pool = [F.max_pool1d, F.max_pool2d, F.max_pool3d][nd - 1]
        unpool = [F.max_unpool1d, F.max_unpool2d, F.max_unpool3d][nd - 1]
        popts = {k2: v for k2, v in opts.items() if k2 == 'stride'}
        y, idx = pool(rnd(*shape), k, return_indices=True, **popts)
        js = {('outputSize' if k2 == 'output_size' else k2): v for k2, v in opts.items()}
        cs.append(case('maxUnpool%dd' % nd, tag, lambda input, indices: unpool(input, indices, k, **opts), {'input': y, 'indices': idx},
                       [k, js], ['input']))
    return cs


def norm_cases():
    cs = []
    for tag, shape, dt, affine in [('bn2d', (4, 3, 3, 3), torch.float32, True), ('bn1d 2d input', (6, 4), torch.float64, True),
                                   ('bn1d 3d no affine', (3, 2, 5), torch.float64, False), ('bn3d', (2, 2, 2, 3, 2), torch.float32, True)]:
        c = shape[1]
        inputs = {'input': rnd(*shape, dtype=dt), 'runningMean': rnd(c, dtype=dt), 'runningVar': rnd(c, dtype=dt).abs() + 0.5}
        if affine:
            inputs['weight'] = rnd(c, dtype=dt)
            inputs['bias'] = rnd(c, dtype=dt)
        names = ['input'] + (['weight', 'bias'] if affine else [])
        for training in (True, False):
            def fn(input, runningMean, runningVar, weight=None, bias=None):
                return F.batch_norm(input, runningMean, runningVar, weight, bias, training, 0.2, 1e-3)
            cs.append(case('batchNorm', '%s %s' % (tag, 'train' if training else 'eval'), fn, inputs, [training, 0.2, 1e-3], names,
                           extra=lambda leaves: {'runningMean': leaves['runningMean'], 'runningVar': leaves['runningVar']}))
    inputs = {'input': rnd(2, 3, 4, 4), 'runningMean': rnd(3), 'runningVar': rnd(3).abs() + 0.5, 'weight': rnd(3), 'bias': rnd(3)}
    def inorm(input, runningMean, runningVar, weight, bias):
        return F.instance_norm(input, runningMean, runningVar, weight, bias, True, 0.1, 1e-5)
    cs.append(case('instanceNorm', 'in2d', inorm, inputs, [True, 0.1, 1e-5], ['input', 'weight', 'bias'],
                   extra=lambda leaves: {'runningMean': leaves['runningMean'], 'runningVar': leaves['runningVar']}))
    return cs


def module_cases():
    """Running statistics of the norm modules over training steps then one evaluation step (packages/nn/test/layers.test.ts):
    {"module", "numFeatures", "options" (camelCase), "train": [inputs], "eval": input, "outputs": [train outputs..., eval output],
     "runningMean", "runningVar", "numBatchesTracked"}."""
    cs = []
    specs = [
        ('BatchNorm2d', torch.nn.BatchNorm2d, 3, {'momentum': 0.3}, (4, 3, 2, 2)),
        ('BatchNorm1d', torch.nn.BatchNorm1d, 4, {'momentum': None}, (5, 4)),
        ('BatchNorm3d', torch.nn.BatchNorm3d, 2, {'affine': False}, (2, 2, 2, 2, 3)),
        ('InstanceNorm2d', torch.nn.InstanceNorm2d, 3, {'affine': True, 'track_running_stats': True}, (2, 3, 3, 3)),
        ('InstanceNorm1d', torch.nn.InstanceNorm1d, 2, {}, (3, 2, 5)),
    ]
    for name, cls, nf, opts, shape in specs:
        m = cls(nf, **opts).double()
        if getattr(m, 'weight', None) is not None:
            with torch.no_grad():
                m.weight.copy_(rnd(nf, dtype=torch.float64))
                m.bias.copy_(rnd(nf, dtype=torch.float64))
        train = [rnd(*shape, dtype=torch.float64) for _ in range(3)]
        outs = [m(x).detach() for x in train]
        m.eval()
        ev = rnd(*shape, dtype=torch.float64)
        outs.append(m(ev).detach())
        c = {'module': name, 'numFeatures': nf, 'options': {('trackRunningStats' if k == 'track_running_stats' else k): v for k, v in opts.items()},
             'train': [gf.enc_tensor(x) for x in train], 'eval': gf.enc_tensor(ev), 'outputs': [gf.enc_tensor(o) for o in outs]}
        if getattr(m, 'weight', None) is not None:
            c['weight'] = gf.enc_tensor(m.weight.detach())
            c['bias'] = gf.enc_tensor(m.bias.detach())
        if m.running_mean is not None:
            c['runningMean'] = gf.enc_tensor(m.running_mean)
            c['runningVar'] = gf.enc_tensor(m.running_var)
            c['numBatchesTracked'] = int(m.num_batches_tracked)
        cs.append(c)
    return cs


def fractional_cases():
    """F.fractional_max_pool2d with explicit samples (the input "_randomSamples"; args: kernelSize, options)."""
    cs = []
    specs = [
        ('k2 float32', (2, 3, 9, 11), 2, {'output_size': [4, 6]}, torch.float32),
        ('k3 ratio float64', (1, 2, 10, 8), 3, {'output_ratio': [0.5, 0.6]}, torch.float64),
        ('k[2,3] unbatched', (3, 7, 12), [2, 3], {'output_size': [5, 5]}, torch.float32),
        ('output 1', (1, 1, 5, 6), 2, {'output_size': [1, 1]}, torch.float64),
        ('kernel = input', (2, 1, 3, 4), [3, 4], {'output_size': 1}, torch.float32),
    ]
    for tag, shape, k, opts, dt in specs:
        samples = torch.rand(1 if len(shape) == 3 else shape[0], shape[-3], 2, dtype=dt)
        o = dict(opts, return_indices=True)
        js = {('outputSize' if k2 == 'output_size' else 'outputRatio'): v for k2, v in opts.items()}
        js['returnIndices'] = True
        cs.append(case('fractionalMaxPool2d', tag, lambda input, _randomSamples: F.fractional_max_pool2d(input, k, _random_samples=_randomSamples, **o),
                       {'input': rnd(*shape, dtype=dt), '_randomSamples': samples}, [k, js], ['input']))
    return cs


def main():
    torch.manual_seed(0)
    kernels = conv_cases() + pool_cases() + norm_cases()
    layers = module_cases()
    # Seeded apart, so the cases above keep their values.
    torch.manual_seed(1)
    gf.write('nn_kernels.json', kernels + fractional_cases(), generator='tools/gen_fixtures_nn_kernels.py')
    gf.OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'packages', 'nn', 'test', 'fixtures')
    gf.write('nn_layers.json', layers, generator='tools/gen_fixtures_nn_kernels.py')


if __name__ == '__main__':
    main()
