// Loads the addon. Before it loads (and with it the BLAS library, which reads its configuration once,
// at load), pick OpenBLAS's kernel set for this CPU: see ./blas-coretype.js.
'use strict';
const { chooseOpenblasCoretype } = require('./blas-coretype.js');

const coretype = chooseOpenblasCoretype();
const addon = require('node-gyp-build')(__dirname);

// Every op's numbers travel through this buffer (see src/binding/elementwise_binding.cc). Each JS
// environment (the main thread, every worker) loading this file registers its own. The addon holds a
// pointer into it, so it must never be detached by a transfer to another thread.
const meta = new Float64Array(1024);
require('node:worker_threads').markAsUntransferable(meta.buffer);
addon.setMeta(meta);

module.exports = { ...addon, meta, openblasCoretypeChoice: coretype };
