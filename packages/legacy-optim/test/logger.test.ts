import { mkdtempSync, readFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { Logger } from '../src/index';
import { formatNumber } from '../src/logger';

const dir = () => mkdtempSync(join(tmpdir(), 'legacy-logger-'));
const quiet = () => vi.spyOn(console, 'log').mockImplementation(() => {});

describe('optim.Logger: the log file', () => {
  it('numbers are C\'s %11.4e', () => {
    expect(formatNumber(1.23456)).toBe(' 1.2346e+00');
    expect(formatNumber(-0.000123456)).toBe('-1.2346e-04');
    expect(formatNumber(12345678901)).toBe(' 1.2346e+10');
    expect(formatNumber(1e-300)).toBe('1.0000e-300');
    expect(formatNumber(0)).toBe(' 0.0000e+00');
    expect(formatNumber(-0)).toBe('-0.0000e+00');
    expect(formatNumber(NaN)).toBe('        nan');
    expect(formatNumber(-Infinity)).toBe('       -inf');
  });

  it('setNames writes the header; each add writes a tab-separated row (arrays in column order, objects by name, strings as they are)', () => {
    const file = join(dir(), 'sub', 'train.log'); // the folder is created
    const log = new Logger(file);
    log.setNames(['training error', 'test error']);
    log.add([0.5, 0.625]);
    log.add({ 'test error': 0.25, 'training error': 0.125 });
    log.add(['n/a', 3]);
    expect(readFileSync(file, 'utf8')).toBe(
      'training error\ttest error\t\n' +
      ' 5.0000e-01\t 6.2500e-01\t\n' +
      ' 1.2500e-01\t 2.5000e-01\t\n' +
      'n/a\t 3.0000e+00\t\n',
    );
    expect(log.symbols).toEqual([[0.5, 0.125, 'n/a'], [0.625, 0.25, 3]]);
  });

  it('without setNames the first object\'s keys (or positions 1..n) name the columns; a timestamp makes a new file', () => {
    const d = dir();
    const a = new Logger(join(d, 'a.log'));
    a.add({ loss: 2, acc: 0.5 });
    a.add({ acc: 0.75, loss: 1 });
    expect(readFileSync(join(d, 'a.log'), 'utf8')).toBe('loss\tacc\t\n 2.0000e+00\t 5.0000e-01\t\n 1.0000e+00\t 7.5000e-01\t\n');
    const b = new Logger(join(d, 'b.log'));
    b.add([1, 2, 3]);
    expect(readFileSync(join(d, 'b.log'), 'utf8').split('\n')[0]).toBe('1\t2\t3\t');
    const c = new Logger(join(d, 'c.log'), true);
    expect(c.path).toMatch(/c\.log-\d{4}_\d\d_\d\d_\d\d:\d\d:\d\d$/);
    expect(readdirSync(d).some((f) => /^c\.log-\d{4}_/.test(f))).toBe(true);
    expect(c.svgfile).toBe(join(d, 'c.log.svg'));
  });

  it('logs to stdout without a file name (with Torch7\'s warning)', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const log = new Logger();
    log.add({ x: 1 });
    expect(warn).toHaveBeenCalledWith('<Logger> warning: no path provided, logging to std out');
    expect(out.mock.calls.map((c) => c[0]).join('')).toBe('x\t\n 1.0000e+00\t\n');
    expect(log.name).toBe('stdout');
    warn.mockRestore();
    out.mockRestore();
  });

  it('bad calls are TorchTypeErrors naming Logger and the problem', () => {
    const d = dir();
    const log = new Logger(join(d, 'e.log')).setNames(['a', 'b']);
    expect(() => log.add([1])).toThrow('Logger.add: expected 2 values (a, b), got 1');
    expect(() => log.add({ a: 1, c: 2 })).toThrow(/^Logger.add: unknown name 'c'/);
    expect(() => log.add({ a: 1 })).toThrow("Logger.add: no value for 'b'");
    expect(() => log.add([1, {} as never])).toThrow(/^Logger.add: can only log numbers and strings, got object for '2'/);
    expect(() => log.setNames(['x'])).toThrow(/^Logger.setNames: the columns are already/);
    expect(() => log.style({ c: '-' })).toThrow(/^Logger.style: unknown name 'c'/);
    expect(() => log.style(['~'])).toThrow(/^Logger.style: a style is one of '-', '\+', '\+-', '.', '\|'/);
    expect(() => new (Logger as unknown as new (...a: unknown[]) => Logger)(join(d, 'f.log'), false, 3)).toThrow('Logger: expected at most 2 arguments (filename, timestamp), got 3');
    expect(() => new (Logger as unknown as new (...a: unknown[]) => Logger)(join(d, 'g.log'), 'yes')).toThrow('Logger: timestamp must be a boolean, got string');
    expect(() => log.plot('z')).toThrow(/^Logger.plot: unknown name 'z'/);
  });
});

