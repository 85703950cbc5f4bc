// Builds the addon with node-gyp unless a prebuild or an up-to-date build is already there.
// Runs at `pnpm install` (the package's install script) and as the package's `build`.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const force = process.argv.includes('--force');
const built = path.join(root, 'build', 'Release', 'torch_native.node');

function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

function upToDate() {
  if (!fs.existsSync(built)) return false;
  const sources = Math.max(newestSource(path.join(root, 'src')), fs.statSync(path.join(root, 'binding.gyp')).mtimeMs);
  return fs.statSync(built).mtimeMs >= sources;
}

function hasPrebuild() {
  return fs.existsSync(path.join(root, 'prebuilds', `${process.platform}-${process.arch}`));
}

if (!force && (upToDate() || hasPrebuild())) process.exit(0);

// Node's headers ship with distribution packages under <prefix>/include/node; pointing node-gyp at them
// avoids a download, which fails on machines that reach only the npm registry.
const args = ['rebuild', '--release', `--jobs=${Math.max(1, require('node:os').availableParallelism())}`];
const prefix = path.resolve(process.execPath, '..', '..');
const nodedir = process.env.npm_config_nodedir || (fs.existsSync(path.join(prefix, 'include', 'node', 'node_api.h')) ? prefix : '');
if (nodedir) args.push(`--nodedir=${nodedir}`);
const gyp = require.resolve('node-gyp/bin/node-gyp.js', { paths: [root] });
console.log(`@torch/native: building the C++ addon (node-gyp ${args.join(' ')})`);
execFileSync(process.execPath, [gyp, ...args], { cwd: root, stdio: 'inherit' });
