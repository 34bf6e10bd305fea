/**
 * The mention store
 * =================
 *
 * Paper–concept mentions (MENTIONS: count, score, evidence offsets) held in typed-array
 * columns beside the graphology graph, not as its edges. graphology keeps every edge in one
 * JavaScript `Map`, and V8 refuses a `Map` of more than 2^24 entries: at about 26 mentions per
 * abstract, a corpus of some 600,000 abstracts could not be built as edges at all.
 *
 * Rows are added once, in order (the graph stage adds them by paper id, then concept key: the
 * order graph.json lists them in), into columns that grow by fixed-size chunks, so growth never
 * copies what is already stored. Paper ids and concept keys live once, in id tables; a row holds
 * their indexes. A finished store is read in row order, by paper (a paper's rows in row order)
 * and by concept (its rows in row order). Evidence is stored as offsets into the paper's title
 * or abstract; the sentence text is sliced from the paper's text when a reader asks for it.
 */
import { DirectedGraph } from 'graphology';
import type { CoOccursEdgeAttributes, Evidence, EdgeAttributes, GraphAttributes, KnowledgeGraph, MentionsEdgeAttributes, NodeAttributes } from './model.js';
import { resolveDefaults } from './defaults.js';
import { conceptNodeKey, paperNodeKey } from './model.js';
import type { StoredEvidence } from './evidence-json.js';

type NumericArray = Uint8Array | Uint32Array | Float64Array;
type NumericArrayConstructor = new (length: number) => NumericArray;

/**
 * A column of numbers that grows by chunks of `2^chunkBits` entries: appending never copies the
 * entries already held (a doubling array would copy each several times, and briefly hold both).
 */
class ChunkedColumn {
  private readonly chunks: NumericArray[] = [];
  private readonly mask: number;
  private used = 0;

  constructor(
    private readonly Type: NumericArrayConstructor,
    private readonly chunkBits: number,
  ) {
    this.mask = (1 << chunkBits) - 1;
  }

  /** Entries held. */
  get length(): number {
    return this.used;
  }

  push(value: number): void {
    const offset = this.used & this.mask;
    if (offset === 0) this.chunks.push(new this.Type(this.mask + 1));
    this.chunks[this.chunks.length - 1]![offset] = value;
    this.used++;
  }

  get(index: number): number {
    return this.chunks[index >>> this.chunkBits]![index & this.mask]!;
  }
}

/** A mention's values, as a reader gets them or the builder takes them. */
export interface MentionValues {
  count: number;
  score: number;
  evidence: Evidence[];
}

/** One mention by paper id and concept key: what a MENTIONS edge held. */
export interface MentionRow extends MentionValues {
  paper: string;
  concept: string;
}

/** The texts evidence offsets point into. */
export interface PaperTexts {
  title: string;
  abstract: string;
}

/** Options of {@link MentionStoreBuilder}. */
export interface MentionStoreOptions {
  /** Column chunks hold 2^chunkBits entries (small in tests, to cross chunk boundaries). */
  chunkBits: number;
}

export const MENTION_STORE_DEFAULTS: MentionStoreOptions = { chunkBits: 16 };

/** Evidence fields by their code in the `field` column. */
const FIELDS: readonly Evidence['field'][] = ['title', 'abstract'];

/** Edge key of the `index`-th MENTIONS edge (insertion order: by paper id, then concept key). */
export const mentionsEdgeKey = (index: number): string => `m${index}`;

/** The columns both the builder and the store hold. */
interface Columns {
  paper: ChunkedColumn;
  concept: ChunkedColumn;
  count: ChunkedColumn;
  score: ChunkedColumn;
  /** Edge key number of each row (`m<n>`); only when some key is not the row index. */
  key?: ChunkedColumn;
  /** End of each row's evidence in the evidence columns (its start is the previous row's end). */
  evidenceEnd: ChunkedColumn;
  field: ChunkedColumn;
  sentenceStart: ChunkedColumn;
  sentenceEnd: ChunkedColumn;
  start: ChunkedColumn;
  end: ChunkedColumn;
}

/** Id tables: each paper id and concept key once, with the paper texts evidence points into. */
interface IdTables {
  papers: string[];
  texts: (PaperTexts | undefined)[];
  concepts: string[];
  paperIndex: Map<string, number>;
  conceptIndex: Map<string, number>;
}

/**
 * Collects mention rows in order; {@link finish} makes the store. Papers and concepts are
 * registered once ({@link addPaper}, {@link addConcept}) and rows name them by index.
 */
