/**
 * One community's report
 * ======================
 *
 * The measures of one community, each from the {@link ReportIndex}: top concepts, cohesion,
 * representative papers, log-likelihood keywords, acronyms, bridges, links to the other
 * communities, and papers per year. Every list has a total order (ties broken by key), so the
 * report is the same on every run.
 *
 * Bridge concepts use the participation coefficient of Guimerà & Amaral (2005), Functional
 * cartography of complex metabolic networks, https://doi.org/10.1038/nature03288.
 */
import { isOverused, logLikelihood } from '../log-likelihood.js';
import type { Community, PaperNodeAttributes } from '../model.js';
import { acronymPairs, shortFormPattern } from './acronyms.js';
import {
  byKey,
  countYears,
  NONE,
  pairKey,
  paperRef,
  paperYear,
  round,
  type ConceptStats,
  type PairStats,
  type ReportIndex,
} from './report-index.js';
import type {
  AcronymEntry,
  BridgeConcept,
  CommunityLink,
  CommunityReport,
  DistinctiveTerm,
  EdgeRef,
  PaperRef,
  ReportOptions,
  RepresentativePaper,
  TopConcept,
} from './types.js';

/** What every community's report reads. */
export interface ReportContext {
  index: ReportIndex;
  /** All communities, by id. */
  list: readonly Community[];
  opts: ReportOptions;
}

/** The paper by id as the report cites it; an id the graph lacks cites itself. */
function refOf(ctx: ReportContext, id: string): PaperRef {
  const p = ctx.index.papers.get(id);
  return p ? paperRef(p) : { id, title: id };
}

/** Participation coefficient: 0 when all of a concept's weight stays in one community. */
function participation(c: ConceptStats): number {
  if (c.total <= 0) return 0;
  let sum = 0;
  for (const w of c.strength.values()) sum += (w / c.total) ** 2;
  return round(1 - sum);
}

/** A concept's degree inside community `cid`, by `centralityWeight`. */
const centralityIn = (c: ConceptStats, cid: number): number => round(c.centralityTo.get(cid) ?? 0);

/** Top concepts: communities.json's order, or degree inside the community. */
function topConcepts(ctx: ReportContext, cid: number, members: ConceptStats[]): TopConcept[] {
  const { opts } = ctx;
  const centrality = (c: ConceptStats): number => centralityIn(c, cid);
  const ranked =
    opts.conceptOrder === 'communities'
      ? members
      : [...members].sort(
          (a, b) => centrality(b) - centrality(a) || b.attrs.df - a.attrs.df || byKey(a.attrs.key, b.attrs.key),
        );
  return ranked.slice(0, opts.topConcepts).map((c) => ({
    key: c.attrs.key,
    label: c.attrs.label,
    df: c.attrs.df,
    centrality: centrality(c),
    inside: c.centralityTotal > 0 ? round((c.centralityTo.get(cid) ?? 0) / c.centralityTotal) : 0,
    bridge: participation(c),
    papers: c.mentions.slice(0, opts.papersPerConcept).map((m) => refOf(ctx, m.paper)),
  }));
}

/** Cohesion: share of the weight touching the community that stays inside it. */
function cohesion(pairs: Map<string, PairStats>, cid: number): { internal: number; external: number; cohesion: number } {
  let internal = 0;
  let external = 0;
  for (const [key, pair] of pairs) {
    const [a, b] = key.split('|').map(Number) as [number, number];
    if (a === cid && b === cid) internal += pair.weight;
    else if (a === cid || b === cid) external += pair.weight;
  }
  return { internal, external, cohesion: internal + external > 0 ? round(internal / (internal + external)) : 0 };
}

/** Representative papers: mention score weighted by the concept's relative centrality. */
function representativePapers(
  ctx: ReportContext,
  cid: number,
  members: ConceptStats[],
  memberPapers: PaperNodeAttributes[],
): RepresentativePaper[] {
  const { concepts, mentionsByPaper } = ctx.index;
  const maxCentrality = Math.max(0, ...members.map((c) => centralityIn(c, cid)));
  const relative = new Map(
    members.map((c) => [c.attrs.key, maxCentrality > 0 ? centralityIn(c, cid) / maxCentrality : 1]),
  );
  return memberPapers
    .map((p) => {
      const parts = (mentionsByPaper.get(p.id) ?? [])
        .filter((m) => relative.has(m.concept))
        .map((m) => ({ key: m.concept, w: m.score * relative.get(m.concept)! }))
        .sort((x, y) => y.w - x.w || byKey(x.key, y.key));
      const weight = round(parts.reduce((s, x) => s + x.w, 0));
      const rp: RepresentativePaper = {
        ...paperRef(p),
        weight,
        concepts: parts.slice(0, 5).map((x) => concepts.get(x.key)!.attrs.label),
      };
      const year = paperYear(p);
      if (year !== undefined) rp.year = year;
      return rp;
    })
    .sort((a, b) => b.weight - a.weight || byKey(a.id, b.id))
    .slice(0, ctx.opts.topPapers);
}