describe('optim.Logger: plot() writes an SVG next to the log', () => {
  it('one polyline per line-styled column, a point per value, the legend, title and grid; points as crosses', () => {
    const spy = quiet();
    const file = join(dir(), 'run.log');
    const log = new Logger(file);
    log.setNames(['train', 'test']);
    for (const [a, b] of [[4, 5], [2, 3], [1, 2.5], [0.5, 2]]) log.add([a, b]);
    log.style({ train: '-', test: ['-', '+'] });
    expect(log.plot()).not.toBeNull();
    const svg = readFileSync(`${file}.svg`, 'utf8');
    expect(spy).toHaveBeenCalledWith(`<Logger> plot written to ${file}.svg`);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
    expect(svg).toContain(`<text class="title" x="320" y="25" text-anchor="middle" font-size="14">&lt;Logger::${file}&gt;</text>`);
    const polylines = [...svg.matchAll(/<polyline [^>]*points="([^"]+)"/g)].map((m) => m[1]!.split(' ').map((p) => p.split(',').map(Number)));
    expect(polylines.length).toBe(2); // train '-', test '-' (its '+' draws crosses)
    expect(polylines.every((p) => p.length === 4)).toBe(true);
    // x grows with the row; a larger value is higher up (smaller y); the train line ends below the test line.
    const [train, test] = polylines as [number[][], number[][]];
    expect(train.map((p) => p[0])).toEqual([...train.map((p) => p[0]!)].sort((a, b) => a - b));
    expect(train[0]![1]!).toBeLessThan(train[3]![1]!);
    expect(train[3]![1]!).toBeGreaterThan(test[3]![1]!);
    expect([...svg.matchAll(/<path d="M/g)].length).toBe(4); // the test column's crosses
    expect([...svg.matchAll(/<text class="legend"[^>]*>(\w+)<\/text>/g)].map((m) => m[1])).toEqual(['train', 'test', 'test']);
    expect(svg).toContain('<g class="grid"');
    expect([...svg.matchAll(/<text class="xtick"[^>]*>(\d+)<\/text>/g)].map((m) => Number(m[1]))).toEqual([1, 2, 3, 4]);
    spy.mockRestore();
  });

  it('setlogscale labels the y axis in powers of ten and drops values ≤ 0; named columns only; display(false) is silent; nothing to plot gives null', () => {
    const spy = quiet();
    const file = join(dir(), 'log.log');
    const log = new Logger(file);
    log.add({ loss: 100, note: 'a' });
    expect(log.plot()).toBeNull(); // one value per column
    log.add({ loss: 0.01, note: 'b' });
    log.add({ loss: 0, note: 'c' });
    log.setlogscale(true);
    log.display(false);
    const svg = log.plot('loss')!;
    expect(spy).not.toHaveBeenCalled();
    expect(readFileSync(`${file}.svg`, 'utf8')).toBe(svg);
    const labels = [...svg.matchAll(/<text class="ytick"[^>]*>([^<]+)<\/text>/g)].map((m) => m[1]);
    expect(labels).toContain('1e2');
    expect(labels).toContain('1e-2');
    const crosses = [...svg.matchAll(/<path d="M/g)].length;
    expect(crosses).toBe(2); // the default '+' style; 0 cannot be drawn on a log scale
    expect(svg).not.toContain('data-name="note"'); // strings are not plotted
    expect(existsSync(`${file}.svg`)).toBe(true);
    spy.mockRestore();
  });
});
