#!/usr/bin/python3
"""Reference trajectories from real PyTorch for @torch/optim (packages/optim/test/fixtures.test.ts).

    /usr/bin/python3 tools/gen_fixtures_optim.py      # or: pnpm fixtures

Writes packages/optim/test/fixtures/{optimizers,schedulers}.json (deterministic: fixed seed, float64).

optimizers.json: {"problem": {"X", "Y", "W", "b"}, "cases": [...]}. The problem is a small nonlinear least
squares fit, loss(W, b) = mean((tanh(X W + b) - Y)^2), with W [3, 2] and b [2] as the parameters (in that
order). A case is
  {"name", "optimizer" (the JS class name), "options" (the JS options, camelCase), "groups"? (a list of
   {"params": [parameter indices], "options"}), "negate"? (the objective is -loss, for maximize),
   "closure"? (step is given a closure: LBFGS), "dtype"? ("float32": data and parameters are the float64
   problem rounded to float32; default float64), "steps", "losses" (the loss before each step),
   "trajectory" (W and b flattened and concatenated after each step), "state" ({param index: {JS state
   key: number or flat list}} after the last step; LBFGS: {"funcEvals", "nIter"})}

schedulers.json: cases {"name", "optimizer", "options", "groups"? (lrs of two groups), "scheduler" (JS
class name), "args" (positional JS arguments after the optimizer), "schedOptions", "metrics"? (passed to
ReduceLROnPlateau.step), "lrs" (every group's lr at the start of each epoch), "momenta" (momentum or
beta1 per group per epoch)}. LambdaLR's function is held by the test under the case's name.
"""
import os
import re
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_fixtures as gf  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'packages', 'optim', 'test', 'fixtures')
GEN = 'tools/gen_fixtures_optim.py'


def snake(key):
    return re.sub(r'([A-Z])', lambda m: '_' + m.group(1).lower(), key)


def camel(key):
    return re.sub(r'_([a-z])', lambda m: m.group(1).upper(), key)


def py_options(options):
    out = {}
    for k, v in options.items():
        if k == 'lineSearchFn' and v == 'strongWolfe':
            v = 'strong_wolfe'
        out[snake(k)] = tuple(v) if isinstance(v, list) else v
    return out


def flat(t):
    return [float(x) for x in t.detach().reshape(-1).tolist()]


# ---------------------------------------------------------------- optimizers

def problem():
    torch.manual_seed(0)
    X = torch.randn(8, 3)
    Y = torch.randn(8, 2) * 0.5
    W = torch.randn(3, 2) * 0.5
    b = torch.randn(2) * 0.1
    return X, Y, W, b


