// Prints the addon's C++ sources for binding.gyp, so adding a kernel or binding file never touches a
// shared list. elementwise_loops.cc is compiled separately, once per SIMD level.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const files = [];
for (const dir of ['src/binding', 'src/kernels', 'src/kernels/nn']) {
  for (const name of fs.readdirSync(path.join(root, dir)).sort()) {
    if (name.endsWith('.cc') && name !== 'elementwise_loops.cc') files.push(`${dir}/${name}`);
  }
}
process.stdout.write(files.join(' '));
