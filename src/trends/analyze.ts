/**
 * Bursts and trends of a build
 * ============================
 *
 * Counts, per period, the dated papers of the corpus, of each concept (papers mentioning it)
 * and of each topic and field (its papers), then runs burst detection (kleinberg.ts) and the
 * share trend (share-trend.ts) on each share. A pure function of the graph and its
 * communities; `communities.json` keeps the settings, so a later reader recomputes the same.
 */
import { resolveDefaults } from '../defaults.js';
import { UserError } from '../errors.js';
import {
  conceptNodeKey,
  paperNodeKey,
  type Burst,
  type CommunitiesFile,
  type CommunityTimeline,
  type KnowledgeGraph,
  type TimeProfile,
  type Timeline,
  type TrendSettings,
} from '../model.js';
import { detectBursts, type ShareSeries } from './kleinberg.js';
import { buildPeriodAxis, chooseUnit, periodKey, type PaperDate, type PeriodAxis } from './periods.js';
import { shareTrend } from './share-trend.js';

/** Options of {@link analyzeTrends}: the settings, with `minPeriodPapers` that may be `auto`. */
export type TrendOptions = Omit<TrendSettings, 'minPeriodPapers'> & {
  /** `auto`: 10, or one in 200 dated papers in a larger corpus. */
  minPeriodPapers: number | 'auto';
};

/** Defaults of {@link TrendOptions}: CiteSpace's γ = 1 and two-period minimum, Kleinberg's s = 2. */
export const TREND_DEFAULTS: TrendOptions = {
  stateRatio: 2,
  gamma: 1,
  minDuration: 2,
  minPapers: 10,
  alpha: 0.01,
  minChange: 1.5,
  recentPeriods: 6,
  minPeriodPapers: 'auto',
};

/** What {@link analyzeTrends} finds. */
export interface Trends {
  timeline: Timeline;
  /** Concepts with enough dated papers, by key. */
  concepts: Map<string, TimeProfile>;
  /** Topics and fields by id. */
  topics: Map<number, CommunityTimeline>;
  fields: Map<number, CommunityTimeline>;
}

/** Checks `options` and settles `auto`; throws a `UserError` naming the bad option. */
export function resolveTrendSettings(options: Partial<TrendOptions> | undefined, datedPapers: number): TrendSettings {
  const o = resolveDefaults(TREND_DEFAULTS, options);
  const check = (ok: boolean, name: string, expecting: string) => {
    if (!ok) throw new UserError(`trends: invalid ${name}. Expecting ${expecting}.`, 'E_USAGE');
  };
  check(Number.isFinite(o.stateRatio) && o.stateRatio > 1, '`stateRatio` (--burst-state-ratio)', 'a number > 1');
  check(Number.isFinite(o.gamma) && o.gamma >= 0, '`gamma` (--burst-gamma)', 'a number ≥ 0');
  check(Number.isInteger(o.minDuration) && o.minDuration >= 1, '`minDuration` (--burst-min-duration)', 'an integer ≥ 1');
  check(Number.isInteger(o.minPapers) && o.minPapers >= 1, '`minPapers` (--trend-min-papers)', 'an integer ≥ 1');
  check(o.alpha > 0 && o.alpha < 1, '`alpha` (--trend-alpha)', 'a number between 0 and 1');
  check(Number.isFinite(o.minChange) && o.minChange >= 1, '`minChange`', 'a number ≥ 1');
  check(Number.isInteger(o.recentPeriods) && (o.recentPeriods === 0 || o.recentPeriods >= 3), '`recentPeriods` (--trend-periods)', '0 (all) or an integer ≥ 3');
  const auto = o.minPeriodPapers === 'auto';
  check(auto || (Number.isInteger(o.minPeriodPapers) && (o.minPeriodPapers as number) >= 1), '`minPeriodPapers` (--period-min-papers)', 'an integer ≥ 1 or "auto"');
  const minPeriodPapers = auto ? Math.max(10, Math.ceil(datedPapers / 200)) : (o.minPeriodPapers as number);
  return { ...o, minPeriodPapers };
}

/** Burst spans by index as period labels: a burst starts with its first period's first single period. */
function labelBursts(axis: PeriodAxis, series: ShareSeries, s: TrendSettings): Burst[] {
  return detectBursts(series, s).map((b) => ({ start: axis.spans[b.start]![0], end: axis.spans[b.end]![1], weight: round(b.weight) }));
}

/** The last `recentPeriods` of a series (all when 0). */
function recent(series: ShareSeries, recentPeriods: number): ShareSeries {
  if (recentPeriods === 0 || series.total.length <= recentPeriods) return series;
  return { relevant: series.relevant.slice(-recentPeriods), total: series.total.slice(-recentPeriods) };
}

