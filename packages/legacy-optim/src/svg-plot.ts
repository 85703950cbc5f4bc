/**
 * A small SVG line-chart renderer for Logger.plot (Torch7 drew with gnuplot, which is not here): each
 * series is plotted against its 1-based position, as gnuplot does, with a grid, axis ticks at round
 * numbers, an optional log-scaled y axis, a legend and a title. No dependencies; the output is plain text.
 */

/** One series: its legend name, values and gnuplot-style style ('-' lines, '+' points, '+-' both, '.' dots, '|' impulses). */
export interface Series {
  name: string;
  values: readonly number[];
  style: string;
}

/** The styles plot understands (Torch7's gnuplot ones). */
export const PLOT_STYLES = ['-', '+', '+-', '.', '|'] as const;

const WIDTH = 640, HEIGHT = 480;
const LEFT = 70, RIGHT = 20, TOP = 40, BOTTOM = 50;
const COLORS = ['#9400d3', '#009e73', '#56b4e9', '#e69f00', '#f0e442', '#0072b2', '#e51e10', '#000000'];

/** About `count` round tick values covering [lo, hi] (steps of 1, 2 or 5 times a power of ten). */
function ticks(lo: number, hi: number, count = 6): number[] {
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw)!;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  return out;
}

function label(v: number): string {
  return Math.abs(v) >= 1e5 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(1) : String(Number(v.toPrecision(6)));
}

const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The chart as an SVG document.
 * @example
 * renderSvg('<Logger::train.log>', [{ name: 'loss', values: [3, 2, 1.5], style: '-' }], false);
 */
export function renderSvg(title: string, series: readonly Series[], logscale: boolean): string {
  // On a log scale only positive values can be drawn (gnuplot skips the rest too).
  const y = (v: number): number | null => (logscale ? (v > 0 && Number.isFinite(v) ? Math.log10(v) : null) : Number.isFinite(v) ? v : null);
  const ys = series.flatMap((s) => s.values.map(y).filter((v): v is number => v !== null));
  const n = Math.max(2, ...series.map((s) => s.values.length));
  let [ylo, yhi] = ys.length ? [Math.min(...ys), Math.max(...ys)] : [0, 1];
  if (ylo === yhi) [ylo, yhi] = [ylo - 1, yhi + 1];
  const yt = logscale ? ticks(Math.floor(ylo), Math.ceil(yhi)).filter(Number.isInteger) : ticks(ylo, yhi);
  [ylo, yhi] = [Math.min(ylo, yt[0] ?? ylo), Math.max(yhi, yt[yt.length - 1] ?? yhi)];
  const xt = ticks(1, n).filter((v) => Number.isInteger(v) && v >= 1);
  const px = (i: number) => LEFT + ((i - 1) / (n - 1)) * (WIDTH - LEFT - RIGHT);
  const py = (v: number) => HEIGHT - BOTTOM - ((v - ylo) / (yhi - ylo)) * (HEIGHT - TOP - BOTTOM);
  const f = (v: number) => v.toFixed(2);

  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`);
  out.push(`<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`);
  out.push(`<text class="title" x="${WIDTH / 2}" y="${TOP / 2 + 5}" text-anchor="middle" font-size="14">${escape(title)}</text>`);
  out.push('<g class="grid" stroke="#dddddd" stroke-width="1">');
  for (const v of yt) out.push(`<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${f(py(v))}" y2="${f(py(v))}"/>`);
  for (const v of xt) out.push(`<line x1="${f(px(v))}" x2="${f(px(v))}" y1="${TOP}" y2="${HEIGHT - BOTTOM}"/>`);
  out.push('</g>');
  out.push(`<rect class="frame" x="${LEFT}" y="${TOP}" width="${WIDTH - LEFT - RIGHT}" height="${HEIGHT - TOP - BOTTOM}" fill="none" stroke="black"/>`);
  out.push('<g class="ticks">');
  for (const v of yt) out.push(`<text class="ytick" x="${LEFT - 6}" y="${f(py(v) + 4)}" text-anchor="end">${escape(logscale ? `1e${v}` : label(v))}</text>`);
  for (const v of xt) out.push(`<text class="xtick" x="${f(px(v))}" y="${HEIGHT - BOTTOM + 16}" text-anchor="middle">${v}</text>`);
  out.push('</g>');
  series.forEach((s, k) => {
    const color = COLORS[k % COLORS.length]!;
    const pts = s.values.map((v, i) => [i + 1, y(v)] as const).filter((p): p is readonly [number, number] => p[1] !== null);
    out.push(`<g class="series" data-name="${escape(s.name)}" data-style="${escape(s.style)}" stroke="${color}" fill="${color}">`);
    if (s.style.includes('-') && pts.length > 1) out.push(`<polyline fill="none" stroke-width="1.5" points="${pts.map(([i, v]) => `${f(px(i))},${f(py(v))}`).join(' ')}"/>`);
    if (s.style.includes('+')) for (const [i, v] of pts) out.push(`<path d="M${f(px(i) - 4)},${f(py(v))}h8M${f(px(i))},${f(py(v) - 4)}v8"/>`);
    if (s.style === '.') for (const [i, v] of pts) out.push(`<circle cx="${f(px(i))}" cy="${f(py(v))}" r="1.5"/>`);
    if (s.style === '|') for (const [i, v] of pts) out.push(`<line x1="${f(px(i))}" x2="${f(px(i))}" y1="${f(py(Math.max(ylo, Math.min(yhi, logscale ? ylo : 0))))}" y2="${f(py(v))}"/>`);
    const ly = TOP + 16 + 16 * k;
    out.push(`<line x1="${WIDTH - RIGHT - 150}" x2="${WIDTH - RIGHT - 120}" y1="${ly - 4}" y2="${ly - 4}" stroke-width="2"/>`);
    out.push(`<text class="legend" x="${WIDTH - RIGHT - 114}" y="${ly}" stroke="none" fill="black">${escape(s.name)}</text>`);
    out.push('</g>');
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}
