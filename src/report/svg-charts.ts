/**
 * Inline SVG charts
 * =================
 *
 * Small, dependency-free charts for the HTML report: horizontal bars (community sizes),
 * vertical bars (papers per year) and a heat map (inter-community link weights). Output is a
 * string of SVG with every label escaped and every coordinate printed with fixed decimals, so
 * the same data always gives the same bytes.
 */
import { escapeHtml as esc, formatNumber as num } from './escape.js';
import type { YearCount } from './types.js';

const f = (x: number): string => num(x, 1);

/** One bar group of `barChart`. */
export interface BarRow {
  label: string;
  /** Values, one per series. */
  values: number[];
  /** Link target of the row label (e.g. "#community-3"). */
  href?: string;
}

/** Horizontal grouped bars, one row per item, one bar per series, with a legend. */
export function barChart(rows: BarRow[], series: string[], title: string): string {
  const colors = ['#4c78a8', '#f58518', '#54a24b'];
  const labelWidth = 220;
  const barArea = 360;
  const barHeight = 9;
  const rowHeight = series.length * barHeight + 8;
  const top = 24;
  const height = top + rows.length * rowHeight + 8;
  const width = labelWidth + barArea + 60;
  const max = Math.max(1, ...rows.flatMap((r) => r.values));
  const parts: string[] = [
    `<svg class="chart" role="img" aria-label="${esc(title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">`,
    `<title>${esc(title)}</title>`,
  ];
  series.forEach((s, i) => {
    const x = labelWidth + i * 120;
    parts.push(
      `<rect x="${x}" y="6" width="10" height="10" fill="${colors[i % colors.length]}"/>`,
      `<text x="${x + 14}" y="15" class="legend">${esc(s)}</text>`,
    );
  });
  rows.forEach((r, i) => {
    const y = top + i * rowHeight;
    const shown = r.label.length > 34 ? `${r.label.slice(0, 33)}…` : r.label;
    const text = `<text x="${labelWidth - 6}" y="${f(y + rowHeight / 2)}" text-anchor="end" dominant-baseline="middle">${esc(shown)}<title>${esc(r.label)}</title></text>`;
    parts.push(r.href ? `<a href="${esc(r.href)}">${text}</a>` : text);
    r.values.forEach((v, j) => {
      const w = (v / max) * barArea;
      const by = y + 4 + j * barHeight;
      parts.push(
        `<rect x="${labelWidth}" y="${by}" width="${f(w)}" height="${barHeight - 1}" fill="${colors[j % colors.length]}"><title>${esc(`${r.label}: ${num(v)} ${series[j] ?? ''}`)}</title></rect>`,
        `<text x="${f(labelWidth + w + 4)}" y="${f(by + barHeight / 2)}" dominant-baseline="middle" class="value">${num(v)}</text>`,
      );
    });
  });
  parts.push('</svg>');
  return parts.join('\n');
}

/** Vertical bars of papers per year; missing years between the first and last show as 0. */
export function yearChart(years: YearCount[], title: string): string {
  if (years.length === 0) return '';
  const first = years[0]!.year;
  const last = years[years.length - 1]!.year;
  const counts = new Map(years.map((y) => [y.year, y.papers]));
  const all: YearCount[] = [];
  for (let y = first; y <= last; y++) all.push({ year: y, papers: counts.get(y) ?? 0 });
  const barWidth = Math.max(8, Math.min(36, Math.floor(560 / all.length) - 4));
  const gap = 4;
  const left = 36;
  const plot = 120;
  const top = 16;
  const width = left + all.length * (barWidth + gap) + 10;
  const height = top + plot + 34;
  const max = Math.max(1, ...all.map((y) => y.papers));
  const step = Math.max(1, Math.ceil(all.length / 12));
  const parts: string[] = [
    `<svg class="chart" role="img" aria-label="${esc(title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">`,
    `<title>${esc(title)}</title>`,
    `<line x1="${left}" y1="${top + plot}" x2="${width - 6}" y2="${top + plot}" class="axis"/>`,
    `<text x="${left - 4}" y="${top + 4}" text-anchor="end" class="value">${max}</text>`,
    `<text x="${left - 4}" y="${top + plot}" text-anchor="end" class="value">0</text>`,
  ];
  all.forEach((y, i) => {
    const h = (y.papers / max) * plot;
    const x = left + i * (barWidth + gap);
    parts.push(
      `<rect x="${x}" y="${f(top + plot - h)}" width="${barWidth}" height="${f(h)}" fill="#4c78a8"><title>${y.year}: ${y.papers} papers</title></rect>`,
    );
    if (i % step === 0 || i === all.length - 1) {
      parts.push(
        `<text x="${f(x + barWidth / 2)}" y="${top + plot + 14}" text-anchor="middle" class="value">${y.year}</text>`,
      );
    }
  });
  parts.push('</svg>');
  return parts.join('\n');
}

/** Colour of a heat-map cell: white → dark blue on a square-root scale. */
function heat(t: number): string {
  const s = Math.sqrt(Math.max(0, Math.min(1, t)));
  const r = Math.round(247 - s * (247 - 8));
  const g = Math.round(251 - s * (251 - 48));
  const b = Math.round(255 - s * (255 - 107));
  return `rgb(${r},${g},${b})`;
}

/**
 * Heat map of co-occurrence weight between communities. Off-diagonal cells share one colour
 * scale; the diagonal (internal weight) is outlined and printed, since it would swamp the scale.
 */
export function heatMap(ids: number[], labels: string[], weights: number[][], title: string): string {
  const n = ids.length;
  if (n === 0) return '';
  const cell = Math.max(12, Math.min(36, Math.floor(520 / n)));
  const left = 40;
  const top = 40;
  const width = left + n * cell + 10;
  const height = top + n * cell + 10;
  let max = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) max = Math.max(max, weights[i]![j]!);
  const parts: string[] = [
    `<svg class="chart" role="img" aria-label="${esc(title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">`,
    `<title>${esc(title)}</title>`,
  ];
  ids.forEach((id, i) => {
    const c = left + i * cell + cell / 2;
    parts.push(
      `<text x="${f(c)}" y="${top - 6}" text-anchor="middle" class="value">${id}<title>${esc(`${id}: ${labels[i] ?? ''}`)}</title></text>`,
      `<text x="${left - 6}" y="${f(top + i * cell + cell / 2)}" text-anchor="end" dominant-baseline="middle" class="value">${id}<title>${esc(`${id}: ${labels[i] ?? ''}`)}</title></text>`,
    );
  });
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const w = weights[i]![j]!;
      const x = left + j * cell;
      const y = top + i * cell;
      const tip = esc(`${ids[i]} ↔ ${ids[j]}: ${num(w)}${i === j ? ' (internal)' : ''}`);
      const fill = i === j ? '#eeeeee' : heat(max > 0 ? w / max : 0);
      const stroke = i === j ? ' stroke="#888888"' : ' stroke="#ffffff"';
      parts.push(`<rect x="${x}" y="${y}" width="${cell}" height="${cell}" fill="${fill}"${stroke}><title>${tip}</title></rect>`);
    }
  }
  parts.push('</svg>');
  return parts.join('\n');
}
