// The registry of workloads. To add one: write (or extend) a module here exporting an array of workloads, list
// it below, and add a function with the same `id` to the dict that workloads() in ../../reference.py returns.
//
// A workload:
//   id       stable key shared with reference.py and the --json output
//   label    what the table shows
//   metric   'us' | 'ms' (median time per call) or 'gflops' (flops / time; best and median)
//   samples  how many timed samples (fewer if budgetS runs out; PyTorch then repeats exactly as many)
//   inner    calls per sample (for sub-microsecond-resolution ops), default 1
//   warmup   untimed samples first, default 3
//   budgetS  seconds of sampling after which the run stops early, default 4
//   flops    floating-point operations per call (metric 'gflops')
//   params   extra facts passed to reference.py
//   countAllocations  also report the storages and bytes one warmed-up call allocates (core's storageAllocations)
//   setup(torch) -> () => void   builds the inputs and returns the timed call
import overhead from './overhead.mjs';
import elementwise, { derived as elementwiseDerived } from './elementwise.mjs';
import mm from './mm.mjs';
import sort from './sort.mjs';
import join from './join.mjs';
import random from './random.mjs';
import autograd from './autograd.mjs';
import reduce from './reduce.mjs';
import indexing from './indexing.mjs';
import dataLoading from './data.mjs';
import fashionMnist from './fashion-mnist.mjs';
import optim from './optim.mjs';
import nn from './nn.mjs';
import nnMlp from './nn-mlp.mjs';
import nnSeq from './nn-seq.mjs';
import legacy from './legacy.mjs';
import serialize, { derived as serializeDerived } from './serialize.mjs';

/** @typedef {{ id: string, label: string, metric: 'us'|'ms'|'gflops', samples: number, inner?: number, warmup?: number, budgetS?: number, flops?: number, params?: object, countAllocations?: boolean, setup: (torch: any) => () => unknown }} Workload */

/** @type {Workload[]} */
export const workloads = [...overhead, ...elementwise, ...mm, ...sort, ...join, ...random, ...autograd, ...reduce, ...indexing, ...optim, ...nnMlp, ...nn, ...nnSeq, ...legacy, ...serialize, ...dataLoading, ...fashionMnist];

export const derived = [...elementwiseDerived, ...serializeDerived];
