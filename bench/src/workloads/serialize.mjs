// torch.save / torch.load of a 100 MB float32 state dict (25 tensors of 1e6 elements) to a file in the OS's
// temporary directory, and the disk copy of that file (fs.copyFileSync / shutil.copyfile) measured in the same
// run as the bar: save and load should reach at least 0.8x its throughput (derived rows: time / copy time,
// at most 1.25). The files are overwritten by every run: torch-bench-serialize-*.pt.
import { copyFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const TENSORS = 25;
const NUMEL = 1_000_000;
const file = (name) => path.join(os.tmpdir(), `torch-bench-serialize-${name}.pt`);

function stateDict(torch) {
  const sd = new Map();
  for (let i = 0; i < TENSORS; i++) sd.set(`layer${i}.weight`, torch.randn(1000, NUMEL / 1000));
  return sd;
}

const common = { metric: 'ms', samples: 11, warmup: 2, budgetS: 8, params: { tensors: TENSORS, numel: NUMEL } };

/** @type {import('./index.mjs').Workload[]} */
export default [
  {
    id: 'serialize.save.100MB',
    label: 'torch.saveSync 100 MB f32 state dict',
    ...common,
    setup(torch) {
      const sd = stateDict(torch);
      return () => torch.saveSync(sd, file('save'));
    },
  },
  {
    id: 'serialize.load.100MB',
    label: 'torch.loadSync 100 MB f32 state dict',
    ...common,
    setup(torch) {
      torch.saveSync(stateDict(torch), file('load'));
      return () => torch.loadSync(file('load'));
    },
  },
  {
    id: 'serialize.copy.100MB',
    label: 'disk copy of that 100 MB file',
    ...common,
    setup(torch) {
      torch.saveSync(stateDict(torch), file('copy-src'));
      return () => copyFileSync(file('copy-src'), file('copy-dst'));
    },
  },
];

export const derived = [
  {
    id: 'serialize.save_over_copy.100MB',
    label: '  save / disk copy time (<= 1.25 is >= 0.8x)',
    metric: 'x',
    from: ['serialize.save.100MB', 'serialize.copy.100MB'],
    compute: (save, copy) => save / copy,
  },
  {
    id: 'serialize.load_over_copy.100MB',
    label: '  load / disk copy time (<= 1.25 is >= 0.8x)',
    metric: 'x',
    from: ['serialize.load.100MB', 'serialize.copy.100MB'],
    compute: (load, copy) => load / copy,
  },
];