/** Distinctive terms: Dunning G² of mention counts, community papers against the rest. */
function distinctiveTerms(ctx: ReportContext, cid: number): DistinctiveTerm[] {
  const { termCounts, termPapers, tokenTotals, corpusTerm, corpusTotal } = ctx.index.terms;
  const inside = termCounts.get(cid) ?? new Map<string, number>();
  const docs = termPapers.get(cid) ?? new Map<string, number>();
  const c = tokenTotals.get(cid) ?? 0;
  const d = corpusTotal - c;
  return [...inside]
    .map(([key, a]) => {
      const b = (corpusTerm.get(key) ?? 0) - a;
      const g2 = isOverused(a, b, c, d) ? round(logLikelihood(a, b, c, d)) : 0;
      return { key, label: ctx.index.concepts.get(key)!.attrs.label, g2, inside: a, outside: b, papers: docs.get(key) ?? 0 };
    })
    .filter((t) => t.g2 > 0)
    .sort((x, y) => y.g2 - x.g2 || byKey(x.key, y.key))
    .slice(0, ctx.opts.topDistinctive);
}

/** Acronyms: short forms among the aliases of the community's concepts, with papers using them. */
function acronyms(ctx: ReportContext, members: ConceptStats[]): AcronymEntry[] {
  const entries: AcronymEntry[] = [];
  for (const m of members) {
    for (const [short, long] of acronymPairs(m.attrs)) {
      const pattern = shortFormPattern(short);
      const definition = `(${short})`;
      const uses = m.mentions
        .map((x) => ({
          x,
          sentence: x.evidence.find((e) => pattern.test(e.sentence))?.sentence,
        }))
        .filter((u) => u.sentence !== undefined)
        .sort(
          (u, v) =>
            Number(v.sentence!.includes(definition)) - Number(u.sentence!.includes(definition)) ||
            v.x.score - u.x.score ||
            byKey(u.x.paper, v.x.paper),
        );
      entries.push({
        short,
        long,
        key: m.attrs.key,
        papers: uses.slice(0, ctx.opts.papersPerConcept).map((u) => refOf(ctx, u.x.paper)),
      });
    }
  }
  return entries.sort((x, y) => byKey(x.short.toLowerCase(), y.short.toLowerCase()) || byKey(x.short, y.short) || byKey(x.key, y.key));
}

/** Bridges: members whose links reach other communities, by participation coefficient. */
function bridges(ctx: ReportContext, cid: number, members: ConceptStats[]): BridgeConcept[] {
  return members
    .map((m) => {
      const links = [...m.strength]
        .filter(([k, w]) => k !== cid && k !== NONE && w > 0)
        .map(([community, w]) => ({ community, weight: round(w) }))
        .sort((x, y) => y.weight - x.weight || x.community - y.community)
        .slice(0, ctx.opts.topLinks);
      return {
        key: m.attrs.key,
        label: m.attrs.label,
        bridge: participation(m),
        externalWeight: round(m.total - (m.strength.get(cid) ?? 0)),
        links,
      };
    })
    .filter((b) => b.externalWeight > 0)
    .sort((x, y) => y.bridge - x.bridge || y.externalWeight - x.externalWeight || byKey(x.key, y.key))
    .slice(0, ctx.opts.topBridges);
}

/** Papers mentioning both ends of an edge, best combined mention score first. */
function sharedPapers(ctx: ReportContext, e: EdgeRef): PaperRef[] {
  const { concepts } = ctx.index;
  const a = new Map(concepts.get(e.source)!.mentions.map((m) => [m.paper, m.score]));
  return concepts
    .get(e.target)!
    .mentions.filter((m) => a.has(m.paper))
    .map((m) => ({ paper: m.paper, score: m.score + a.get(m.paper)! }))
    .sort((x, y) => y.score - x.score || byKey(x.paper, y.paper))
    .slice(0, ctx.opts.papersPerConcept)
    .map((x) => refOf(ctx, x.paper));
}

/** Links: total weight to each other community, with the strongest edge behind it. */
function links(ctx: ReportContext, cid: number): CommunityLink[] {
  const { list, index } = ctx;
  return list
    .filter((o) => o.id !== cid)
    .map((o) => ({ o, pair: index.pairs.get(pairKey(cid, o.id)) }))
    .filter((x): x is { o: (typeof list)[number]; pair: Required<PairStats> } => !!x.pair?.strongest)
    .map(({ o, pair }) => ({
      community: o.id,
      label: o.label,
      weight: round(pair.weight),
      edges: pair.edges,
      strongest: pair.strongest,
    }))
    .sort((x, y) => y.weight - x.weight || x.community - y.community)
    .slice(0, ctx.opts.topLinks)
    .map((l) => ({ ...l, strongest: { ...l.strongest, examples: sharedPapers(ctx, l.strongest) } }));
}

/** The report of community `cid` (one of `ctx.list`). */
export function reportCommunity(ctx: ReportContext, cid: number): CommunityReport {
  const { concepts, papers, pairs } = ctx.index;
  const community = ctx.list.find((c) => c.id === cid)!;
  const members = community.concepts
    .map((k) => concepts.get(k))
    .filter((c): c is ConceptStats => c !== undefined);
  const memberPapers = community.papers
    .map((id) => papers.get(id))
    .filter((p): p is PaperNodeAttributes => p !== undefined);
  const { internal, external, cohesion: share } = cohesion(pairs, cid);
  const { years, undated } = countYears(memberPapers);
  return {
    id: cid,
    label: community.label,
    field: community.field ?? -1,
    concepts: community.concepts.length,
    papers: community.papers.length,
    cohesion: share,
    internalWeight: round(internal),
    externalWeight: round(external),
    topConcepts: topConcepts(ctx, cid, members),
    representativePapers: representativePapers(ctx, cid, members, memberPapers),
    distinctiveTerms: distinctiveTerms(ctx, cid),
    acronyms: acronyms(ctx, members),
    bridges: bridges(ctx, cid, members),
    links: links(ctx, cid),
    papersPerYear: years,
    undatedPapers: undated,
  };
}