OPTIMIZER_CASES = [
    # (name, class, options, extra)
    ('sgd', 'SGD', {'lr': 0.1}, {}),
    ('sgd_momentum', 'SGD', {'lr': 0.05, 'momentum': 0.9}, {}),
    ('sgd_dampening', 'SGD', {'lr': 0.05, 'momentum': 0.8, 'dampening': 0.5}, {}),
    ('sgd_nesterov_wd', 'SGD', {'lr': 0.05, 'momentum': 0.9, 'nesterov': True, 'weightDecay': 0.1}, {}),
    ('sgd_maximize', 'SGD', {'lr': 0.1, 'momentum': 0.5, 'maximize': True}, {'negate': True}),
    ('sgd_groups', 'SGD', {'lr': 0.1}, {'groups': [{'params': [0], 'options': {'momentum': 0.9}},
                                                  {'params': [1], 'options': {'lr': 0.01, 'weightDecay': 0.5}}]}),
    ('adam', 'Adam', {'lr': 0.05}, {}),
    ('adam_amsgrad_wd', 'Adam', {'lr': 0.05, 'betas': [0.8, 0.99], 'eps': 1e-6, 'weightDecay': 0.1, 'amsgrad': True}, {}),
    ('adam_maximize', 'Adam', {'lr': 0.02, 'maximize': True}, {'negate': True}),
    ('adamw', 'AdamW', {'lr': 0.05}, {}),
    ('adamw_amsgrad', 'AdamW', {'lr': 0.05, 'weightDecay': 0.3, 'amsgrad': True, 'betas': [0.85, 0.95]}, {}),
    ('adamax', 'Adamax', {'lr': 0.05}, {}),
    ('adamax_wd', 'Adamax', {'lr': 0.05, 'betas': [0.7, 0.9], 'eps': 1e-4, 'weightDecay': 0.2, 'maximize': True}, {'negate': True}),
    ('adagrad', 'Adagrad', {'lr': 0.1}, {}),
    ('adagrad_options', 'Adagrad', {'lr': 0.2, 'lrDecay': 0.05, 'weightDecay': 0.1, 'initialAccumulatorValue': 0.3, 'eps': 1e-6}, {}),
    ('adadelta', 'Adadelta', {}, {}),
    ('adadelta_options', 'Adadelta', {'lr': 2.0, 'rho': 0.7, 'eps': 1e-4, 'weightDecay': 0.1, 'maximize': True}, {'negate': True}),
    ('asgd', 'ASGD', {'lr': 0.1}, {}),
    ('asgd_averaging', 'ASGD', {'lr': 0.2, 'lambd': 0.01, 'alpha': 0.6, 't0': 10, 'weightDecay': 0.05}, {}),
    ('rmsprop', 'RMSprop', {'lr': 0.01}, {}),
    ('rmsprop_centered', 'RMSprop', {'lr': 0.003, 'alpha': 0.9, 'centered': True, 'eps': 1e-6}, {}),
    ('rmsprop_momentum_wd', 'RMSprop', {'lr': 0.005, 'momentum': 0.9, 'weightDecay': 0.1}, {}),
    ('rmsprop_centered_momentum', 'RMSprop', {'lr': 0.005, 'momentum': 0.5, 'centered': True, 'maximize': True}, {'negate': True}),
    ('rprop', 'Rprop', {'lr': 0.01}, {}),
    ('rprop_options', 'Rprop', {'lr': 0.05, 'etas': [0.3, 1.5], 'stepSizes': [1e-3, 0.2]}, {}),
    # float32 parameters and data (the dtype most models train in).
    ('sgd_nesterov_float32', 'SGD', {'lr': 0.05, 'momentum': 0.9, 'nesterov': True}, {'dtype': 'float32'}),
    ('adam_float32', 'Adam', {'lr': 0.05, 'amsgrad': True}, {'dtype': 'float32'}),
    ('rmsprop_float32', 'RMSprop', {'lr': 0.01, 'momentum': 0.5}, {'dtype': 'float32'}),
    ('lbfgs', 'LBFGS', {'lr': 1, 'maxIter': 5}, {'closure': True, 'steps': 6}),
    ('lbfgs_history', 'LBFGS', {'lr': 0.5, 'maxIter': 7, 'historySize': 3, 'maxEval': 6}, {'closure': True, 'steps': 6}),
    ('lbfgs_strong_wolfe', 'LBFGS', {'maxIter': 4, 'lineSearchFn': 'strongWolfe'}, {'closure': True, 'steps': 5}),
    ('lbfgs_strong_wolfe_history', 'LBFGS', {'lr': 0.8, 'maxIter': 6, 'historySize': 2, 'lineSearchFn': 'strongWolfe',
                                              'toleranceChange': 1e-12}, {'closure': True, 'steps': 4}),
]


def state_json(opt, params):
    out = {}
    for i, p in enumerate(params):
        s = opt.state.get(p)
        if not s:
            continue
        entry = {}
        for k, v in s.items():
            if v is None:
                continue
            if not torch.is_tensor(v):
                entry[camel(k)] = float(v)
            else:
                entry[camel(k)] = float(v.item()) if v.dim() == 0 else flat(v)
        if entry:
            out[str(i)] = entry
    return out


def optimizer_case(name, cls, options, extra, data):
    X, Y, W0, b0 = (t.to(getattr(torch, extra.get('dtype', 'float64'))) for t in data)
    W = W0.clone().requires_grad_()
    b = b0.clone().requires_grad_()
    params = [W, b]
    sign = -1.0 if extra.get('negate') else 1.0

    def objective():
        return sign * ((torch.tanh(X.mm(W) + b) - Y) ** 2).mean()

    Opt = getattr(torch.optim, cls)
    if 'groups' in extra:
        groups = [dict(params=[params[i] for i in g['params']], **py_options(g['options'])) for g in extra['groups']]
        opt = Opt(groups, **py_options(options))
    else:
        opt = Opt(params, **py_options(options))
    steps = extra.get('steps', 60)
    losses, traj = [], []
    for _ in range(steps):
        if extra.get('closure'):
            def closure():
                opt.zero_grad()
                loss = objective()
                loss.backward()
                return loss
            losses.append(float(opt.step(closure)))
        else:
            opt.zero_grad()
            loss = objective()
            loss.backward()
            losses.append(float(loss))
            opt.step()
        traj.append(flat(W) + flat(b))
    if cls == 'LBFGS':
        s = opt.state[W]
        state = {'funcEvals': s['func_evals'], 'nIter': s['n_iter']}
    else:
        state = state_json(opt, params)
    case = {'name': name, 'optimizer': cls, 'options': options, 'steps': steps, 'losses': losses,
            'trajectory': traj, 'state': state}
    for k in ('groups', 'negate', 'closure', 'dtype'):
        if k in extra:
            case[k] = extra[k]
    return case


# ---------------------------------------------------------------- schedulers

