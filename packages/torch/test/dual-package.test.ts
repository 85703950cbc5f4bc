// The dual package hazard: ESM `import 'torch'` and CommonJS `require('torch')` in one process must hand
// out the same classes, so tensors, Variables and modules from one side work with ops from the other.
// This runs the built package (dist), in a child process so that nothing vitest transforms is involved.
import { execFileSync } from 'node:child_process';
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