export class MentionStoreBuilder {
  private readonly columns: Columns;
  private readonly ids: IdTables = { papers: [], texts: [], concepts: [], paperIndex: new Map(), conceptIndex: new Map() };
  private readonly chunkBits: number;
  /** Whether every row so far came after the rows of earlier papers (the by-paper index is then free). */
  private groupedByPaper = true;

  constructor(options: Partial<MentionStoreOptions> = {}) {
    const { chunkBits } = resolveDefaults(MENTION_STORE_DEFAULTS, options);
    this.chunkBits = chunkBits;
    const column = (Type: NumericArrayConstructor) => new ChunkedColumn(Type, chunkBits);
    this.columns = {
      paper: column(Uint32Array),
      concept: column(Uint32Array),
      count: column(Uint32Array),
      score: column(Float64Array),
      evidenceEnd: column(Uint32Array),
      field: column(Uint8Array),
      sentenceStart: column(Uint32Array),
      sentenceEnd: column(Uint32Array),
      start: column(Uint32Array),
      end: column(Uint32Array),
    };
  }

  /** The index of paper `id` (registered on first sight, with the texts its evidence points into). */
  addPaper(id: string, texts?: PaperTexts): number {
    const known = this.ids.paperIndex.get(id);
    if (known !== undefined) {
      if (texts && !this.ids.texts[known]) this.ids.texts[known] = texts;
      return known;
    }
    const index = this.ids.papers.length;
    this.ids.papers.push(id);
    this.ids.texts.push(texts);
    this.ids.paperIndex.set(id, index);
    return index;
  }

  /** The index of concept `key` (registered on first sight). */
  addConcept(key: string): number {
    let index = this.ids.conceptIndex.get(key);
    if (index === undefined) {
      index = this.ids.concepts.length;
      this.ids.concepts.push(key);
      this.ids.conceptIndex.set(key, index);
    }
    return index;
  }

  /**
   * Appends one mention of concept `concept` by paper `paper` (indexes from {@link addPaper} and
   * {@link addConcept}). Evidence may carry its sentence (as extraction gives it) or the
   * sentence's end (as graph.json stores it). `key` is the row's edge key number (`m<key>`);
   * by default its row index.
   */
  add(paper: number, concept: number, values: { count: number; score: number; evidence: readonly (Evidence | StoredEvidence)[] }, key?: number): void {
    const c = this.columns;
    const row = c.paper.length;
    if (row > 0 && paper < c.paper.get(row - 1)) this.groupedByPaper = false;
    if (key !== undefined && key !== row && !c.key) {
      c.key = new ChunkedColumn(Uint32Array, this.chunkBits);
      for (let r = 0; r < row; r++) c.key.push(r);
    }
    c.key?.push(key ?? row);
    c.paper.push(paper);
    c.concept.push(concept);
    c.count.push(values.count);
    c.score.push(values.score);
    for (const e of values.evidence) {
      c.field.push(e.field === 'title' ? 0 : 1);
      c.sentenceStart.push(e.sentenceStart);
      c.sentenceEnd.push('sentenceEnd' in e ? e.sentenceEnd : e.sentenceStart + e.sentence.length);
      c.start.push(e.start);
      c.end.push(e.end);
    }
    c.evidenceEnd.push(c.field.length);
  }

  /** The store of the rows added. The builder is spent. */
  finish(): MentionStore {
    return new MentionStore(this.columns, this.ids, this.groupedByPaper);
  }
}

/** Where each group's rows begin when rows are ordered by a column: group g has `start[g]` to `start[g + 1]`. */
function groupStarts(column: ChunkedColumn, groups: number): Uint32Array {
  const start = new Uint32Array(groups + 1);
  for (let r = 0; r < column.length; r++) start[column.get(r) + 1]!++;
  for (let g = 0; g < groups; g++) start[g + 1]! += start[g]!;
  return start;
}

/**
 * Row indexes grouped by a column (counting sort, stable: row order within a group): `start[g]`
 * to `start[g + 1]` in `rows` are group g's rows.
 */
function groupRows(column: ChunkedColumn, groups: number): { start: Uint32Array; rows: Uint32Array } {
  const start = groupStarts(column, groups);
  const fill = start.slice(0, groups);
  const rows = new Uint32Array(column.length);
  for (let r = 0; r < column.length; r++) rows[fill[column.get(r)]!++] = r;
  return { start, rows };
}

/**
 * The mentions of a build, read by row, by paper and by concept. Rows of dropped concepts
 * ({@link dropConcepts}) are skipped by every reader; the others keep their row index, so their
 * edge keys do not change.
 */
