/**
 * The panel's timeline: papers per year as bars, and the share of all papers of each year as a
 * line, so a corpus that grows each year does not read as growth of the concept. Inline SVG, text
 * through `textContent` only.
 */
import { el } from './dom';
import type { YearRange, YearSeries } from './time';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 300;
const HEIGHT = 84;
const TOP = 6;

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A small bar-chart icon (three bars), drawn rather than a glyph a font may lack. */
export function chartIcon(): SVGSVGElement {
  const icon = svg('svg', { class: 'chart-icon', viewBox: '0 0 12 12', width: 12, height: 12, 'aria-hidden': 'true' });
  for (const [x, h] of [[1, 5], [5, 9], [9, 7]] as const) icon.append(svg('rect', { x, y: 11 - h, width: 2.4, height: h, rx: 0.5 }));
  return icon;
}

/** "3.4%" with a sensible number of digits. */
export function formatShare(count: number, total: number): string {
  if (total === 0) return '0%';
  const pct = (100 * count) / total;
  return `${pct >= 10 ? Math.round(pct) : Number(pct.toPrecision(2))}%`;
}

/**
 * The chart of a series, or a note when the corpus has no dated paper. Years outside `range` (the
 * year filter) are drawn faded.
 */
export function renderTimeline(series: YearSeries, range: YearRange | null): HTMLElement {
  const n = series.years.length;
  if (n === 0) return el('p', { class: 'muted timeline-empty', text: 'No paper has a year: no timeline.' });
  const maxCount = Math.max(1, ...series.counts);
  const shares = series.counts.map((c, i) => (series.totals[i]! > 0 ? c / series.totals[i]! : 0));
  const maxShare = Math.max(...shares) || 1;
  const step = WIDTH / n;
  const plot = HEIGHT - TOP;
  const chart = svg('svg', { class: 'timeline-chart', viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img' });
  chart.append(svg('title', {}, 'Papers per year (bars) and their share of all papers that year (line)'));
  series.years.forEach((year, i) => {
    const count = series.counts[i]!;
    const h = (plot * count) / maxCount;
    const out = range !== null && (year < range[0] || year > range[1]);
    const bar = svg('rect', {
      class: `timeline-bar${out ? ' out' : ''}`,
      x: (i * step + step * 0.12).toFixed(2),
      y: (HEIGHT - h).toFixed(2),
      width: (step * 0.76).toFixed(2),
      // A zero year keeps a hairline, so it reads as 0 rather than as a gap.
      height: Math.max(h, 0.6).toFixed(2),
      'data-year': year,
      'data-count': count,
    });
    bar.append(svg('title', {}, `${year}: ${count} paper${count === 1 ? '' : 's'}, ${formatShare(count, series.totals[i]!)} of the ${series.totals[i]} papers of ${year}`));
    chart.append(bar);
  });
  const points = shares.map((s, i) => `${((i + 0.5) * step).toFixed(2)},${(HEIGHT - (plot * s) / maxShare).toFixed(2)}`);
  chart.append(svg('polyline', { class: 'timeline-share', points: points.join(' ') }));
  const peak = series.counts.indexOf(Math.max(...series.counts));
  return el('figure', { class: 'timeline' }, [
    chart,
    el('div', { class: 'timeline-axis' }, [
      el('span', { text: String(series.years[0]) }),
      el('span', { class: 'muted', text: `most: ${series.counts[peak]} in ${series.years[peak]}` }),
      el('span', { text: String(series.years[n - 1]) }),
    ]),
    el('figcaption', { class: 'muted' }, [
      el('span', { class: 'key-bar' }),
      ' papers per year ',
      el('span', { class: 'key-line' }),
      ` share of the year's papers (peak ${formatShare(series.counts[shares.indexOf(maxShare)] ?? 0, series.totals[shares.indexOf(maxShare)] ?? 0)})`,
    ]),
  ]);
}
