// Hand-made SVG charts (no chart library): a horizontal bar chart and a line chart with axes and a legend.
import { svg, h } from '../util/dom.ts';

export const TEAM_COLORS = ['#2563eb', '#db2777', '#059669', '#d97706', '#7c3aed', '#0891b2', '#dc2626', '#65a30d', '#9333ea', '#0d9488'];
export const teamColor = (i: number) => TEAM_COLORS[i % TEAM_COLORS.length];

export interface Bar { label: string; value: number; color: string; text?: string; testid?: string }

/** Horizontal bars, 0..max; each row: label, bar, value text. Scales with its container (viewBox). */
export function barChart(bars: Bar[], max: number, opts: { title?: string; width?: number } = {}): SVGSVGElement {
  const W = opts.width ?? 420, row = 30, labelW = 92, valueW = 54, top = 6;
  const H = top * 2 + bars.length * row;
  const plotW = W - labelW - valueW;
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart bar-chart', role: 'img', preserveAspectRatio: 'xMinYMin meet' });
  if (opts.title) root.appendChild(svg('title', {}, opts.title));
  // Grid lines at quarters.
  for (let q = 0; q <= 4; q++) {
    const x = labelW + (plotW * q) / 4;
    root.appendChild(svg('line', { x1: x, x2: x, y1: top - 2, y2: H - top + 2, class: 'grid' }));
  }
  bars.forEach((b, i) => {
    const y = top + i * row;
    const w = max > 0 ? Math.max(0, Math.min(1, b.value / max)) * plotW : 0;
    const g = svg('g', b.testid ? { 'data-testid': b.testid } : {});
    g.appendChild(svg('text', { x: labelW - 8, y: y + row / 2 + 4, 'text-anchor': 'end', class: 'label' }, b.label));
    g.appendChild(svg('rect', { x: labelW, y: y + 5, width: plotW, height: row - 10, rx: 4, class: 'track' }));
    g.appendChild(svg('rect', { x: labelW, y: y + 5, width: Math.max(w, 0.5), height: row - 10, rx: 4, fill: b.color, class: 'bar' }));
    g.appendChild(svg('text', { x: labelW + plotW + 8, y: y + row / 2 + 4, class: 'value' }, b.text ?? String(b.value)));
    root.appendChild(g);
  });
  return root;
}

export interface Series { label: string; color: string; points: { x: number; y: number }[] }

/** Line chart: x from 0..xMax, y from 0..yMax, with ticks, axis labels and a legend below. */
export function lineChart(series: Series[], opts: { xMax: number; yMax: number; xFormat: (x: number) => string; yFormat?: (y: number) => string; xLabel?: string; title?: string; markX?: { x: number; label: string } }): HTMLElement {
  const W = 640, H = 280, L = 44, R = 30, T = 12, B = 40;
  const pw = W - L - R, ph = H - T - B;
  const sx = (x: number) => L + (opts.xMax > 0 ? (x / opts.xMax) * pw : 0);
  const sy = (y: number) => T + ph - (opts.yMax > 0 ? (Math.min(y, opts.yMax) / opts.yMax) * ph : 0);
  const yf = opts.yFormat ?? ((y: number) => String(Math.round(y)));
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart line-chart', role: 'img' });
  if (opts.title) root.appendChild(svg('title', {}, opts.title));
  for (let q = 0; q <= 4; q++) {
    const yv = (opts.yMax * q) / 4, y = sy(yv);
    root.appendChild(svg('line', { x1: L, x2: W - R, y1: y, y2: y, class: 'grid' }));
    root.appendChild(svg('text', { x: L - 6, y: y + 4, 'text-anchor': 'end', class: 'tick' }, yf(yv)));
  }
  const xSteps = 6;
  for (let q = 0; q <= xSteps; q++) {
    const xv = (opts.xMax * q) / xSteps, x = sx(xv);
    root.appendChild(svg('line', { x1: x, x2: x, y1: T + ph, y2: T + ph + 4, class: 'axis' }));
    root.appendChild(svg('text', { x, y: T + ph + 16, 'text-anchor': 'middle', class: 'tick' }, opts.xFormat(xv)));
  }
  root.appendChild(svg('line', { x1: L, x2: W - R, y1: T + ph, y2: T + ph, class: 'axis' }));
  root.appendChild(svg('line', { x1: L, x2: L, y1: T, y2: T + ph, class: 'axis' }));
  if (opts.xLabel) root.appendChild(svg('text', { x: L + pw / 2, y: H - 4, 'text-anchor': 'middle', class: 'axis-label' }, opts.xLabel));
  if (opts.markX && opts.markX.x >= 0 && opts.markX.x <= opts.xMax) {
    const x = sx(opts.markX.x);
    root.appendChild(svg('line', { x1: x, x2: x, y1: T, y2: T + ph, class: 'mark' }));
    root.appendChild(svg('text', { x: x + 4, y: T + ph - 6, class: 'mark-label' }, opts.markX.label));
  }
  for (const s of series) {
    if (!s.points.length) continue;
    const d = s.points.map((p, i) => `${i ? 'L' : 'M'}${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join(' ');
    root.appendChild(svg('path', { d, fill: 'none', stroke: s.color, 'stroke-width': 2.5, 'stroke-linejoin': 'round', class: 'series' }));
    const last = s.points[s.points.length - 1];
    root.appendChild(svg('circle', { cx: sx(last.x), cy: sy(last.y), r: 4, fill: s.color }));
  }
  const legend = h('div.legend', series.map((s) => h('span.legend-item', h('span.swatch', { style: `background:${s.color}` }), s.label)));
  return h('figure.chart-box', root, legend);
}