S = torch.optim.lr_scheduler
SCHEDULER_CASES = [
    # (name, optimizer, options, group lrs or None, scheduler, args, sched options, epochs, metrics)
    ('lambda', 'SGD', {'lr': 0.1}, None, 'LambdaLR', [], {}, 20, None),
    ('step', 'SGD', {'lr': 0.1, 'momentum': 0.9}, [0.1, 0.03], 'StepLR', [3], {'gamma': 0.5}, 20, None),
    ('multistep', 'SGD', {'lr': 0.1}, None, 'MultiStepLR', [[2, 5, 5, 9]], {'gamma': 0.3}, 15, None),
    ('exponential', 'SGD', {'lr': 0.1}, [0.1, 0.5], 'ExponentialLR', [0.9], {}, 20, None),
    ('cosine', 'SGD', {'lr': 0.1}, None, 'CosineAnnealingLR', [10], {'etaMin': 0.001}, 45, None),
    ('cosine_groups', 'SGD', {'lr': 0.1}, [0.1, 0.02], 'CosineAnnealingLR', [7], {}, 30, None),
    ('plateau_min_rel', 'SGD', {'lr': 0.1}, None, 'ReduceLROnPlateau', [], {'patience': 2, 'factor': 0.5},
     25, [1.0, 0.9, 0.95, 0.91, 0.9, 0.89999, 0.8, 0.8, 0.8, 0.8, 0.85, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7,
          0.7, 0.7, 0.7, 0.7, 0.7, 0.7]),
    ('plateau_max_abs_cooldown', 'SGD', {'lr': 0.1}, [0.1, 0.01], 'ReduceLROnPlateau', [],
     {'mode': 'max', 'thresholdMode': 'abs', 'threshold': 0.01, 'patience': 1, 'cooldown': 2, 'minLr': [0.02, 0.0],
      'factor': 0.3}, 20,
     [0.5, 0.6, 0.605, 0.6, 0.62, 0.62, 0.62, 0.62, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7]),
    ('onecycle_cos', 'SGD', {'lr': 0.1, 'momentum': 0.9}, None, 'OneCycleLR', [0.5], {'totalSteps': 20}, 20, None),
    ('onecycle_linear', 'SGD', {'lr': 0.1, 'momentum': 0.9}, [0.1, 0.1], 'OneCycleLR', [[0.5, 0.2]],
     {'epochs': 4, 'stepsPerEpoch': 6, 'annealStrategy': 'linear', 'pctStart': 0.25, 'divFactor': 10,
      'finalDivFactor': 100, 'baseMomentum': 0.8, 'maxMomentum': 0.9}, 24, None),
    ('onecycle_three_phase_adam', 'Adam', {'lr': 0.01}, None, 'OneCycleLR', [0.05],
     {'totalSteps': 30, 'threePhase': True}, 30, None),
    ('onecycle_no_momentum', 'SGD', {'lr': 0.1}, None, 'OneCycleLR', [1.0], {'totalSteps': 10, 'cycleMomentum': False}, 10, None),
]


def scheduler_case(name, opt_name, options, group_lrs, sched, args, sched_options, epochs, metrics):
    ps = [torch.zeros(2, requires_grad=True), torch.zeros(3, requires_grad=True)]
    Opt = getattr(torch.optim, opt_name)
    if group_lrs:
        opt = Opt([{'params': [ps[i]], 'lr': lr} for i, lr in enumerate(group_lrs)], **py_options(options))
    else:
        opt = Opt(ps, **py_options(options))
    kw = py_options(sched_options)
    if sched == 'CosineAnnealingLR':
        kw = {'eta_min': kw['eta_min']} if 'eta_min' in kw else {}
    if sched == 'LambdaLR':
        s = S.LambdaLR(opt, lambda epoch: 0.95 ** epoch)
    else:
        s = getattr(S, sched)(opt, *args, **kw)
    lrs, momenta = [], []
    for epoch in range(epochs):
        lrs.append([g['lr'] for g in opt.param_groups])
        momenta.append([g['betas'][0] if 'betas' in g else g['momentum'] for g in opt.param_groups])
        opt.step()
        if metrics is not None:
            s.step(metrics[epoch])
        else:
            s.step()
    case = {'name': name, 'optimizer': opt_name, 'options': options, 'scheduler': sched, 'args': args,
            'schedOptions': sched_options, 'lrs': lrs, 'momenta': momenta}
    if group_lrs:
        case['groups'] = group_lrs
    if metrics is not None:
        case['metrics'] = metrics
    return case


def main():
    torch.set_default_dtype(torch.float64)
    os.makedirs(OUT, exist_ok=True)
    gf.OUT_DIR = OUT
    data = problem()
    X, Y, W, b = data
    cases = [optimizer_case(*c, data) for c in OPTIMIZER_CASES]
    gf.write('optimizers.json', {'problem': {'X': X.tolist(), 'Y': Y.tolist(), 'W': W.tolist(), 'b': b.tolist()},
                                 'cases': cases}, GEN)
    gf.write('schedulers.json', [scheduler_case(*c) for c in SCHEDULER_CASES], GEN)


if __name__ == '__main__':
    main()
