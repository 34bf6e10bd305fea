/**
 * Building the report model
 * =========================
 *
 * A pure function of the graph and `communities.json`: it measures each community (size,
 * cohesion, within-community centrality, representative papers, log-likelihood keywords,
 * acronyms, bridges, links, years) and returns plain data for the renderers.
 *
 * Community membership comes from `communities.json` (the concept and paper lists), so every
 * number in the report agrees with that file; a node's `community` attribute is the fallback
 * for nodes the file does not list.
 *
 * Bridge concepts use the participation coefficient of Guimerà & Amaral (2005), Functional
 * cartography of complex metabolic networks, https://doi.org/10.1038/nature03288.
 */
import type { AbstractGraph } from 'graphology-types';
import { resolveDefaults } from '../defaults.js';
import type {
  CommunitiesFile,
  ConceptNodeAttributes,
  EdgeAttributes,
  Evidence,
  GraphAttributes,
  NodeAttributes,
  PaperNodeAttributes,
} from '../model.js';
import { UserError } from '../errors.js';
import { isOverused, logLikelihood } from '../log-likelihood.js';
import { acronymPairs, shortFormPattern } from './acronyms.js';
import type {
  AcronymEntry,
  BridgeConcept,
  CommunityLink,
  CommunityReport,
  CorpusSummary,
  DistinctiveTerm,
  EdgeRef,
  InputSummary,
  PaperRef,
  ReportModel,
  ReportOptions,
  RepresentativePaper,
  TopConcept,
  YearCount,
} from './types.js';
import { REPORT_DEFAULTS } from './types.js';

/** The graph `build` writes to `graph.json` (paper and concept nodes in one directed graph). */
export type PaperGraph = AbstractGraph<NodeAttributes, EdgeAttributes, GraphAttributes>;

/** Community id for concepts and papers no community holds. */
const NONE = -1;

/** Six decimals: enough to rank, short enough to read, identical on every run. */
export function round(x: number): number {
  const r = Math.round(x * 1e6) / 1e6;
  return Object.is(r, -0) ? 0 : r;
}

const byKey = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

interface Mention {
  paper: string;
  concept: string;
  count: number;
  score: number;
  evidence: Evidence[];
}

interface ConceptStats {
  attrs: ConceptNodeAttributes;
  community: number;
  /** Co-occurrence weight towards each community. */
  strength: Map<number, number>;
  total: number;
  /** `centralityWeight` summed over edges towards each community, and over all edges. */
  centralityTo: Map<number, number>;
  centralityTotal: number;
  mentions: Mention[];
}

interface PairStats {
  weight: number;
  edges: number;
  strongest?: EdgeRef;
}

/** The paper's year: its `year`, else the year its ISO `date` starts with. */
function paperYear(p: PaperNodeAttributes): number | undefined {
  if (typeof p.year === 'number' && Number.isFinite(p.year)) return p.year;
  const m = /^(\d{4})/.exec(p.date ?? '');
  return m ? Number(m[1]) : undefined;
}

/** The file a source reference names (`file:line` or `file:line:format` → `file`). */
export function sourceFile(source: string): string {
  const m = /^(.*?):\d+(?::[a-z]+)?$/.exec(source);
  return m && m[1] ? m[1] : source;
}

function paperRef(p: PaperNodeAttributes): PaperRef {
  const ref: PaperRef = { id: p.id, title: p.title };
  if (p.date) ref.date = p.date;
  if (p.url) ref.url = p.url;
  return ref;
}

function countYears(papers: PaperNodeAttributes[]): { years: YearCount[]; undated: number } {
  const byYear = new Map<number, number>();
  let undated = 0;
  for (const p of papers) {
    const y = paperYear(p);
    if (y === undefined) undated++;
    else byYear.set(y, (byYear.get(y) ?? 0) + 1);
  }
  const years = [...byYear].sort((a, b) => a[0] - b[0]).map(([year, papers]) => ({ year, papers }));
  return { years, undated };
}

function participation(c: ConceptStats): number {
  if (c.total <= 0) return 0;
  let sum = 0;
  for (const w of c.strength.values()) sum += (w / c.total) ** 2;
  return round(1 - sum);
}

