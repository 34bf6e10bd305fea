/**
 * Bursts and trends as node properties
 * ====================================
 *
 * The trends stage gives each concept, topic and field a list of bursts (`start`, `end`,
 * `weight`) and a trend (direction, slope, shares, G², p). Neo4j properties hold no maps and no
 * lists of maps, so a node keeps its bursts as three parallel lists (`burstStarts[i]`,
 * `burstEnds[i]`, `burstWeights[i]` are burst i, oldest first) and its trend as flat `trend…`
 * properties. Lists rather than one node per burst: a rerun replaces them with one `SET` (burst
 * nodes would need deleting first, and would belong to a corpus), the bulk-import CSVs get
 * typed array columns, and a query reads them with `UNWIND range(0, size(c.burstStarts) - 1)`.
 * Null (the property removed) where there is nothing: no bursts, no trend, no dated papers.
 */
import type { CommunityTimeline, ShareTrend, TimeProfile, Timeline } from '../model.js';

/** A node's bursts and trend, as the writer sets them (null: the property is removed). */
export interface TimeColumns {
  /** First period of each burst (`2019`, `2019-03`), oldest burst first; null without bursts. */
  burstStarts: string[] | null;
  /** Last period (inclusive) of each burst. */
  burstEnds: string[] | null;
  /** Weight of each burst: the cost the burst state saves (higher is stronger). */
  burstWeights: number[] | null;
  /** `emerging`, `fading` or `steady`; null without a trend. */
  trend: ShareTrend['direction'] | null;
  /** Change of the share's log-odds per period. */
  trendSlope: number | null;
  /** Fitted share of the papers in the first and in the last period of the trend. */
  trendFirstShare: number | null;
  trendLastShare: number | null;
  /** Likelihood-ratio statistic, overdispersion divided out. */
  trendG2: number | null;
  /** Its p-value. */
  trendP: number | null;
  /** Dated papers in the periods the trend is fitted over. */
  trendPapers: number | null;
}

/** A community's papers per period beside its bursts and trend. */
export interface CommunityTimeColumns extends TimeColumns {
  /** The build's period labels (`communities.json`'s `timeline.periods`); null without a timeline. */
  periods: string[] | null;
  /** The community's papers in each of `periods`. */
  papersPerPeriod: number[] | null;
}

/** The columns of a node without a time profile: every property removed. */
export const NO_TIME: Readonly<TimeColumns> = {
  burstStarts: null,
  burstEnds: null,
  burstWeights: null,
  trend: null,
  trendSlope: null,
  trendFirstShare: null,
  trendLastShare: null,
  trendG2: null,
  trendP: null,
  trendPapers: null,
};

/** The bursts and trend of `profile` as node properties (an empty burst list is null, as in the CSV files). */
export function timeColumns(profile: TimeProfile | undefined): TimeColumns {
  if (!profile) return { ...NO_TIME };
  const bursts = profile.bursts;
  const t = profile.trend;
  return {
    burstStarts: bursts.length ? bursts.map((b) => b.start) : null,
    burstEnds: bursts.length ? bursts.map((b) => b.end) : null,
    burstWeights: bursts.length ? bursts.map((b) => b.weight) : null,
    trend: t?.direction ?? null,
    trendSlope: t?.slope ?? null,
    trendFirstShare: t?.firstShare ?? null,
    trendLastShare: t?.lastShare ?? null,
    trendG2: t?.g2 ?? null,
    trendP: t?.p ?? null,
    trendPapers: t?.papers ?? null,
  };
}

/** A topic's or field's time properties: papers per period of the build's `timeline`, bursts and trend. */
export function communityTimeColumns(time: CommunityTimeline | undefined, timeline: Timeline | undefined): CommunityTimeColumns {
  const hasTimeline = time !== undefined && timeline !== undefined && timeline.periods.length > 0;
  return {
    ...timeColumns(time),
    periods: hasTimeline ? [...timeline.periods] : null,
    papersPerPeriod: hasTimeline ? [...time.papersPerPeriod] : null,
  };
}
