/**
 * Streamgraph
 * ===========
 *
 * The fields' papers per period as stacked areas around a centred baseline (Byron & Wattenberg
 * 2008, "Stacked Graphs — Geometry & Aesthetics", https://doi.org/10.1109/TVCG.2008.166): the
 * largest layers in the middle, smaller ones outside (inside-out order), so the eye follows each
 * field's thickness rather than its position. The stacking and the paths come from d3-shape and
 * are computed here, when the report is written: the page gets plain inline SVG and no script.
 * Every label is escaped and every coordinate rounded to one decimal (same data, same bytes).
 */
import { area, stack, stackOffsetSilhouette, stackOrderInsideOut, type SeriesPoint } from 'd3-shape';
import { escapeHtml as esc, formatNumber as num } from './escape.js';
import type { ReportModel } from './types.js';

/** One layer: a field (or topic) and its papers per period. */
export interface StreamLayer {
  label: string;
  papers: number[];
}

/** Layers beyond this many are summed into one "other" layer (the last of the limit). */
export const MAX_STREAM_LAYERS = 12;

/** Twelve distinguishable colours (Tableau 10, then two more); the "other" layer is grey. */
const COLORS = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#86bcb6', '#8cd17d', '#d4a6c8'];
const OTHER_COLOR = '#bab0ac';

const total = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0);

/**
 * At most `max` layers: the `max - 1` with most papers (ties: earlier first) in their given
 * order, and the rest summed into `otherLabel`; all of them when they fit.
 */
export function limitLayers(layers: readonly StreamLayer[], max: number, otherLabel: (n: number) => string): (StreamLayer & { other?: true })[] {
  if (layers.length <= max) return [...layers];
  const ranked = layers.map((l, i) => ({ i, papers: total(l.papers) })).sort((a, b) => b.papers - a.papers || a.i - b.i);
  const kept = new Set(ranked.slice(0, max - 1).map((r) => r.i));
  const rest = layers.filter((_, i) => !kept.has(i));
  const periods = Math.max(...layers.map((l) => l.papers.length));
  const other = Array.from({ length: periods }, (_, p) => total(rest.map((l) => l.papers[p] ?? 0)));
  return [...layers.filter((_, i) => kept.has(i)), { label: otherLabel(rest.length), papers: other, other: true }];
}

const WIDTH = 760;
const LEFT = 16;
const RIGHT = 16;
const TOP = 10;
const PLOT = 220;
const AXIS = 30;

/**
 * The streamgraph of `layers` over `periods` as an inline SVG figure with its legend (full labels
 * and colours) below; '' when there is no period or no paper. Each layer is one `<path>` with a
 * `<title>` (label and papers) that a browser shows on hover; the x axis names the periods.
 */
export function streamgraph(periods: readonly string[], layers: readonly StreamLayer[], title: string, otherLabel: (n: number) => string): string {
  const shown = limitLayers(layers, MAX_STREAM_LAYERS, otherLabel);
  if (periods.length === 0 || shown.length === 0 || total(shown.map((l) => total(l.papers))) === 0) return '';
  // One period alone is drawn as a band across the plot: an area needs two x positions.
  const columns = periods.length === 1 ? [0, 0] : periods.map((_, p) => p);
  const rows = columns.map((p) => shown.map((l) => l.papers[p] ?? 0));
  const series = stack<number[], number>()
    .keys(shown.map((_, i) => i))
    .value((row, i) => row[i] ?? 0)
    .order(stackOrderInsideOut)
    .offset(stackOffsetSilhouette)(rows);
  const low = Math.min(...series.flatMap((s) => s.map((d) => d[0])));
  const high = Math.max(...series.flatMap((s) => s.map((d) => d[1])));
  const x = (i: number): number => LEFT + (columns.length === 1 ? 0 : (i * (WIDTH - LEFT - RIGHT)) / (columns.length - 1));
  const y = (v: number): number => TOP + ((high - v) / (high - low || 1)) * PLOT;
  const path = area<SeriesPoint<number[]>>()
    .x((_, i) => x(i))
    .y0((d) => y(d[0]))
    .y1((d) => y(d[1]))
    .digits(1);
  const color = (i: number): string => (shown[i]?.other ? OTHER_COLOR : COLORS[i % COLORS.length]!);
  const height = TOP + PLOT + AXIS;
  const parts = [
    `<svg class="chart streamgraph" role="img" aria-label="${esc(title)}" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" xmlns="http://www.w3.org/2000/svg">`,
    `<title>${esc(title)}</title>`,
    ...series.map((s, i) => {
      const layer = shown[i]!;
      return `<path d="${path(s) ?? ''}" fill="${color(i)}" stroke="#ffffff" stroke-width="0.5"><title>${esc(`${layer.label}: ${total(layer.papers)} papers`)}</title></path>`;
    }),
    `<line x1="${LEFT}" y1="${TOP + PLOT + 4}" x2="${WIDTH - RIGHT}" y2="${TOP + PLOT + 4}" class="axis"/>`,
    ...periodLabels(periods, periods.length === 1 ? () => WIDTH / 2 : x),
    '</svg>',
  ];
  const legend = [
    '<ul class="stream-legend">',
    ...shown.map(
      (l, i) => `<li><svg width="10" height="10" aria-hidden="true"><rect width="10" height="10" fill="${color(i)}"/></svg> ${esc(l.label)} <span class="note">(${total(l.papers)} papers)</span></li>`,
    ),
    '</ul>',
  ];
  return ['<figure class="streamgraph">', ...parts, ...legend, '</figure>'].join('\n');
}

/**
 * The period labels under the plot, thinned to about one per 70 pixels: the first and the last
 * always, and a thinned one not too close to the last.
 */
function periodLabels(periods: readonly string[], x: (i: number) => number): string[] {
  const step = Math.max(1, Math.ceil((periods.length * 70) / (WIDTH - LEFT - RIGHT)));
  const last = periods.length - 1;
  const shown = (i: number): boolean => i === 0 || i === last || (i % step === 0 && last - i >= step / 2);
  const anchor = (i: number): string => (last === 0 ? 'middle' : i === 0 ? 'start' : i === last ? 'end' : 'middle');
  return periods.flatMap((p, i) => (shown(i) ? [`<text x="${num(x(i), 1)}" y="${TOP + PLOT + 20}" text-anchor="${anchor(i)}" class="value">${esc(p)}</text>`] : []));
}

/**
 * The report's streamgraph: the fields' papers per period (the topics' in a build without
 * fields), with the heading of its section; undefined when the build counted no period (no paper
 * is dated) or no paper is in one.
 */
export function reportStreamgraph(model: ReportModel): { heading: string; figure: string } | undefined {
  const periods = model.time?.periods ?? [];
  const fields = model.fields.filter((f) => f.time);
  const layers: StreamLayer[] = fields.length
    ? fields.map((f) => ({ label: `Field ${f.id}: ${f.label}`, papers: f.time!.papersPerPeriod }))
    : model.communities.filter((c) => c.time).map((c) => ({ label: `Topic ${c.id}: ${c.label}`, papers: c.time!.papersPerPeriod }));
  const kind = fields.length ? 'field' : 'topic';
  const figure = streamgraph(periods, layers, `Papers per ${kind} and period`, (n) => `${n} other ${kind}s`);
  return figure ? { heading: `${fields.length ? 'Fields' : 'Topics'} over time`, figure } : undefined;
}
