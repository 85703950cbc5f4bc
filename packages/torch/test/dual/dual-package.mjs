// Loads the built package both ways in one process, as an app whose ESM code imports 'torch' while a
// CommonJS dependency requires it, and mixes what the two hand out. Run by ../dual-package.test.ts
// (after `pnpm build`); exits non-zero with the failed assertion.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { inspect } from 'node:util';
import * as esm from 'torch';
import * as esmAutograd from 'torch/autograd';
import * as esmNn from 'torch/nn';
import * as esmOptim from 'torch/optim';
import * as esmData from 'torch/data';
import * as esmUtilsData from 'torch/utils/data';
import * as esmLegacy from 'torch/legacy';
import * as esmCore from '@torch/core';

const require = createRequire(import.meta.url);
const cjs = require('torch');
const checks = [];
const check = (name, fn) => { fn(); checks.push(name); };

check('one Tensor class', () => {
  assert.equal(esm.Tensor, cjs.Tensor);
  assert.equal(esmCore.Tensor, cjs.Tensor);
  assert.ok(cjs.ones(2) instanceof esm.Tensor);
  assert.ok(esm.ones(2) instanceof cjs.Tensor);
});
check('tensors mix in ops and methods', () => {
  const a = cjs.tensor([1, 2]), b = esm.tensor([10, 20]);
  assert.deepEqual(esm.add(a, b).tolist(), [11, 22]);
  assert.deepEqual(b.add(a).tolist(), [11, 22]);
  assert.deepEqual(cjs.mul(b, a).tolist(), [10, 40]);
  assert.deepEqual(esm.cat([a, b]).tolist(), [1, 2, 10, 20]);
});
check('storages mix', () => {
  const s = cjs.ones(3).storage();
  assert.ok(esm.isStorage(s));
  assert.ok(s instanceof esm.Storage);
  assert.deepEqual(esm.zeros(3).set_(s).tolist(), [1, 1, 1]);
});
check('typed classes and dtypes are shared', () => {
  assert.equal(esm.FloatTensor, cjs.FloatTensor);
  assert.equal(esm.float64, cjs.float64);
  assert.equal(esm.ones(1, { dtype: cjs.float64 }).dtype, esm.float64);
});
check('Variables mix and backpropagate', () => {
  assert.equal(esm.autograd.Variable, cjs.autograd.Variable);
  const x = new esm.autograd.Variable(cjs.tensor([1, 2, 3], { dtype: cjs.float64 }), { requiresGrad: true });
  const w = new cjs.autograd.Variable(esm.tensor([4, 5, 6], { dtype: esm.float64 }), { requiresGrad: true });
  const y = esm.mul(x, w).sum();
  assert.ok(y instanceof cjs.autograd.Variable);
  y.backward();
  assert.deepEqual(x.grad.data.tolist(), [4, 5, 6]);
  assert.deepEqual(w.grad.data.tolist(), [1, 2, 3]);
});
check('nn modules and optimizers mix', () => {
  assert.equal(esm.nn.Module, cjs.nn.Module);
  esm.manualSeed(0);
  const model = new esm.nn.Sequential(new cjs.nn.Linear(3, 2), new esm.nn.ReLU(), new cjs.nn.Linear(2, 1));
  const params = [...model.parameters()];
  assert.equal(params.length, 4);
  for (const p of params) assert.ok(p instanceof esm.nn.Parameter && p instanceof cjs.nn.Parameter);
  const opt = new cjs.optim.SGD(params, { lr: 0.1 });
  const before = params[0].data.clone();
  const input = new cjs.autograd.Variable(esm.randn(4, 3));
  const loss = esm.nn.functional.mseLoss(model.forward(input), new esm.autograd.Variable(cjs.zeros(4, 1)));
  loss.backward();
  opt.step();
  assert.ok(!esm.equal(before, params[0].data), 'SGD step changed the first weight');
});
check('subpaths are the namespaces, both ways', () => {
  const pairs = [
    ['torch/autograd', esmAutograd, esm.autograd.Variable, 'Variable'],
    ['torch/nn', esmNn, esm.nn.Linear, 'Linear'],
    ['torch/optim', esmOptim, esm.optim.SGD, 'SGD'],
    ['torch/data', esmData, esm.utils.data.DataLoader, 'DataLoader'],
    ['torch/utils/data', esmUtilsData, esm.utils.data.DataLoader, 'DataLoader'],
    ['torch/legacy', esmLegacy, esm.legacy.nn.Linear, null],
  ];
  for (const [spec, ns, value, name] of pairs) {
    const req = require(spec);
    if (name) {
      assert.equal(ns[name], value, `import '${spec}'`);
      assert.equal(req[name], value, `require('${spec}')`);
    } else {
      assert.equal(ns.nn.Linear, value, `import '${spec}'`);
      assert.equal(req.nn.Linear, value, `require('${spec}')`);
    }
  }
});
check('no bundler-renamed class names', () => {
  const names = [esm.Tensor, esm.Storage, esm.Device, esm.NdArrayView, esm.autograd.Variable, esm.autograd.Function,
    esm.nn.Module, esm.nn.Parameter, esm.nn.Embedding, esm.nn.Linear, esm.optim.SGD, esm.utils.data.DataLoader].map((c) => c.name);
  assert.deepEqual(names, ['Tensor', 'Storage', 'Device', 'NdArrayView', 'Variable', 'Function', 'Module', 'Parameter',
    'Embedding', 'Linear', 'SGD', 'DataLoader']);
  const internal = /Tensor2|_Variable|_NdArrayView|_Module|_Storage/;
  const msgs = [() => esm.add(esm.ones(1), {}), () => esm.add(cjs.ones(1), new Map()),
    () => new esm.autograd.Variable({}), () => esm.zeros(1).set_(esm.ones(1).numpy())].map((f) => {
    try { f(); } catch (e) { return e.message; }
    return assert.fail(`${f} did not throw`);
  });
  for (const m of msgs) assert.doesNotMatch(m, internal);
  assert.match(msgs[2], /Variable/);
  const x = new esm.autograd.Variable(esm.ones(2), { requiresGrad: true });
  const printed = [inspect(x), inspect(esm.ones(2).numpy()), inspect(esm.ones(2).storage()), inspect(new esm.nn.Linear(1, 1)), String(x)];
  for (const p of printed) assert.doesNotMatch(p, internal);
  assert.match(inspect(esm.ones(2).numpy()), /^NdArrayView/);
});
console.log(JSON.stringify({ ok: true, checks }));
