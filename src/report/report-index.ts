/**
 * Indexing the graph for the report
 * =================================
 *
 * One pass over the nodes and one over the edges gather what every community's measures read:
 * each concept's co-occurrence weight (and centrality weight) towards each community, the
 * weight between each pair of communities with its strongest edge, the mentions per concept
 * and per paper, and the mention counts per community that log-likelihood compares.
 *
 * Community membership comes from `communities.json` (the concept and paper lists); a node's
 * `community` attribute is the fallback for nodes the file does not list.
 */
import type {
  Community,
  ConceptNodeAttributes,
  Evidence,
  KnowledgeGraph,
  PaperNodeAttributes,
} from '../model.js';
import { compareStrings } from '../compare-strings.js';
import type { EdgeRef, PaperRef, ReportOptions, YearCount } from './types.js';

/** Community id for concepts and papers no community holds. */
export const NONE = -1;

/** Six decimals: enough to rank, short enough to read, identical on every run. */
export function round(x: number): number {
  const r = Math.round(x * 1e6) / 1e6;
  return Object.is(r, -0) ? 0 : r;
}

/** Code-unit order of two keys, the same on every platform (unlike `localeCompare`). */
export const byKey = compareStrings;

/** The key of an unordered pair of communities in {@link ReportIndex.pairs}. */
export const pairKey = (a: number, b: number): string => (a <= b ? `${a}|${b}` : `${b}|${a}`);

/** One MENTIONS edge, by paper id and concept key. */
export interface Mention {
  paper: string;
  concept: string;
  count: number;
  score: number;
  evidence: Evidence[];
}

/** A concept with its weights towards each community and its mentions. */
export interface ConceptStats {
  attrs: ConceptNodeAttributes;
  community: number;
  /** Co-occurrence weight towards each community. */
  strength: Map<number, number>;
  total: number;
  /** `centralityWeight` summed over edges towards each community, and over all edges. */
  centralityTo: Map<number, number>;
  centralityTotal: number;
  /** Best score first, then paper id. */
  mentions: Mention[];
}

/** The co-occurrence between two communities (or inside one). */
export interface PairStats {
  weight: number;
  edges: number;
  strongest?: EdgeRef;
}

/** Mention totals per community (for log-likelihood): term counts and corpus sizes. */
export interface TermStats {
  /** Mention count of each concept in each community's papers. */
  termCounts: Map<number, Map<string, number>>;
  /** Papers of each community mentioning each concept. */
  termPapers: Map<number, Map<string, number>>;
  /** Mention count of each community's papers. */
  tokenTotals: Map<number, number>;
  /** Mention count of each concept over all papers. */
  corpusTerm: Map<string, number>;
  corpusTotal: number;
}

/** What {@link indexGraph} gathers. */
export interface ReportIndex {
  /** By concept key. */
  concepts: Map<string, ConceptStats>;
  /** By paper id. */
  papers: Map<string, PaperNodeAttributes>;
  paperCommunity: Map<string, number>;
  /** By {@link pairKey}. */
  pairs: Map<string, PairStats>;
  mentionsByPaper: Map<string, Mention[]>;
  mentionCount: number;
  coOccurrenceCount: number;
  terms: TermStats;
}

/** The paper's year: its `year`, else the year its ISO `date` starts with. */
export function paperYear(p: PaperNodeAttributes): number | undefined {
  if (typeof p.year === 'number' && Number.isFinite(p.year)) return p.year;
  const m = /^(\d{4})/.exec(p.date ?? '');
  return m ? Number(m[1]) : undefined;
}

/**
 * Where a paper can be read: its own URL, else the resolver of its DOI or arXiv id (ids
 * `doi:…` and `arxiv:…`); undefined for a paper known only by its title.
 */
