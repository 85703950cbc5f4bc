#!/usr/bin/env node
// Writes each package's ESM entry as a re-export of its CommonJS build (run after tsup, from the
// package folder). Two separate builds would give a process that loads the package both ways two
// Tensor classes, and one build's `instanceof` would reject the other's tensors (the dual package
// hazard); with one build underneath, `import` and `require` share every class and registry.
// Node finds the CommonJS build's export names statically (esbuild writes them for cjs-module-lexer).
//
// Usage: node ../../tools/esm-entry.mjs [entry ...]   (entries are dist names, default: index)
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const entries = process.argv.length > 2 ? process.argv.slice(2) : ['index'];
for (const name of entries) {
  const cjs = join('dist', `${name}.cjs`);
  if (!existsSync(cjs)) throw new Error(`esm-entry: ${cjs} is missing (run tsup with format 'cjs' first)`);
  const base = name.split('/').pop();
  writeFileSync(join('dist', `${name}.js`), `export * from './${base}.cjs';\n`);
  // The types of the ESM entry are those of the CommonJS build (./x.cjs resolves to ./x.d.cts).
  writeFileSync(join('dist', `${name}.d.ts`), `export * from './${base}.cjs';\n`);
}
