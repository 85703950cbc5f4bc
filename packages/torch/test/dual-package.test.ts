// The dual package hazard: ESM `import 'torch'` and CommonJS `require('torch')` in one process must hand
// out the same classes, so tensors, Variables and modules from one side work with ops from the other.
// This runs the built package (dist), in a child process so that nothing vitest transforms is involved.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('./dual/dual-package.mjs', import.meta.url));

describe('import and require in one process', () => {
  it('share one implementation of every package (and the subpaths resolve both ways)', () => {
    const out = execFileSync(process.execPath, [script], { encoding: 'utf8' });
    const result = JSON.parse(out.trim().split('\n').pop()!) as { ok: boolean; checks: string[] };
    expect(result.ok).toBe(true);
    expect(result.checks).toHaveLength(8);
  });
});

describe('published types', () => {
  it('packages whose .d.ts uses Node\'s types depend on @types/node (so users\' tsc finds them)', () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const users: string[] = [];
    for (const dir of readdirSync(root)) {
      let files: string[];
      try { files = readdirSync(`${root}${dir}/dist`).filter((f) => f.endsWith('.d.cts')); } catch { continue; }
      const usesNode = files.some((f) => /from 'node:|\bNodeJS\.|\bBuffer\b/.test(readFileSync(`${root}${dir}/dist/${f}`, 'utf8')));
      if (!usesNode) continue;
      users.push(dir);
      const pkg = JSON.parse(readFileSync(`${root}${dir}/package.json`, 'utf8')) as { dependencies?: Record<string, string> };
      expect(pkg.dependencies?.['@types/node'], `${dir}: @types/node in dependencies`).toBeDefined();
    }
    expect(users).toContain('core'); // save/load take Buffers and streams
  });
});
