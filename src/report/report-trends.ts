/**
 * Bursts and trends in the report
 * ===============================
 *
 * Ranks the bursts and the emerging / fading trends the trends stage found (handed over as
 * `conceptTimes`, with the periods in `communities.json`'s `timeline`): the strongest of the
 * corpus, and of each topic's and field's concepts. Every list has a total order (burst weight,
 * or the change in share of a significant trend; then key).
 */
import type { CommunitiesFile, CommunityTimeline, TimeProfile } from '../model.js';
import { byKey } from './report-index.js';
import type { BurstRow, CommunityTime, CorpusTime, TrendRow } from './types.js';

/** What the time sections read: every concept's profile and how to name it. */
export interface TimeContext {
  times: ReadonlyMap<string, TimeProfile>;
  label: (key: string) => string;
  communityOf: (key: string) => number;
}

function burstRows(ctx: TimeContext, keys: Iterable<string>, top: number): BurstRow[] {
  const rows: BurstRow[] = [];
  for (const key of keys) {
    for (const b of ctx.times.get(key)?.bursts ?? []) rows.push({ key, label: ctx.label(key), community: ctx.communityOf(key), ...b });
  }
  return rows.sort((a, b) => b.weight - a.weight || byKey(a.key, b.key) || byKey(a.start, b.start)).slice(0, top);
}

function trendRows(ctx: TimeContext, keys: Iterable<string>, direction: 'emerging' | 'fading', top: number): TrendRow[] {
  const rows: TrendRow[] = [];
  for (const key of keys) {
    const trend = ctx.times.get(key)?.trend;
    if (trend?.direction === direction) rows.push({ key, label: ctx.label(key), community: ctx.communityOf(key), ...trend });
  }
  // By how much the share moved (of the significant ones): ranked by G², concepts that enter from
  // nothing (a shared task named by its year) come first and a field-wide shift far behind.
  const change = (t: TrendRow) => Math.abs(t.lastShare - t.firstShare);
  return rows.sort((a, b) => change(b) - change(a) || b.g2 - a.g2 || byKey(a.key, b.key)).slice(0, top);
}

/** The corpus's time section, or undefined when the build has no timeline. */
export function corpusTime(ctx: TimeContext, communities: CommunitiesFile, top: { bursts: number; trends: number }): CorpusTime | undefined {
  const t = communities.timeline;
  if (!t) return undefined;
  const keys = [...ctx.times.keys()];
  return {
    unit: t.unit,
    periods: t.periods,
    papers: t.papers,
    undated: t.undated,
    settings: t.settings,
    bursts: burstRows(ctx, keys, top.bursts),
    emerging: trendRows(ctx, keys, 'emerging', top.trends),
    fading: trendRows(ctx, keys, 'fading', top.trends),
  };
}

/** A topic's or field's time section from its timeline and its concepts, or undefined without one. */
export function communityTime(ctx: TimeContext, time: CommunityTimeline | undefined, concepts: readonly string[], top: number): CommunityTime | undefined {
  if (!time) return undefined;
  return {
    papersPerPeriod: time.papersPerPeriod,
    bursts: time.bursts,
    ...(time.trend && { trend: time.trend }),
    conceptBursts: burstRows(ctx, concepts, top),
    emerging: trendRows(ctx, concepts, 'emerging', top),
    fading: trendRows(ctx, concepts, 'fading', top),
  };
}
