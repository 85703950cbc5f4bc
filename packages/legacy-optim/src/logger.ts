/**
 * Torch7's optim.Logger: logs named values (losses, accuracies) during training to a text file in
 * Torch7's format, a header of tab-separated names and then one tab-separated row per `add`, numbers as
 * `%11.4e`, so files written here read like Torch7's. `plot()` draws the logged series; gnuplot is not
 * available, so the plot is an SVG file next to the log (`<log>.svg`, where Torch7 wrote `<log>.eps`).
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { TorchTypeError } from '@torch/core';
import { PLOT_STYLES, renderSvg, type Series } from './svg-plot';

type Value = number | string;

/** C's `%11.4e`: 4 decimals, an exponent of at least two digits, right-aligned in 11 characters. */
export function formatNumber(v: number): string {
  let s: string;
  if (Number.isNaN(v)) s = 'nan';
  else if (!Number.isFinite(v)) s = v > 0 ? 'inf' : '-inf';
  else s = (Object.is(v, -0) ? '-' : '') + v.toExponential(4).replace(/e([+-])(\d)$/, 'e$10$2');
  return s.padStart(11);
}

/** `YYYY_MM_DD_HH:MM:SS`, Torch7's `os.date("%Y_%m_%d_%X")`. */
function stamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}_${p(d.getMonth() + 1)}_${p(d.getDate())}_${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/**
 * Logs symbols during training to a file (or stdout) and plots them.
 * @example
 * const logger = new torch.legacy.optim.Logger('logs/train.log');
 * logger.setNames(['training error', 'test error']);
 * for (let epoch = 0; epoch < 10; epoch++) logger.add([trainError, testError]);
 * logger.style(['-', '+-']);
 * logger.setlogscale(true);
 * logger.plot();   // writes logs/train.log.svg
 */
export class Logger {
  /** The log's path as given (without the timestamp), or 'stdout'. */
  readonly name: string;
  /** The file written to (with the timestamp when asked), or null for stdout. */
  readonly path: string | null;
  /** Where plot() writes its SVG: `<name>.svg`, or null when logging to stdout. */
  readonly svgfile: string | null;
  /** The column names, in order. */
  names: string[] = [];
  /** Every logged value, by column. */
  symbols: Value[][] = [];
  /** The plot styles of each column (several styles draw the column several times). */
  styles: string[][] = [];
  /** Whether plot() also reports where it wrote the plot (Torch7: whether a gnuplot window opens). */
  showPlot = true;
  /** A log-scaled y axis in plots. */
  logscale = false;
  /** The style a column gets until style() changes it. */
  defaultStyle = '+';
  private empty = true;

  /**
   * @param filename the log file (its folder is created; an existing file is replaced); none: stdout
   * @param timestamp append `-YYYY_MM_DD_HH:MM:SS` to the file name, for a new file per run
   */
  constructor(filename?: string, timestamp = false, ...rest: never[]) {
    if (rest.length > 0) throw new TorchTypeError(`Logger: expected at most 2 arguments (filename, timestamp), got ${2 + rest.length}`);
    if (filename !== undefined && typeof filename !== 'string') throw new TorchTypeError(`Logger: filename must be a string, got ${typeof filename}`);
    if (typeof timestamp !== 'boolean') throw new TorchTypeError(`Logger: timestamp must be a boolean, got ${typeof timestamp}`);
    if (filename === undefined) {
      this.name = 'stdout';
      this.path = null;
      this.svgfile = null;
      console.warn('<Logger> warning: no path provided, logging to std out');
      return;
    }
    this.name = filename;
    this.path = timestamp ? `${filename}-${stamp(new Date())}` : filename;
    this.svgfile = `${filename}.svg`;
    mkdirSync(dirname(this.path), { recursive: true });
    writeFileSync(this.path, '');
  }

  private write(text: string): void {
    if (this.path === null) process.stdout.write(text);
    else appendFileSync(this.path, text);
  }

  private header(names: string[]): void {
    this.names = names;
    this.symbols = names.map(() => []);
    this.styles = names.map(() => [this.defaultStyle]);
    this.empty = false;
    this.write(names.map((n) => `${n}\t`).join('') + '\n');
  }

  /**
   * Names the columns (written as the file's first line); add() then takes an array in this order or
   * an object by name.
   * @example logger.setNames(['train', 'test'])
   */
  setNames(names: readonly string[]): this {
    if (!Array.isArray(names) || names.some((n) => typeof n !== 'string')) throw new TorchTypeError('Logger.setNames: expected an array of names (strings)');
    if (!this.empty) throw new TorchTypeError(`Logger.setNames: the columns are already ${JSON.stringify(this.names)}`);
    this.header([...names]);
    return this;
  }

  /**
   * Logs one row: an array (in column order) or an object of name → value. Values are numbers (written
   * as %11.4e) or strings. Without setNames, the first row's object keys (or positions 1..n) name the columns.
   * @example logger.add({ 'training error': 0.25, 'test error': 0.3 })
   */
  add(symbols: readonly Value[] | Record<string, Value>): void {
    if (typeof symbols !== 'object' || symbols === null) throw new TorchTypeError('Logger.add: expected an array or an object of name → value');
    const entries: [string, Value][] = Array.isArray(symbols) ? symbols.map((v, i) => [String(i + 1), v]) : Object.entries(symbols);
    if (this.empty) this.header(entries.map(([k]) => k));
    const row = this.rowOf(symbols, entries);
    this.write(row.map((v) => `${typeof v === 'number' ? formatNumber(v) : v}\t`).join('') + '\n');
    row.forEach((v, i) => this.symbols[i]!.push(v));
  }

  /** The row's values in column order, checked. */
  private rowOf(symbols: readonly Value[] | Record<string, Value>, entries: [string, Value][]): Value[] {
    for (const [k, v] of entries)
      if (typeof v !== 'number' && typeof v !== 'string') throw new TorchTypeError(`Logger.add: can only log numbers and strings, got ${v === null ? 'null' : typeof v} for '${k}'`);
    if (Array.isArray(symbols)) {
      if (symbols.length !== this.names.length) throw new TorchTypeError(`Logger.add: expected ${this.names.length} values (${this.names.join(', ')}), got ${symbols.length}`);
      return [...symbols];
    }
    const byName = new Map(entries);
    for (const k of byName.keys()) if (!this.names.includes(k)) throw new TorchTypeError(`Logger.add: unknown name '${k}'; the columns are ${JSON.stringify(this.names)}`);
    const missing = this.names.filter((n) => !byName.has(n));
    if (missing.length) throw new TorchTypeError(`Logger.add: no value for ${missing.map((n) => `'${n}'`).join(', ')}`);
    return this.names.map((n) => byName.get(n)!);
  }

  /**
   * Plot styles per column, by position (an array) or by name: '-' lines, '+' points (the default),
   * '+-' both, '.' dots, '|' impulses; an array of styles draws the column once per style.
   * @example logger.style({ 'training error': '-', 'test error': ['-', '+'] })
   */
  style(styles: readonly (string | string[])[] | Record<string, string | string[]>): this {
    const entries: [number, string | string[]][] = Array.isArray(styles)
      ? styles.map((s, i) => [i, s])
      : Object.entries(styles).map(([k, s]) => {
        const i = this.names.indexOf(k);
        if (i < 0) throw new TorchTypeError(`Logger.style: unknown name '${k}'; the columns are ${JSON.stringify(this.names)}`);
        return [i, s];
      });
    for (const [i, s] of entries) {
      const list = typeof s === 'string' ? [s] : s;
      if (!Array.isArray(list) || list.some((x) => !(PLOT_STYLES as readonly string[]).includes(x)))
        throw new TorchTypeError(`Logger.style: a style is one of ${PLOT_STYLES.map((p) => `'${p}'`).join(', ')} or an array of them, got ${JSON.stringify(s)}`);
      if (i >= this.names.length) throw new TorchTypeError(`Logger.style: there are only ${this.names.length} columns`);
      this.styles[i] = [...list];
    }
    return this;
  }

  /** A log-scaled y axis in later plots. @example logger.setlogscale(true) */
  setlogscale(state: boolean): void {
    this.logscale = !!state;
  }

  /** Whether plot() reports where it wrote the plot. @example logger.display(false) */
  display(state: boolean): void {
    this.showPlot = !!state;
  }

  /**
   * Draws the columns with more than one numeric value (all, or the named ones) against their row
   * number and writes the SVG to `<log>.svg`; returns the SVG text (also when logging to stdout, where
   * nothing is written). Null when there is nothing to plot yet.
   * @example logger.plot(); logger.plot('test error');
   */
  plot(...names: string[]): string | null {
    const columns = names.length ? names.map((n) => {
      const i = this.names.indexOf(n);
      if (i < 0) throw new TorchTypeError(`Logger.plot: unknown name '${n}'; the columns are ${JSON.stringify(this.names)}`);
      return i;
    }) : this.names.map((_, i) => i);
    const series: Series[] = [];
    for (const i of columns) {
      const values = this.symbols[i]!;
      if (values.length < 2 || values.some((v) => typeof v !== 'number')) continue;
      for (const style of this.styles[i]!) series.push({ name: this.names[i]!, values: values as number[], style });
    }
    if (series.length === 0) return null;
    const svg = renderSvg(`<Logger::${this.name}>`, series, this.logscale);
    if (this.svgfile !== null) {
      writeFileSync(this.svgfile, svg);
      if (this.showPlot) console.log(`<Logger> plot written to ${this.svgfile}`);
    }
    return svg;
  }
}