/**
 * Builds the report model from the graph and its communities. Pure: same input, same output.
 * Throws a `UserError` when `options.community` names no community.
 */
export function buildReportModel(
  graph: PaperGraph,
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

  // Membership from communities.json first, node attributes as the fallback.
  const conceptCommunity = new Map<string, number>();
  const paperCommunity = new Map<string, number>();
  for (const c of list) {
    for (const k of c.concepts) if (!conceptCommunity.has(k)) conceptCommunity.set(k, c.id);
    for (const p of c.papers) if (!paperCommunity.has(p)) paperCommunity.set(p, c.id);
  }

  const concepts = new Map<string, ConceptStats>();
  const papers = new Map<string, PaperNodeAttributes>();
  const nodeToConcept = new Map<string, ConceptStats>();
  const nodeToPaper = new Map<string, string>();
  graph.forEachNode((node, attrs) => {
    if (attrs.kind === 'concept') {
      const community = conceptCommunity.get(attrs.key) ?? attrs.community ?? NONE;
      const stats: ConceptStats = {
        attrs,
        community,
        strength: new Map(),
        total: 0,
        centralityTo: new Map(),
        centralityTotal: 0,
        mentions: [],
      };
      concepts.set(attrs.key, stats);
      nodeToConcept.set(node, stats);
    } else if (attrs.kind === 'paper') {
      papers.set(attrs.id, attrs);
      nodeToPaper.set(node, attrs.id);
      if (!paperCommunity.has(attrs.id) && typeof attrs.community === 'number') {
        paperCommunity.set(attrs.id, attrs.community);
      }
    }
  });

  const pairs = new Map<string, PairStats>();
  const pairKey = (a: number, b: number): string => (a <= b ? `${a}|${b}` : `${b}|${a}`);
  const mentionsByPaper = new Map<string, Mention[]>();
  let mentionCount = 0;
  let coOccurrenceCount = 0;

  graph.forEachEdge((_edge, attrs, source, target) => {
    if (attrs.type === 'CO_OCCURS') {
      const a = nodeToConcept.get(source);
      const b = nodeToConcept.get(target);
      if (!a || !b) return;
      coOccurrenceCount++;
      const w = attrs.weight;
      a.strength.set(b.community, (a.strength.get(b.community) ?? 0) + w);
      b.strength.set(a.community, (b.strength.get(a.community) ?? 0) + w);
      a.total += w;
      b.total += w;
      const cw = opts.centralityWeight === 'papers' ? attrs.papers : w;
      a.centralityTo.set(b.community, (a.centralityTo.get(b.community) ?? 0) + cw);
      b.centralityTo.set(a.community, (b.centralityTo.get(a.community) ?? 0) + cw);
      a.centralityTotal += cw;
      b.centralityTotal += cw;
      const key = pairKey(a.community, b.community);
      const pair = pairs.get(key) ?? { weight: 0, edges: 0 };
      pair.weight += w;
      pair.edges++;
      const [lo, hi] = a.attrs.key <= b.attrs.key ? [a, b] : [b, a];
      // Strongest by the centrality measure, then the other one, then keys.
      const s = pair.strongest;
      const [m1, m2] = opts.centralityWeight === 'papers' ? [attrs.papers, w] : [w, attrs.papers];
      const [s1, s2] = s ? (opts.centralityWeight === 'papers' ? [s.papers, s.weight] : [s.weight, s.papers]) : [0, 0];
      if (
        !s ||
        m1 > s1 ||
        (m1 === s1 && m2 > s2) ||
        (m1 === s1 && m2 === s2 && (lo.attrs.key < s.source || (lo.attrs.key === s.source && hi.attrs.key < s.target)))
      ) {
        pair.strongest = {
          source: lo.attrs.key,
          sourceLabel: lo.attrs.label,
          target: hi.attrs.key,
          targetLabel: hi.attrs.label,
          weight: round(w),
          papers: attrs.papers,
        };
      }
      pairs.set(key, pair);
    } else if (attrs.type === 'MENTIONS') {
      const paper = nodeToPaper.get(source);
      const stats = nodeToConcept.get(target);
      if (paper === undefined || stats === undefined) return;
      mentionCount++;
      const m: Mention = {
        paper,
        concept: stats.attrs.key,
        count: attrs.count,
        score: attrs.score,
        evidence: attrs.evidence ?? [],
      };
      stats.mentions.push(m);
      const ms = mentionsByPaper.get(paper) ?? [];
      ms.push(m);
      mentionsByPaper.set(paper, ms);
    }
  });
  for (const c of concepts.values()) {
    c.mentions.sort((x, y) => y.score - x.score || byKey(x.paper, y.paper));
  }

  // Mention totals per community (for log-likelihood): term counts and corpus sizes.
  const termCounts = new Map<number, Map<string, number>>();
  const termPapers = new Map<number, Map<string, number>>();
  const tokenTotals = new Map<number, number>();
  const corpusTerm = new Map<string, number>();
  let corpusTotal = 0;
  for (const [paper, ms] of mentionsByPaper) {
    const cid = paperCommunity.get(paper) ?? NONE;
    const counts = termCounts.get(cid) ?? new Map<string, number>();
    const docs = termPapers.get(cid) ?? new Map<string, number>();
    for (const m of ms) {
      counts.set(m.concept, (counts.get(m.concept) ?? 0) + m.count);
      docs.set(m.concept, (docs.get(m.concept) ?? 0) + 1);
      corpusTerm.set(m.concept, (corpusTerm.get(m.concept) ?? 0) + m.count);
      tokenTotals.set(cid, (tokenTotals.get(cid) ?? 0) + m.count);
      corpusTotal += m.count;
    }
    termCounts.set(cid, counts);
    termPapers.set(cid, docs);
  }

  const refOf = (id: string): PaperRef => {
    const p = papers.get(id);
    return p ? paperRef(p) : { id, title: id };
  };
  const labelOf = new Map(list.map((c) => [c.id, c.label]));
  // Papers mentioning both ends of an edge, best combined mention score first.
  const sharedPapers = (e: EdgeRef): PaperRef[] => {
    const a = new Map(concepts.get(e.source)!.mentions.map((m) => [m.paper, m.score]));
    return concepts
      .get(e.target)!
      .mentions.filter((m) => a.has(m.paper))
      .map((m) => ({ paper: m.paper, score: m.score + a.get(m.paper)! }))
      .sort((x, y) => y.score - x.score || byKey(x.paper, y.paper))
      .slice(0, opts.papersPerConcept)
      .map((x) => refOf(x.paper));
  };

  const reportCommunity = (cid: number): CommunityReport => {
    const community = list.find((c) => c.id === cid)!;
    const members = community.concepts
      .map((k) => concepts.get(k))
      .filter((c): c is ConceptStats => c !== undefined);
    const centrality = (c: ConceptStats): number => round(c.centralityTo.get(cid) ?? 0);

    // Top concepts: communities.json's order, or degree inside the community.
    const ranked =
      opts.conceptOrder === 'communities'
        ? members
        : [...members].sort(
            (a, b) => centrality(b) - centrality(a) || b.attrs.df - a.attrs.df || byKey(a.attrs.key, b.attrs.key),
          );
    const topConcepts: TopConcept[] = ranked.slice(0, opts.topConcepts).map((c) => ({
      key: c.attrs.key,
      label: c.attrs.label,
      df: c.attrs.df,
      centrality: centrality(c),
      inside: c.centralityTotal > 0 ? round((c.centralityTo.get(cid) ?? 0) / c.centralityTotal) : 0,
      bridge: participation(c),
      papers: c.mentions.slice(0, opts.papersPerConcept).map((m) => refOf(m.paper)),
    }));

    // Cohesion: share of the weight touching the community that stays inside it.
    let internal = 0;
    let external = 0;
    for (const [key, pair] of pairs) {
      const [a, b] = key.split('|').map(Number) as [number, number];
      if (a === cid && b === cid) internal += pair.weight;
      else if (a === cid || b === cid) external += pair.weight;
    }
    const cohesion = internal + external > 0 ? round(internal / (internal + external)) : 0;

    // Representative papers: mention score weighted by the concept's relative centrality.
    const maxCentrality = Math.max(0, ...members.map(centrality));
    const relative = new Map(
      members.map((c) => [c.attrs.key, maxCentrality > 0 ? centrality(c) / maxCentrality : 1]),
    );
    const memberPapers = community.papers
      .map((id) => papers.get(id))
      .filter((p): p is PaperNodeAttributes => p !== undefined);
    const representativePapers: RepresentativePaper[] = memberPapers
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
      .slice(0, opts.topPapers);

    // Distinctive terms: Dunning G² of mention counts, community papers against the rest.
    const inside = termCounts.get(cid) ?? new Map<string, number>();
    const docs = termPapers.get(cid) ?? new Map<string, number>();
    const c = tokenTotals.get(cid) ?? 0;
    const d = corpusTotal - c;
    const distinctiveTerms: DistinctiveTerm[] = [...inside]
      .map(([key, a]) => {
        const b = (corpusTerm.get(key) ?? 0) - a;
        const g2 = isOverused(a, b, c, d) ? round(logLikelihood(a, b, c, d)) : 0;
        return { key, label: concepts.get(key)!.attrs.label, g2, inside: a, outside: b, papers: docs.get(key) ?? 0 };
      })
      .filter((t) => t.g2 > 0)
      .sort((x, y) => y.g2 - x.g2 || byKey(x.key, y.key))
      .slice(0, opts.topDistinctive);

    // Acronyms: short forms among the aliases of the community's concepts.
    const acronyms: AcronymEntry[] = [];
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
        acronyms.push({
          short,
          long,
          key: m.attrs.key,
          papers: uses.slice(0, opts.papersPerConcept).map((u) => refOf(u.x.paper)),
        });
      }
    }
    acronyms.sort((x, y) => byKey(x.short.toLowerCase(), y.short.toLowerCase()) || byKey(x.short, y.short) || byKey(x.key, y.key));

    // Bridges: members whose links reach other communities, by participation coefficient.
    const bridges: BridgeConcept[] = members
      .map((m) => {
        const links = [...m.strength]
          .filter(([k, w]) => k !== cid && k !== NONE && w > 0)
          .map(([community, w]) => ({ community, weight: round(w) }))
          .sort((x, y) => y.weight - x.weight || x.community - y.community)
          .slice(0, opts.topLinks);
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
      .slice(0, opts.topBridges);

    // Links: total weight to each other community, with the strongest edge behind it.
    const links: CommunityLink[] = list
      .filter((o) => o.id !== cid)
      .map((o) => ({ o, pair: pairs.get(pairKey(cid, o.id)) }))
      .filter((x): x is { o: (typeof list)[number]; pair: Required<PairStats> } => !!x.pair?.strongest)
      .map(({ o, pair }) => ({
        community: o.id,
        label: o.label,
        weight: round(pair.weight),
        edges: pair.edges,
        strongest: pair.strongest,
      }))
      .sort((x, y) => y.weight - x.weight || x.community - y.community)
      .slice(0, opts.topLinks)
      .map((l) => ({ ...l, strongest: { ...l.strongest, examples: sharedPapers(l.strongest) } }));

    const { years, undated } = countYears(memberPapers);
    return {
      id: cid,
      label: community.label,
      concepts: community.concepts.length,
      papers: community.papers.length,
      cohesion,
      internalWeight: round(internal),
      externalWeight: round(external),
      topConcepts,
      representativePapers,
      distinctiveTerms,
      acronyms,
      bridges,
      links,
      papersPerYear: years,
      undatedPapers: undated,
    };
  };

  const allPapers = [...papers.values()];
  const inputs = new Map<string, Set<string>>();
  for (const p of allPapers) {
    for (const s of p.sources ?? []) {
      const file = sourceFile(s);
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
  const summary: CorpusSummary = {
    version: g.version ?? '',
    inputs: inputList,
    papers: papers.size,
    concepts: concepts.size,
    communities: list.length,
    mentions: mentionCount,
    coOccurrences: coOccurrenceCount,
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

  const ids = list.map((c) => c.id);
  const linkMatrix = {
    ids,
    labels: ids.map((id) => labelOf.get(id) ?? ''),
    weights: ids.map((a) => ids.map((b) => round(pairs.get(pairKey(a, b))?.weight ?? 0))),
  };

  const selected = opts.community === undefined ? ids : [opts.community];
  return { summary, communities: selected.map(reportCommunity), linkMatrix };
}
