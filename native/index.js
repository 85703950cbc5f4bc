// Loads the addon. Before it loads (and with it the BLAS library, which reads its configuration once,
// at load), pick OpenBLAS's kernel set for this CPU: see ./blas-coretype.js.
'use strict';
const { chooseOpenblasCoretype } = require('./blas-coretype.js');

const coretype = chooseOpenblasCoretype();
const addon = require('node-gyp-build')(__dirname);
addon.setMeta(new Float64Array(1 + 64 + 4 * (2 + 64)));
addon.openblasCoretypeChoice = coretype;
module.exports = addon;