export function paperUrl(p: Pick<PaperNodeAttributes, 'id' | 'url'>): string | undefined {
  if (p.url && /^https?:\/\//i.test(p.url.trim())) return p.url.trim();
  const doi = /^doi:(10\.\S+)$/i.exec(p.id)?.[1];
  if (doi) return `https://doi.org/${encodeURI(doi).replace(/[?#]/g, encodeURIComponent)}`;
  const arxiv = /^arxiv:(\S+)$/i.exec(p.id)?.[1];
  if (arxiv) return `https://arxiv.org/abs/${encodeURI(arxiv).replace(/[?#]/g, encodeURIComponent)}`;
  return undefined;
}

/** A paper as the report cites it, with a link where it can be read. */
export function paperRef(p: PaperNodeAttributes): PaperRef {
  const ref: PaperRef = { id: p.id, title: p.title };
  if (p.date) ref.date = p.date;
  const url = paperUrl(p);
  if (url) ref.url = url;
  return ref;
}

/** Papers per year, oldest first, and how many have no year. */
export function countYears(papers: PaperNodeAttributes[]): { years: YearCount[]; undated: number } {
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

type NodeIndex = Pick<ReportIndex, 'concepts' | 'papers' | 'paperCommunity'> & {
  nodeToConcept: Map<string, ConceptStats>;
};

/** Concepts and papers by key and by graph node, with their communities. */
function indexNodes(graph: KnowledgeGraph, list: readonly Community[]): NodeIndex {
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
      if (!paperCommunity.has(attrs.id) && typeof attrs.community === 'number') {
        paperCommunity.set(attrs.id, attrs.community);
      }
    }
  });
  return { concepts, papers, paperCommunity, nodeToConcept };
}

/** Adds one CO_OCCURS edge to both concepts' weights and to their communities' pair. */
function addCoOccurrence(
  pairs: Map<string, PairStats>,
  a: ConceptStats,
  b: ConceptStats,
  attrs: { weight: number; papers: number },
  centralityWeight: ReportOptions['centralityWeight'],
): void {
  const w = attrs.weight;
  a.strength.set(b.community, (a.strength.get(b.community) ?? 0) + w);
  b.strength.set(a.community, (b.strength.get(a.community) ?? 0) + w);
  a.total += w;
  b.total += w;
  const cw = centralityWeight === 'papers' ? attrs.papers : w;
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
  const [m1, m2] = centralityWeight === 'papers' ? [attrs.papers, w] : [w, attrs.papers];
  const [s1, s2] = s ? (centralityWeight === 'papers' ? [s.papers, s.weight] : [s.weight, s.papers]) : [0, 0];
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
}

/** Mention counts per community and over the corpus. */
function countTerms(mentionsByPaper: Map<string, Mention[]>, paperCommunity: Map<string, number>): TermStats {
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
  return { termCounts, termPapers, tokenTotals, corpusTerm, corpusTotal };
}

/** Indexes the graph's concepts, papers, co-occurrences and mentions by community. */
export function indexGraph(
  graph: KnowledgeGraph,
  list: readonly Community[],
  centralityWeight: ReportOptions['centralityWeight'],
): ReportIndex {
  const { concepts, papers, paperCommunity, nodeToConcept } = indexNodes(graph, list);
  const pairs = new Map<string, PairStats>();
  const mentionsByPaper = new Map<string, Mention[]>();
  let mentionCount = 0;
  let coOccurrenceCount = 0;
  graph.forEachEdge((_edge, attrs, source, target) => {
    if (attrs.type !== 'CO_OCCURS') return;
    const a = nodeToConcept.get(source);
    const b = nodeToConcept.get(target);
    if (!a || !b) return;
    coOccurrenceCount++;
    addCoOccurrence(pairs, a, b, attrs, centralityWeight);
  });
  const store = graph.mentions;
  store.forEachRow((row) => {
    const paper = store.paperId(row);
    const stats = concepts.get(store.conceptKey(row));
    if (!papers.has(paper) || stats === undefined) return;
    mentionCount++;
    const m: Mention = { paper, concept: stats.attrs.key, count: store.count(row), score: store.score(row), evidence: store.evidence(row) };
    stats.mentions.push(m);
    const ms = mentionsByPaper.get(paper) ?? [];
    ms.push(m);
    mentionsByPaper.set(paper, ms);
  });
  for (const c of concepts.values()) {
    c.mentions.sort((x, y) => y.score - x.score || byKey(x.paper, y.paper));
  }
  const terms = countTerms(mentionsByPaper, paperCommunity);
  return { concepts, papers, paperCommunity, pairs, mentionsByPaper, mentionCount, coOccurrenceCount, terms };
}
