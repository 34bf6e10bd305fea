/**
 * Periods
 * =======
 *
 * The periods papers are counted in: years, or months when the dated papers span under three
 * years. Every period between the first and the last is there, empty or not, so that bursts
 * and trends see equal steps; a run of sparse periods (the early years of an archive, with a
 * handful of papers each) is merged with the next until it holds enough papers to be read as a
 * share.
 */

/** A paper's date as the graph holds it. */
export interface PaperDate {
  date?: string;
  year?: number;
}

/** The periods of a corpus and where each paper falls. */
export interface PeriodAxis {
  unit: 'year' | 'month';
  /** Labels, in order: a single period (`2019`, `2019-03`) or a merged run (`1963–1988`). */
  labels: string[];
  /** First and last single period of each label. */
  spans: [first: string, last: string][];
  /** Dated papers per period. */
  papers: number[];
  /** The period index of a single period key (`2019`, `2019-03`). */
  indexOf: ReadonlyMap<string, number>;
}

/** `YYYY-MM` of a date that has a month, else undefined. */
const monthKey = (p: PaperDate): string | undefined => (p.date && /^\d{4}-\d{2}/.test(p.date) ? p.date.slice(0, 7) : undefined);

/** The year of a paper: `year`, else the year its date starts with. */
export function yearOf(p: PaperDate): number | undefined {
  if (typeof p.year === 'number' && Number.isInteger(p.year)) return p.year;
  const m = p.date ? /^(\d{4})/.exec(p.date) : null;
  return m ? Number(m[1]) : undefined;
}

/** The unit of a corpus: months when its month-dated papers span under 36 months and hardly any lacks a month. */
export function chooseUnit(papers: readonly PaperDate[]): 'year' | 'month' {
  let dated = 0;
  let withMonth = 0;
  let first = '';
  let last = '';
  for (const p of papers) {
    if (yearOf(p) === undefined) continue;
    dated++;
    const key = monthKey(p);
    if (!key) continue;
    withMonth++;
    if (first === '' || key < first) first = key;
    if (key > last) last = key;
  }
  if (withMonth === 0 || withMonth < 0.9 * dated) return 'year';
  const months = (Number(last.slice(0, 4)) - Number(first.slice(0, 4))) * 12 + Number(last.slice(5, 7)) - Number(first.slice(5, 7)) + 1;
  return months < 36 ? 'month' : 'year';
}

/** The single period key of a paper in `unit`, or undefined (no year; no month when counting months). */
export function periodKey(p: PaperDate, unit: 'year' | 'month'): string | undefined {
  if (unit === 'month') return monthKey(p);
  const year = yearOf(p);
  return year === undefined ? undefined : String(year);
}

/** Every single period from `first` to `last` inclusive. */
function allPeriods(first: string, last: string, unit: 'year' | 'month'): string[] {
  const keys: string[] = [];
  if (unit === 'year') {
    for (let y = Number(first); y <= Number(last); y++) keys.push(String(y));
    return keys;
  }
  let y = Number(first.slice(0, 4));
  let m = Number(first.slice(5, 7));
  for (let key = first; key <= last; key = `${y}-${String(m).padStart(2, '0')}`) {
    keys.push(key);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return keys;
}

/**
 * The periods of `keys` (one single period key per dated paper): runs of periods with fewer than
 * `minPeriodPapers` papers merge with the next; a sparse end merges with the period before it.
 */
export function buildPeriodAxis(keys: readonly string[], unit: 'year' | 'month', minPeriodPapers: number): PeriodAxis {
  if (keys.length === 0) return { unit, labels: [], spans: [], papers: [], indexOf: new Map() };
  const counts = new Map<string, number>();
  let first = keys[0]!;
  let last = keys[0]!;
  for (const key of keys) {
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (key < first) first = key;
    if (key > last) last = key;
  }
  const spans: [string, string][] = [];
  const papers: number[] = [];
  const indexOf = new Map<string, number>();
  let open: { first: string; last: string; papers: number; keys: string[] } | undefined;
  for (const key of allPeriods(first, last, unit)) {
    open ??= { first: key, last: key, papers: 0, keys: [] };
    open.last = key;
    open.papers += counts.get(key) ?? 0;
    open.keys.push(key);
    if (open.papers < minPeriodPapers) continue;
    for (const k of open.keys) indexOf.set(k, spans.length);
    spans.push([open.first, open.last]);
    papers.push(open.papers);
    open = undefined;
  }
  if (open) {
    // A sparse end joins the period before it (or is the only period).
    if (spans.length === 0) {
      spans.push([open.first, open.last]);
      papers.push(open.papers);
    } else {
      spans[spans.length - 1]![1] = open.last;
      papers[papers.length - 1]! += open.papers;
    }
    for (const k of open.keys) indexOf.set(k, spans.length - 1);
  }
  const labels = spans.map(([a, b]) => (a === b ? a : `${a}–${b}`));
  return { unit, labels, spans, papers, indexOf };
}
