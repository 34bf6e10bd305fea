/**
 * The graph files' text
 * =====================
 *
 * The text of `graph.json`, `concepts.jsonl`, `papers.jsonl` and `communities.json`, and the
 * reverse for `graph.json`. Pure: save.ts and load.ts do the writing and reading. Their shapes
 * are {@link ConceptRow}, {@link PaperRow}, `CommunitiesFile` and graphology's export format.
 */
import { compareStrings } from '../compare-strings.js';
import { UserError } from '../errors.js';
import type { SerializedGraph as GraphologyExport } from 'graphology-types';
import type {
  CoOccursEdgeAttributes,
  GraphAttributes,
  NodeAttributes,
  CommunitiesFile,
  ConceptNodeAttributes,
  KnowledgeGraph,
  PaperRecord,
  TimeProfile,
} from '../model.js';
import { conceptNodeKey, paperNodeKey, type SerializedGraph } from '../model.js';
import type { StoredEvidence } from '../evidence-json.js';
import { MentionStoreBuilder, createKnowledgeGraph } from '../mention-store.js';


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
  // The MENTIONS first (from the mention store, in row order), then the graph's own edges.
  const store = graph.mentions;
  first = true;
  for (const row of store.rows()) {
    const attributes = { type: 'MENTIONS', count: store.count(row), score: store.score(row), evidence: store.storedEvidence(row) };
    const serialized = { key: store.edgeKey(row), source: paperNodeKey(store.paperId(row)), target: conceptNodeKey(store.conceptKey(row)), attributes };
    yield `${first ? '' : ','}${JSON.stringify(serialized)}`;
    first = false;
  }
  for (const { edge, attributes, source, target } of graph.edgeEntries()) {
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
  try {
    return importKnowledgeGraph(data as SerializedGraph);
  } catch (error) {
    throw bad(`invalid graph (${(error as Error).message})`);
  }
}

/** A MENTIONS edge's key in graph.json: `m<row>`. */
const MENTIONS_KEY = /^m(\d+)$/;

/**
 * The knowledge graph of a parsed graph.json: its MENTIONS edges into the mention store (in file
 * order), every other node and edge into graphology by `import()`. Throws on a malformed graph.
 */
function importKnowledgeGraph(data: SerializedGraph): KnowledgeGraph {
  const edges = Array.isArray(data.edges) ? data.edges : [];
  const texts = new Map<string, { title: string; abstract: string }>();
  for (const node of data.nodes) {
    const a = node?.attributes;
    if (a?.kind === 'paper') texts.set(node.key, { title: String(a.title ?? ''), abstract: String(a.abstract ?? '') });
  }
  const nodeKeys = new Set(data.nodes.map((n) => n?.key));
  const builder = new MentionStoreBuilder();
  const others: SerializedGraph['edges'] = [];
  for (const [i, edge] of edges.entries()) {
    const a = edge?.attributes;
    if (a?.type !== 'MENTIONS') {
      others.push(edge);
      continue;
    }
    const paper = texts.get(edge.source);
    if (!paper) throw new Error(`MENTIONS edge #${i + 1} does not start at a paper node ("${String(edge.source)}")`);
    if (!nodeKeys.has(edge.target) || !edge.target.startsWith(CONCEPT_PREFIX)) throw new Error(`MENTIONS edge #${i + 1} does not end at a concept node ("${String(edge.target)}")`);
    // The store keeps counts and offsets as unsigned integers.
    if (!isCount(a.count) || typeof a.score !== 'number' || !Array.isArray(a.evidence) || !a.evidence.every(isEvidenceEntry)) {
      throw new Error(`MENTIONS edge #${i + 1} needs a whole-number "count", a numeric "score" and an "evidence" array of offsets`);
    }
    const key = MENTIONS_KEY.exec(edge.key ?? '');
    const index = builder.addPaper(edge.source.slice(PAPER_PREFIX.length), paper);
    const values = { count: a.count, score: a.score, evidence: a.evidence as StoredEvidence[] };
    builder.add(index, builder.addConcept(edge.target.slice(CONCEPT_PREFIX.length)), values, key ? Number(key[1]) : undefined);
  }
  const graph = createKnowledgeGraph(builder.finish());
  graph.import({ ...data, edges: others } as unknown as GraphologyExport<NodeAttributes, CoOccursEdgeAttributes, GraphAttributes>);
  return graph;
}

const isCount = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 0 && (n as number) < 2 ** 32;

/** An evidence entry as graph.json stores it, or as files before offsets did (with its sentence). */
function isEvidenceEntry(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const x = e as Record<string, unknown>;
  const offsets = [x.sentenceStart, x.start, x.end].every(isCount) && (x.sentenceEnd === undefined || isCount(x.sentenceEnd));
  return (x.field === 'title' || x.field === 'abstract') && offsets && (typeof x.sentenceEnd === 'number' || typeof x.sentence === 'string');
}

const PAPER_PREFIX = paperNodeKey('');
const CONCEPT_PREFIX = conceptNodeKey('');

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
      for (const row of graph.mentions.rowsOfPaper(paper.id)) mentions.push({ key: graph.mentions.conceptKey(row), score: graph.mentions.score(row) });
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
