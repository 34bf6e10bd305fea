/**
 * The graph files' text
 * =====================
 *
 * The text of `graph.json`, `concepts.jsonl`, `papers.jsonl` and `communities.json`, and the
 * reverse for `graph.json`. Pure: save.ts and load.ts do the writing and reading. Their shapes
 * are {@link ConceptRow}, {@link PaperRow}, `CommunitiesFile` and graphology's export format.
 */
import { DirectedGraph } from 'graphology';
import { UserError } from '../errors.js';
import type {
  CommunitiesFile,
  ConceptNodeAttributes,
  KnowledgeGraph,
  PaperRecord,
  TimeProfile,
} from '../model.js';
import { paperNodeKey } from '../model.js';
import { restoreEvidenceSentences, storedEvidence } from '../evidence-json.js';

/** Code-unit order (not locale order): the files' sort, the same on every machine. */
const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** One line of `concepts.jsonl`. */
export interface ConceptRow {
  key: string;
  label: string;
  aliases: string[];
  df: number;
  termhood: number;
  /** Community (topic) id (see communities.json); null if communities were not computed. */
  community: number | null;
  /** Field id of its community; absent when the build has no fields. */
  field?: number;
  pagerank: number;
  weightedDegree: number;
  /** Participation coefficient across communities (0 = inside one community). */
  bridge: number;
  /** Key of the broader concept, when there is one. */
  broader?: string;
  /** Bursts of its share of the papers, oldest first (periods as in communities.json's `timeline`); absent with too few dated papers. */
  bursts?: TimeProfile['bursts'];
  /** Emerging, fading or steady share over the recent periods; absent with too few dated papers. */
  trend?: TimeProfile['trend'];
}

/** One line of `papers.jsonl`: the paper record, its community and its strongest concepts. */
export type PaperRow = PaperRecord & {
  /** Community (topic) holding most of the paper's concept weight; null if it mentions no graph concept. */
  community: number | null;
  /** Field of that community; absent when the build has no fields or the paper no community. */
  field?: number;
  /** Keys of the paper's concepts in the graph, highest MENTIONS score first. */
  topConcepts: string[];
};

/**
 * `graph.json`: graphology's `export()` of the knowledge graph (insertion order is sorted), with
 * MENTIONS evidence stored by offsets (see src/evidence-json.ts; {@link parseGraphJson}
 * restores the sentences).
 */
export function formatGraphJson(graph: KnowledgeGraph): string {
  return [...graphJsonChunks(graph)].join('');
}

/**
 * The text of `graph.json` piece by piece, the same bytes as {@link formatGraphJson}: a large
 * graph's export exceeds the longest string JavaScript can hold, and serializing it
 * node by node never holds a second copy of the graph.
 */
export function* graphJsonChunks(graph: KnowledgeGraph): Generator<string> {
  const options = { type: graph.type, multi: graph.multi, allowSelfLoops: graph.allowSelfLoops };
  yield `{"options":${JSON.stringify(options)},"attributes":${JSON.stringify(graph.getAttributes())},"nodes":[`;
  let first = true;
  for (const { node, attributes } of graph.nodeEntries()) {
    const serialized = isEmpty(attributes) ? { key: node } : { key: node, attributes };
    yield `${first ? '' : ','}${JSON.stringify(serialized)}`;
    first = false;
  }
  yield '],"edges":[';
  first = true;
  for (const { edge, attributes: a, source, target } of graph.edgeEntries()) {
    const attributes = a.type === 'MENTIONS' ? { ...a, evidence: storedEvidence(a.evidence) } : a;
    const serialized = isEmpty(attributes) ? { key: edge, source, target } : { key: edge, source, target, attributes };
    yield `${first ? '' : ','}${JSON.stringify(serialized)}`;
    first = false;
  }
  yield ']}';
}

const isEmpty = (o: object): boolean => {
  for (const _ in o) return false;
  return true;
};

/** Makes the error for a bad file from what is wrong with it. */
export type BadFile = (reason: string) => UserError;

/** `file: reason`, the error of a file read outside a build folder. */
const badFileNamed = (file: string): BadFile => (reason) => new UserError(`${file}: ${reason}`, 'E_INPUT');