export class MentionStore {
  /** Paper ids, by paper index. */
  readonly papers: readonly string[];
  /** Concept keys, by concept index. */
  readonly concepts: readonly string[];
  private readonly byPaper: { start: Uint32Array; rows?: Uint32Array };
  private readonly byConcept: { start: Uint32Array; rows: Uint32Array };
  private readonly dropped: Uint8Array;
  private live: number;

  /** Use {@link MentionStoreBuilder}. */
  constructor(
    private readonly columns: Columns,
    private readonly ids: IdTables,
    groupedByPaper: boolean,
  ) {
    this.papers = ids.papers;
    this.concepts = ids.concepts;
    this.byConcept = groupRows(columns.concept, ids.concepts.length);
    // Rows added paper by paper are already in paper order: the starts alone index them.
    this.byPaper = groupedByPaper ? { start: groupStarts(columns.paper, ids.papers.length) } : groupRows(columns.paper, ids.papers.length);
    this.dropped = new Uint8Array(ids.concepts.length);
    this.live = columns.paper.length;
  }

  /** Rows held (dropped concepts' rows not counted). */
  get size(): number {
    return this.live;
  }

  /** The index of paper `id`, if it has a row or was registered. */
  paperIndex(id: string): number | undefined {
    return this.ids.paperIndex.get(id);
  }

  /** The index of concept `key`, if it has a row or was registered (dropped or not). */
  conceptIndex(key: string): number | undefined {
    return this.ids.conceptIndex.get(key);
  }

  /** Every row, in row order (for readers that stream, such as the graph.json writer). */
  *rows(): Generator<number> {
    const n = this.columns.paper.length;
    for (let r = 0; r < n; r++) if (!this.dropped[this.columns.concept.get(r)]) yield r;
  }

  /** Calls `visit` with every row, in row order. */
  forEachRow(visit: (row: number) => void): void {
    const n = this.columns.paper.length;
    for (let r = 0; r < n; r++) if (!this.dropped[this.columns.concept.get(r)]) visit(r);
  }

  /** Calls `visit` with the rows of paper `paper` (an index), in row order. */
  forEachRowOfPaper(paper: number, visit: (row: number) => void): void {
    const { start, rows } = this.byPaper;
    if (!(paper >= 0 && paper < this.papers.length)) return;
    for (let i = start[paper]!; i < start[paper + 1]!; i++) {
      const r = rows ? rows[i]! : i;
      if (!this.dropped[this.columns.concept.get(r)]) visit(r);
    }
  }

  /** Calls `visit` with the rows of concept `concept` (an index), in row order. */
  forEachRowOfConcept(concept: number, visit: (row: number) => void): void {
    if (!(concept >= 0 && concept < this.concepts.length) || this.dropped[concept]) return;
    const { start, rows } = this.byConcept;
    for (let i = start[concept]!; i < start[concept + 1]!; i++) visit(rows[i]!);
  }

  /** The rows of paper `id`, in row order (none for an unknown id). */
  rowsOfPaper(id: string): number[] {
    const rows: number[] = [];
    const index = this.paperIndex(id);
    if (index !== undefined) this.forEachRowOfPaper(index, (r) => rows.push(r));
    return rows;
  }

  /** The rows of concept `key`, in row order (none for an unknown or dropped key). */
  rowsOfConcept(key: string): number[] {
    const rows: number[] = [];
    const index = this.conceptIndex(key);
    if (index !== undefined) this.forEachRowOfConcept(index, (r) => rows.push(r));
    return rows;
  }

  /** Paper index of a row. */
  paperOf(row: number): number {
    return this.columns.paper.get(row);
  }

  /** Concept index of a row. */
  conceptOf(row: number): number {
    return this.columns.concept.get(row);
  }

  /** Paper id of a row. */
  paperId(row: number): string {
    return this.papers[this.columns.paper.get(row)]!;
  }

  /** Concept key of a row. */
  conceptKey(row: number): string {
    return this.concepts[this.columns.concept.get(row)]!;
  }

  count(row: number): number {
    return this.columns.count.get(row);
  }

  score(row: number): number {
    return this.columns.score.get(row);
  }

  /** The row's edge key in graph.json (`m<n>`). */
  edgeKey(row: number): string {
    return mentionsEdgeKey(this.columns.key ? this.columns.key.get(row) : row);
  }

  /** The row's evidence as graph.json stores it (offsets only). */
  storedEvidence(row: number): StoredEvidence[] {
    const c = this.columns;
    const entries: StoredEvidence[] = [];
    for (let i = row === 0 ? 0 : c.evidenceEnd.get(row - 1); i < c.evidenceEnd.get(row); i++) {
      entries.push({ field: FIELDS[c.field.get(i)]!, sentenceStart: c.sentenceStart.get(i), sentenceEnd: c.sentenceEnd.get(i), start: c.start.get(i), end: c.end.get(i) });
    }
    return entries;
  }