/** Bursts and trend of one share, or undefined with fewer than `minPapers` relevant papers. */
function profile(axis: PeriodAxis, relevant: readonly number[], s: TrendSettings): TimeProfile | undefined {
  let papers = 0;
  for (const r of relevant) papers += r;
  if (papers < s.minPapers) return undefined;
  const series = { relevant, total: axis.papers };
  const result: TimeProfile = { bursts: labelBursts(axis, series, s) };
  const trend = shareTrend(recent(series, s.recentPeriods), s);
  if (trend) {
    result.trend = {
      ...trend,
      slope: round(trend.slope),
      firstShare: round(trend.firstShare),
      lastShare: round(trend.lastShare),
      g2: round(trend.g2),
      p: Number(trend.p.toPrecision(4)),
    };
  }
  return result;
}

/** Six significant digits: the files stay short and do not show float noise. */
const round = (x: number): number => Number(x.toPrecision(6));

/**
 * Bursts and trends of every concept, topic and field of `graph`, as shares of the dated papers
 * per period. A corpus with no dated paper gives an empty timeline.
 */
export function analyzeTrends(graph: KnowledgeGraph, communities: CommunitiesFile, options?: Partial<TrendOptions>): Trends {
  const dates: PaperDate[] = [];
  const nodes: string[] = [];
  graph.forEachNode((node, a) => {
    if (a.kind !== 'paper') return;
    nodes.push(node);
    dates.push({ date: a.date, year: a.year });
  });
  const unit = chooseUnit(dates);
  const keys = dates.map((d) => periodKey(d, unit));
  const datedKeys = keys.filter((k): k is string => k !== undefined);
  const settings = resolveTrendSettings(options, datedKeys.length);
  const axis = buildPeriodAxis(datedKeys, unit, settings.minPeriodPapers);
  const periodOf = new Map<string, number>();
  nodes.forEach((node, i) => {
    const key = keys[i];
    const index = key === undefined ? undefined : axis.indexOf.get(key);
    if (index !== undefined) periodOf.set(node, index);
  });
  const timeline: Timeline = { unit, periods: axis.labels, papers: axis.papers, undated: nodes.length - datedKeys.length, settings };
  const n = axis.labels.length;

  const counts = new Map<string, number[]>();
  const store = graph.mentions;
  const periodOfPaper = store.papers.map((id) => periodOf.get(paperNodeKey(id)));
  const perConcept: (number[] | undefined)[] = [];
  store.forEachRow((r) => {
    const period = periodOfPaper[store.paperOf(r)];
    if (period === undefined) return;
    const c = store.conceptOf(r);
    let row = perConcept[c];
    if (!row) counts.set(conceptNodeKey(store.concepts[c]!), (row = perConcept[c] = new Array<number>(n).fill(0)));
    row[period]!++;
  });
  const concepts = new Map<string, TimeProfile>();
  for (const [node, row] of [...counts].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    const found = profile(axis, row, settings);
    const attributes = graph.getNodeAttributes(node);
    if (found && attributes.kind === 'concept') concepts.set(attributes.key, found);
  }

  const communityTimeline = (paperIds: Iterable<string>): CommunityTimeline => {
    const row = new Array<number>(n).fill(0);
    for (const id of paperIds) {
      const period = periodOf.get(paperNodeKey(id));
      if (period !== undefined) row[period]!++;
    }
    return { papersPerPeriod: row, ...(profile(axis, row, settings) ?? { bursts: [] }) };
  };
  const topics = new Map(communities.communities.map((c) => [c.id, communityTimeline(c.papers)]));
  const papersOf = new Map(communities.communities.map((c) => [c.id, c.papers]));
  const fields = new Map(
    (communities.fields ?? []).map((f) => [f.id, communityTimeline(new Set(f.topics.flatMap((t) => papersOf.get(t) ?? [])))]),
  );
  return { timeline, concepts, topics, fields };
}

/** `communities` with each topic's and field's `time` and the `timeline` (a new object). */
export function withTimelines(communities: CommunitiesFile, trends: Trends): CommunitiesFile {
  if (trends.timeline.periods.length === 0) return communities;
  return {
    ...communities,
    communities: communities.communities.map((c) => ({ ...c, time: trends.topics.get(c.id)! })),
    ...(communities.fields && { fields: communities.fields.map((f) => ({ ...f, time: trends.fields.get(f.id)! })) }),
    timeline: trends.timeline,
  };
}

/**
 * The concepts' bursts and trends of a saved build, found again with the settings its
 * `communities.json` keeps (so the same the build found); undefined for a build without a timeline.
 */
export function savedConceptTimes(graph: KnowledgeGraph, communities: CommunitiesFile | undefined): ReadonlyMap<string, TimeProfile> | undefined {
  return communities?.timeline ? analyzeTrends(graph, communities, communities.timeline.settings).concepts : undefined;
}
