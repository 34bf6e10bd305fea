/**
 * The viewer's UI state, and its round trip through the URL hash so a view can be shared:
 * `#concept=<key>&hide=1,4&df=2&degree=3&years=2019-2023&papers=1&color=year` (or `topic=<id>` /
 * `field=<id>` for a selected community).
 */
export type Selection =
  | { kind: 'concept'; index: number }
  | { kind: 'paper'; index: number }
  | { kind: 'topic'; id: number }
  | { kind: 'field'; id: number }
  | null;

/** What colours the concepts: their community, or the mean year of their papers (the overlay). */
export type ColorBy = 'community' | 'year';

export interface Filters {
  minDf: number;
  minDegree: number;
  /** Inclusive year range, or null for all years. */
  years: [number, number] | null;
  showPapers: boolean;
  /** Not a filter, but shared in the hash with them. */
  colorBy: ColorBy;
}

export interface State {
  selection: Selection;
  hovered: Selection;
  hiddenCommunities: Set<number>;
  filters: Filters;
}

export const DEFAULT_FILTERS: Filters = { minDf: 1, minDegree: 0, years: null, showPapers: false, colorBy: 'community' };

export function createState(): State {
  return {
    selection: null,
    hovered: null,
    hiddenCommunities: new Set(),
    filters: { ...DEFAULT_FILTERS },
  };
}

/** What the hash holds, with keys (not indices) for the selection. */
export interface HashState {
  concept?: string;
  paper?: string;
  topic?: number;
  field?: number;
  hide: number[];
  filters: Filters;
}

export function encodeHash(h: HashState): string {
  const p = new URLSearchParams();
  if (h.concept !== undefined) p.set('concept', h.concept);
  if (h.paper !== undefined) p.set('paper', h.paper);
  if (h.topic !== undefined) p.set('topic', String(h.topic));
  if (h.field !== undefined) p.set('field', String(h.field));
  if (h.hide.length) p.set('hide', [...h.hide].sort((a, b) => a - b).join(','));
  if (h.filters.minDf > DEFAULT_FILTERS.minDf) p.set('df', String(h.filters.minDf));
  if (h.filters.minDegree > DEFAULT_FILTERS.minDegree) p.set('degree', String(h.filters.minDegree));
  if (h.filters.years) p.set('years', `${h.filters.years[0]}-${h.filters.years[1]}`);
  if (h.filters.showPapers) p.set('papers', '1');
  if (h.filters.colorBy === 'year') p.set('color', 'year');
  const s = p.toString();
  return s ? `#${s}` : '';
}

function intOr(value: string | null, fallback: number): number {
  const n = value === null ? NaN : Number.parseInt(value, 10);
  return Number.isFinite(n) && n >= 0 ? n : fallback;
}

export function decodeHash(hash: string): HashState {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const years = /^(\d{4})-(\d{4})$/.exec(p.get('years') ?? '');
  const out: HashState = {
    hide: (p.get('hide') ?? '')
      .split(',')
      .filter((s) => /^\d+$/.test(s))
      .map(Number),
    filters: {
      minDf: Math.max(1, intOr(p.get('df'), DEFAULT_FILTERS.minDf)),
      minDegree: intOr(p.get('degree'), DEFAULT_FILTERS.minDegree),
      years: years ? [Number(years[1]), Number(years[2])] : null,
      showPapers: p.get('papers') === '1',
      colorBy: p.get('color') === 'year' ? 'year' : 'community',
    },
  };
  const concept = p.get('concept');
  const paper = p.get('paper');
  if (concept) out.concept = concept;
  if (paper) out.paper = paper;
  const topic = intOr(p.get('topic'), -1);
  const field = intOr(p.get('field'), -1);
  if (topic >= 0) out.topic = topic;
  if (field >= 0) out.field = field;
  return out;
}