  /** The row's evidence with each sentence sliced from the paper's title or abstract. */
  evidence(row: number): Evidence[] {
    const texts = this.ids.texts[this.columns.paper.get(row)];
    return this.storedEvidence(row).map((e) => ({
      field: e.field,
      sentence: (e.field === 'title' ? texts?.title : texts?.abstract)?.slice(e.sentenceStart, e.sentenceEnd) ?? '',
      sentenceStart: e.sentenceStart,
      start: e.start,
      end: e.end,
    }));
  }

  /** The row by paper id and concept key, with its values. */
  mention(row: number): MentionRow {
    return { paper: this.paperId(row), concept: this.conceptKey(row), count: this.count(row), score: this.score(row), evidence: this.evidence(row) };
  }

  /** The row as a MENTIONS edge's attributes. */
  edgeAttributes(row: number): MentionsEdgeAttributes {
    return { type: 'MENTIONS', count: this.count(row), score: this.score(row), evidence: this.evidence(row) };
  }

  /** Leaves the rows of these concepts out of every reader from now on (their graph nodes are dropped). */
  dropConcepts(keys: Iterable<string>): void {
    for (const key of keys) {
      const index = this.conceptIndex(key);
      if (index === undefined || this.dropped[index]) continue;
      this.dropped[index] = 1;
      this.live -= this.byConcept.start[index + 1]! - this.byConcept.start[index]!;
    }
  }
}

/** A store of no rows. */
export function emptyMentionStore(): MentionStore {
  return new MentionStoreBuilder().finish();
}

/** A new, empty knowledge graph (directed, no parallel edges, no self-loops) carrying `mentions`. */
export function createKnowledgeGraph(mentions: MentionStore = emptyMentionStore()): KnowledgeGraph {
  const graph = new DirectedGraph<NodeAttributes, CoOccursEdgeAttributes, GraphAttributes>({ multi: false, allowSelfLoops: false });
  return Object.assign(graph, { mentions });
}

/** A graphology graph of Paper and Concept nodes with both MENTIONS and CO_OCCURS edges. */
export type FullKnowledgeGraph = DirectedGraph<NodeAttributes, EdgeAttributes, GraphAttributes>;

/**
 * The knowledge graph with its mentions as MENTIONS edges again (before its CO_OCCURS edges, as
 * graph.json lists them): for consumers that need one graphology graph of everything, such as
 * the GEXF export of a build. Nodes are the graph's own attribute objects.
 */
export function withMentionEdges(graph: KnowledgeGraph): FullKnowledgeGraph {
  const full: FullKnowledgeGraph = new DirectedGraph({ multi: false, allowSelfLoops: false });
  full.replaceAttributes({ ...graph.getAttributes() });
  graph.forEachNode((node, attributes) => full.addNode(node, attributes));
  const store = graph.mentions;
  store.forEachRow((row) => {
    full.addDirectedEdgeWithKey(store.edgeKey(row), paperNodeKey(store.paperId(row)), conceptNodeKey(store.conceptKey(row)), store.edgeAttributes(row));
  });
  graph.forEachEdge((edge, attributes, source, target) => full.addDirectedEdgeWithKey(edge, source, target, attributes));
  return full;
}

/**
 * The knowledge graph of one graphology graph holding MENTIONS edges too (the inverse of
 * {@link withMentionEdges}): its MENTIONS edges (paper → concept) go into the mention store in edge
 * order, keyed by that order; its nodes and other edges stay in graphology.
 */
export function toKnowledgeGraph(full: FullKnowledgeGraph): KnowledgeGraph {
  const builder = new MentionStoreBuilder();
  full.forEachNode((_node, a) => {
    if (a.kind === 'paper') builder.addPaper(a.id, a);
  });
  full.forEachEdge((_edge, a, _source, _target, source, target) => {
    if (a.type !== 'MENTIONS' || source.kind !== 'paper' || target.kind !== 'concept') return;
    builder.add(builder.addPaper(source.id), builder.addConcept(target.key), a);
  });
  const graph = createKnowledgeGraph(builder.finish());
  graph.replaceAttributes({ ...full.getAttributes() });
  full.forEachNode((node, a) => graph.addNode(node, a));
  full.forEachEdge((edge, a, source, target) => {
    if (a.type === 'CO_OCCURS') graph.addDirectedEdgeWithKey(edge, source, target, a);
  });
  return graph;
}
