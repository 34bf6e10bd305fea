/**
 * Building the report model
 * =========================
 *
 * A pure function of the graph and `communities.json`: it measures each community (size,
 * cohesion, within-community centrality, representative papers, log-likelihood keywords,
 * acronyms, bridges, links, years) and returns plain data for the renderers. `indexGraph`
 * (report-index.ts) gathers the counts in one pass; `reportCommunity` (report-community.ts)
 * measures one community from them.
 *
 * Community membership comes from `communities.json` (the concept and paper lists), so every
 * number in the report agrees with that file; a node's `community` attribute is the fallback
 * for nodes the file does not list.
 */
import { isAbsolute, relative, sep } from 'node:path';
import { resolveDefaults } from '../defaults.js';
import type { CommunitiesFile, KnowledgeGraph } from '../model.js';
import { UserError } from '../errors.js';
import { reportCommunity } from './report-community.js';
import { byKey, countYears, indexGraph, pairKey, round, type ReportIndex } from './report-index.js';
import { communityTime, corpusTime, type TimeContext } from './report-trends.js';
import type { CorpusSummary, InputSummary, ReportModel, ReportOptions } from './types.js';
import { REPORT_DEFAULTS } from './types.js';

export { round } from './report-index.js';

/**
 * An input path as the user would type it from `base`: relative to it (`data/a.txt`,
 * `../other/b.bib`), except when the file is on another root, where it stays absolute.
 */
export function displayPath(file: string, base: string | undefined): string {
  if (base === undefined || !isAbsolute(file)) return file;
  const rel = relative(base, file);
  return rel === '' ? '.' : isAbsolute(rel) ? file : rel.split(sep).join('/');
}

/** The file a source reference names (`file:line` or `file:line:format` → `file`). */
export function sourceFile(source: string): string {
  const m = /^(.*?):\d+(?::[a-z]+)?$/.exec(source);
  return m && m[1] ? m[1] : source;
}

/** The corpus as a whole: its inputs, counts, community settings and papers per year. */
function summarizeCorpus(
  graph: KnowledgeGraph,
  communities: CommunitiesFile,
  index: ReportIndex,
  opts: ReportOptions,
): CorpusSummary {
  const allPapers = [...index.papers.values()];
  const inputs = new Map<string, Set<string>>();
  for (const p of allPapers) {
    for (const s of p.sources ?? []) {
      const file = displayPath(sourceFile(s), opts.inputBase);
      const set = inputs.get(file) ?? new Set<string>();
      set.add(p.id);
      inputs.set(file, set);
    }
  }
  const inputList: InputSummary[] = [...inputs]
    .map(([file, set]) => ({ file, papers: set.size }))
    .sort((a, b) => byKey(a.file, b.file));
  const { years, undated } = countYears(allPapers);
  const g = graph.getAttributes();
  return {
    version: g.version ?? '',
    inputs: inputList,
    papers: index.papers.size,
    concepts: index.concepts.size,
    communities: communities.communities.length,
    mentions: index.mentionCount,
    coOccurrences: index.coOccurrenceCount,
    modularity: communities.modularity ?? g.modularity ?? 0,
    algorithm: communities.algorithm ?? g.algorithm ?? '',
    resolution: communities.resolution ?? g.resolution ?? 1,
    seed: communities.seed ?? g.seed ?? 0,
    weighting: g.weighting ?? '',
    minDf: g.minDf ?? 0,
    centralityWeight: opts.centralityWeight,
    conceptOrder: opts.conceptOrder,
    papersPerYear: years,
    undatedPapers: undated,
  };
}

/**
 * Builds the report model from the graph and its communities. Pure: same input, same output.
 * Throws a `UserError` when `options.community` names no community.
 */
export function buildReportModel(
  graph: KnowledgeGraph,
  communities: CommunitiesFile,
  options: Partial<ReportOptions> = {},
): ReportModel {
  const opts = resolveDefaults(REPORT_DEFAULTS, options);
  const list = [...communities.communities].sort((a, b) => a.id - b.id);
  if (opts.community !== undefined && !list.some((c) => c.id === opts.community)) {
    const ids = list.map((c) => c.id);
    throw new UserError(
      `report: no community ${opts.community} (communities are ${ids.length ? `${ids[0]}–${ids[ids.length - 1]}` : 'none'})`,
      'E_USAGE',
    );
  }
  const index = indexGraph(graph, list, opts.centralityWeight);
  const summary = summarizeCorpus(graph, communities, index, opts);
  const labelOf = new Map(list.map((c) => [c.id, c.label]));
  const ids = list.map((c) => c.id);
  const linkMatrix = {
    ids,
    labels: ids.map((id) => labelOf.get(id) ?? ''),
    weights: ids.map((a) => ids.map((b) => round(index.pairs.get(pairKey(a, b))?.weight ?? 0))),
  };
  const selected = opts.community === undefined ? ids : [opts.community];
  const ctx = { index, list, opts };
  const conceptLabel = (key: string) => index.concepts.get(key)?.attrs.label ?? key;
  // Bursts and trends, when the build counted them (communities.json has the periods).
  const times: TimeContext | undefined =
    opts.conceptTimes && communities.timeline
      ? { times: opts.conceptTimes, label: conceptLabel, communityOf: (key) => index.concepts.get(key)?.attrs.community ?? -1 }
      : undefined;
  const conceptsOf = new Map(list.map((c) => [c.id, c.concepts]));
  const fields = [...(communities.fields ?? [])]
    .sort((a, b) => a.id - b.id)
    .map((f) => {
      const field: ReportModel['fields'][number] = { id: f.id, label: f.label, topics: f.topics, concepts: f.concepts, papers: f.papers, topConcepts: f.topConcepts.map(conceptLabel) };
      const time = times && communityTime(times, f.time, f.topics.flatMap((t) => conceptsOf.get(t) ?? []), opts.topCommunityTrends);
      return time ? { ...field, time } : field;
    });
  const reports = selected.map((cid) => {
    const report = reportCommunity(ctx, cid);
    const community = list.find((c) => c.id === cid)!;
    const time = times && communityTime(times, community.time, community.concepts, opts.topCommunityTrends);
    return time ? { ...report, time } : report;
  });
  const time = times && corpusTime(times, communities, { bursts: opts.topBursts, trends: opts.topTrends });
  return { summary, fields, communities: reports, ...(time && { time }), ...(communities.changes && { changes: communities.changes }), linkMatrix };
}
