/**
 * Time in the viewer
 * ==================
 *
 * Pure functions over the loaded data: each concept's mean publication year (the year overlay,
 * after VOSviewer's overlay visualization), papers per year of a concept or a community with the
 * share of all papers of each year (the panel's timeline), and the recount of papers per concept
 * and per displayed link within a year range (the year filter). Everything is computed from
 * `papers.year` and the mentions, so the data file needs nothing more.
 */
import { EDGE_STRIDE } from '../../src/viewer/format';
import type { Link, Model } from './model';

/** An inclusive range of years. */
export type YearRange = readonly [number, number];

/** Papers per year over consecutive years: no year is skipped, a year without papers counts 0. */
export interface YearSeries {
  /** Consecutive years, first to last. */
  years: number[];
  /** Papers of the concept or community in each year. */
  counts: number[];
  /** All papers of the corpus in each year, so a share can be read beside the count. */
  totals: number[];
}

/** Papers per concept and per displayed link within a year range. */
export interface Recount {
  range: YearRange;
  /** Papers in the range mentioning each concept. */
  conceptPapers: Uint32Array;
  /** Papers in the range mentioning both ends of each displayed edge (in `data.edges` order). */
  edgePapers: Uint32Array;
  /** Displayed links per concept whose two ends share a paper in the range. */
  conceptLinks: Uint32Array;
}

/**
 * Mean publication year of each concept's dated papers; NaN for a concept none of whose papers
 * has a year. Each paper counts once per concept.
 */
export function meanYears(model: Model): Float64Array {
  const year = model.data.papers.year;
  const out = new Float64Array(model.conceptCount);
  model.conceptPapers.forEach((papers, i) => {
    let sum = 0;
    let n = 0;
    for (const p of papers) {
      const y = year[p];
      if (typeof y === 'number') {
        sum += y;
        n++;
      }
    }
    out[i] = n > 0 ? sum / n : NaN;
  });
  return out;
}

/** Counts papers per year of the model's year extent, for the papers `belongs` accepts. */
function seriesOf(model: Model, belongs: (paper: number) => boolean): YearSeries {
  if (!model.yearExtent) return { years: [], counts: [], totals: [] };
  const [lo, hi] = model.yearExtent;
  const years = Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
  const counts = years.map(() => 0);
  const totals = years.map(() => 0);
  const year = model.data.papers.year;
  for (let p = 0; p < model.paperCount; p++) {
    const y = year[p];
    if (typeof y !== 'number') continue;
    totals[y - lo]!++;
    if (belongs(p)) counts[y - lo]!++;
  }
  return { years, counts, totals };
}

/** Papers per year mentioning one concept, over the corpus's whole year extent. */
export function conceptSeries(model: Model, concept: number): YearSeries {
  const mine = new Uint8Array(model.paperCount);
  for (const p of model.conceptPapers[concept] ?? []) mine[p] = 1;
  return seriesOf(model, (p) => mine[p] === 1);
}

/**
 * Papers per year of a community: the papers that joined one of `topics` (a topic alone, or all
 * the topics of a field), as the legend counts them.
 */
export function communitySeries(model: Model, topics: ReadonlySet<number>): YearSeries {
  const community = model.data.papers.community;
  return seriesOf(model, (p) => topics.has(community[p]!));
}

/** Size of the intersection of two ascending lists, by binary search of the longer one. */
function countShared(a: Int32Array, b: Int32Array): number {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  let n = 0;
  let from = 0;
  for (const v of short) {
    let lo = from;
    let hi = long.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (long[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    if (lo < long.length && long[lo] === v) n++;
    // Both lists ascend, so the next search starts where this one ended.
    from = lo;
  }
  return n;
}

/**
 * Papers per concept and per displayed link counting only papers whose year lies in `range`
 * (undated papers fall outside every range). A link's papers are those mentioning both its ends.
 */
export function recountInYears(model: Model, range: YearRange): Recount {
  const year = model.data.papers.year;
  const inRange = new Uint8Array(model.paperCount);
  for (let p = 0; p < model.paperCount; p++) {
    const y = year[p];
    inRange[p] = Number(typeof y === 'number' && y >= range[0] && y <= range[1]);
  }
  const conceptPapers = new Uint32Array(model.conceptCount);
  const kept = model.conceptPapers.map((papers, i) => {
    const list = papers.filter((p) => inRange[p] === 1);
    conceptPapers[i] = list.length;
    return list;
  });
  const edges = model.data.edges;
  const edgePapers = new Uint32Array(Math.floor(edges.length / EDGE_STRIDE));
  const conceptLinks = new Uint32Array(model.conceptCount);
  for (let e = 0; e < edgePapers.length; e++) {
    const s = edges[e * EDGE_STRIDE]!;
    const t = edges[e * EDGE_STRIDE + 1]!;
    const a = kept[s];
    const b = kept[t];
    if (!a || !b || a.length === 0 || b.length === 0) continue;
    const n = countShared(a, b);
    edgePapers[e] = n;
    if (n > 0) {
      conceptLinks[s]!++;
      conceptLinks[t]!++;
    }
  }
  return { range, conceptPapers, edgePapers, conceptLinks };
}

/** Whether a paper's year lies in the range; with no range every paper does. */
export function paperInRange(model: Model, paper: number, range: YearRange | null): boolean {
  if (range === null) return true;
  const y = model.data.papers.year[paper];
  return typeof y === 'number' && y >= range[0] && y <= range[1];
}

/**
 * A concept's links as the year range counts them: each with its shared papers in the range,
 * those sharing none left out, most shared papers first (then weight). Without a recount, the
 * links as they are.
 */
export function linksWithin(links: readonly Link[], recount: Recount | null): Link[] {
  if (!recount) return [...links];
  return links
    .map((l) => ({ ...l, papers: recount.edgePapers[l.edge] ?? 0 }))
    .filter((l) => l.papers > 0)
    .sort((a, b) => b.papers - a.papers || b.weight - a.weight || a.index - b.index);
}
