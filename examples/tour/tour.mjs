// A runnable tour of the tensor library: `pnpm start` at the repository root runs it.
// Every snippet here is also in the README.
import * as torch from 'torch';

const section = (title) => console.log(`\n== ${title}`);

section('tensors');
torch.manualSeed(0);
const a = torch.randn(2, 3);                 // FloatTensor, 0-based everywhere
console.log(String(a));
const b = a.add(1);                          // out-of-place by default
a.add_(b);                                   // trailing _ = in place
const c = torch.add(a, b, { alpha: 2 });     // every method is also a function; options last
console.log('c = a + 2b:', c.size(), c.type());
const d = new torch.DoubleTensor([[1, 2], [3, 4]]);
console.log(String(d));

section('views share memory');
const m = torch.arange(12).view(3, 4);
const row = m.get(1);                        // row 1, a view
row.fill_(0);
console.log(String(m));
console.log('m.get(":", "1::2") ->', m.get(':', '1::2').tolist());
console.log('m.t().isContiguous() ->', m.t().isContiguous());

section('broadcasting and type promotion');
const col = torch.tensor([[1], [2], [3]]);   // int64
const half = torch.tensor([0.5, 0.25]);      // float32
console.log(String(col.mul(half)));          // [3, 2] float32

section('matrix products on the BLAS');
const x = torch.randn(256, 512), w = torch.randn(512, 128);
const t0 = performance.now();
const y = torch.mm(x, w);
console.log(`mm 256x512 @ 512x128 -> ${y.size()} in ${(performance.now() - t0).toFixed(2)} ms`);
console.log('batched matmul:', torch.matmul(torch.randn(10, 1, 2, 3), torch.randn(5, 3, 4)).size());
console.log('backends:', JSON.stringify(torch.backends.blas), JSON.stringify(torch.backends.cpu));

section('reductions, indexing, sorting');
console.log('sum of rows:', m.sum(1).tolist(), ' max over dim 0:', m.max(0).values.tolist());
console.log('m.get(m.gt(5)) ->', m.get(m.gt(5)).tolist());
console.log('softmax of row 0:', m.get(0).double().softmax(0).tolist().map((p) => p.toFixed(3)).join(' '));
console.log('top 2 of [3, 1, 4, 1, 5]:', torch.tensor([3, 1, 4, 1, 5]).topk(2).values.tolist());

section('autograd: fit a line with gradient descent');
const { Variable } = torch.autograd;
const xs = torch.linspace(-1, 1, 64).view(64, 1);
const ys = xs.mul(3).add(0.5).add(torch.randn(64, 1).mul(0.1));
const weight = new Variable(torch.zeros(1, 1), { requiresGrad: true });
const bias = new Variable(torch.zeros(1), { requiresGrad: true });
for (let step = 0; step < 200; step++) {
  const loss = torch.mm(xs, weight).add(bias).sub(ys).pow(2).mean();
  weight.grad = null;
  bias.grad = null;
  loss.backward();
  torch.noGrad(() => {
    weight.data.sub_(weight.grad.data.mul(0.5));
    bias.data.sub_(bias.grad.data.mul(0.5));
  });
  if (step % 50 === 0 || step === 199) console.log(`step ${step}: loss ${loss.item().toFixed(4)}`);
}
console.log(`fitted y = ${weight.data.item().toFixed(2)} x + ${bias.data.item().toFixed(2)} (true: 3 x + 0.5)`);

section('errors name the op and the sizes');
try {
  torch.ones(2, 3).add(torch.ones(4));
} catch (e) {
  console.log(`${e.name}: ${e.message}`);
}