/** Reads `graph.json` back into a knowledge graph; `file` names it in errors (or `bad` makes them). */
export function parseGraphJson(text: string, file = 'graph.json', bad: BadFile = badFileNamed(file)): KnowledgeGraph {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw bad(`not valid JSON (${(error as Error).message})`);
  }
  if (!data || typeof data !== 'object' || !Array.isArray((data as { nodes?: unknown }).nodes)) {
    throw bad('not a graph export (expecting "nodes" and "edges" arrays)');
  }
  const graph: KnowledgeGraph = new DirectedGraph({ multi: false, allowSelfLoops: false });
  try {
    if (Array.isArray((data as { edges?: unknown }).edges)) restoreEvidenceSentences(data as Parameters<typeof restoreEvidenceSentences>[0]);
    graph.import(data as Parameters<KnowledgeGraph['import']>[0]);
  } catch (error) {
    throw bad(`invalid graph (${(error as Error).message})`);
  }
  return graph;
}

/** `concepts.jsonl`: one concept per line, sorted by key, with its bursts and trend from `times` (by key). */
export function formatConceptsJsonl(graph: KnowledgeGraph, times?: ReadonlyMap<string, TimeProfile>): string {
  const rows: string[] = [];
  const keys = graph.filterNodes((_n, a) => a.kind === 'concept').sort(compareStrings);
  for (const node of keys) {
    const a = graph.getNodeAttributes(node) as ConceptNodeAttributes;
    const row: ConceptRow = {
      key: a.key,
      label: a.label,
      aliases: a.aliases,
      df: a.df,
      termhood: a.termhood,
      community: a.community ?? null,
      ...(a.field === undefined ? {} : { field: a.field }),
      pagerank: a.pagerank ?? 0,
      weightedDegree: a.weightedDegree ?? 0,
      bridge: a.bridge ?? 0,
      ...(a.broader === undefined ? {} : { broader: a.broader }),
    };
    const time = times?.get(a.key);
    if (time) row.bursts = time.bursts;
    if (time?.trend) row.trend = time.trend;
    rows.push(JSON.stringify(row));
  }
  return rows.length ? `${rows.join('\n')}\n` : '';
}

/** `papers.jsonl`: every paper (sorted by id) with its community and top concept keys. */
export function formatPapersJsonl(papers: readonly PaperRecord[], graph: KnowledgeGraph, topConcepts = 5): string {
  return [...papersJsonlLines(papers, graph, topConcepts)].join('');
}

/** The lines of `papers.jsonl` (each ending in a newline), one at a time. */
export function* papersJsonlLines(papers: readonly PaperRecord[], graph: KnowledgeGraph, topConcepts = 5): Generator<string> {
  for (const paper of [...papers].sort((x, y) => compareStrings(x.id, y.id))) {
    const node = paperNodeKey(paper.id);
    let community: number | null = null;
    let field: number | undefined;
    const mentions: { key: string; score: number }[] = [];
    if (graph.hasNode(node)) {
      const attributes = graph.getNodeAttributes(node);
      if (attributes.kind === 'paper' && attributes.community !== undefined) {
        community = attributes.community;
        field = attributes.field;
      }
      graph.forEachOutEdge(node, (_e, a, _s, target) => {
        if (a.type === 'MENTIONS') mentions.push({ key: (graph.getNodeAttributes(target) as ConceptNodeAttributes).key, score: a.score });
      });
    }
    mentions.sort((x, y) => y.score - x.score || compareStrings(x.key, y.key));
    const row: PaperRow = {
      ...paper,
      community,
      ...(field === undefined ? {} : { field }),
      topConcepts: mentions.slice(0, topConcepts).map((m) => m.key),
    };
    yield `${JSON.stringify(row)}\n`;
  }
}

/**
 * `communities.json`, pretty-printed (it is small and people read it); the per-period counts of
 * the timeline and of each community stay on one line.
 */
export function formatCommunitiesJson(communities: CommunitiesFile): string {
  const text = JSON.stringify(communities, null, 2);
  return `${text.replace(/("(?:papersPerPeriod|papers|periods)": )\[\n(["\d\s,–-]*?)\n\s*\]/g, (_m, key: string, items: string) => `${key}[${items.trim().split(/,\s*\n\s*/).join(', ')}]`)}\n`;
}
