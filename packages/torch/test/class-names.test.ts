// Every exported class keeps its own name and stays a fast-properties object in V8. Bundlers rename
// classes (`class _Variable` for one that names itself, `Embedding2` for a clash), and esbuild's
// keepNames repairs that with Object.defineProperty(cls, 'name'), which turns each class into a slow
// dictionary-mode object: `x instanceof Tensor` then takes V8's generic path, about 300 instructions of
// a 100-element add. So the build keeps no names, and this checks the built umbrella (dist) instead.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('./dual/class-names.cjs', import.meta.url));

describe('exported classes', () => {
  it('are named as exported, and V8 keeps them in fast mode', () => {
    const out = execFileSync(process.execPath, ['--allow-natives-syntax', script], { encoding: 'utf8' });
    const result = JSON.parse(out.trim().split('\n').pop()!) as { classes: number; misnamed: string[]; slow: string[] };
    expect(result.classes).toBeGreaterThan(300);
    expect(result.misnamed).toEqual([]);
    expect(result.slow).toEqual([]);
  });
});
