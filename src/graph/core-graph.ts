/**
 * The graph clusters are found on
 * ===============================
 *
 * Communities are found on the concepts that have enough papers to be placed: a concept of two
 * papers links to a few dozen others by chance, and on the whole graph those one-off pairs
 * decide the partition. So only concepts in at least `minDf` papers take part, linked when at
 * least `minPairPapers` papers mention both, weighted by lift (papers together over papers
 * expected together, VOSviewer's association strength on document counts). The pairs are
 * counted from the papers' mentions, not taken from the pruned CO_OCCURS edges, so pruning for
 * the viewer never changes the clusters. Rarer concepts join afterwards where their papers are.
 */
import { UndirectedGraph } from 'graphology';
import { conceptNodeKey, type ConceptNodeAttributes } from '../model.js';
import type { KnowledgeGraph } from './build.js';
import { compareStrings, roundFloat, type ConceptGraph } from './util.js';

/** How the core is chosen. */
export interface CoreGraphOptions {
  /** Papers a concept needs to take part (0 = {@link autoCoreMinDf}). */
  minDf: number;
  /** Papers a pair needs to be linked. */
  minPairPapers: number;
}

export const CORE_GRAPH_DEFAULTS: CoreGraphOptions = { minDf: 0, minPairPapers: 2 };

/** 3 papers up to 3,000 papers, then one per thousand (10 at 10k, 100 at 100k). */
export function autoCoreMinDf(papers: number): number {
  return Math.max(3, Math.ceil(papers / 1000));
}

/** Each paper's core concepts (node keys of the core, in index order) and the core's node keys. */
export interface CorePapers {
  /** Core concept node keys, sorted. */
  nodes: string[];
  /** Paper node key → indexes into `nodes` of the core concepts it mentions, with MENTIONS scores. */
  papers: Map<string, { concept: number; score: number }[]>;
}

/** The concept nodes with `df ≥ minDf` and, per paper, which of them it mentions. */
export function corePapers(graph: KnowledgeGraph, minDf: number): CorePapers {
  const nodes = graph
    .filterNodes((_node, a) => a.kind === 'concept' && a.df >= minDf)
    .sort(compareStrings);
  const index = new Map(nodes.map((node, i) => [node, i]));
  const papers = new Map<string, { concept: number; score: number }[]>();
  graph.forEachNode((node, attributes) => {
    if (attributes.kind !== 'paper') return;
    const list: { concept: number; score: number }[] = [];
    for (const row of graph.mentions.rowsOfPaper(attributes.id)) {
      const i = index.get(conceptNodeKey(graph.mentions.conceptKey(row)));
      if (i !== undefined) list.push({ concept: i, score: Math.max(graph.mentions.score(row), 0) });
    }
    list.sort((x, y) => x.concept - y.concept);
    papers.set(node, list);
  });
  return { nodes, papers };
}

/**
 * The core co-occurrence graph: core concepts as nodes (the knowledge graph's attribute
 * objects), an edge per pair of at least `minPairPapers` papers, `weight` = lift, `papers` = count.
 */
export function buildCoreGraph(graph: KnowledgeGraph, core: CorePapers, minPairPapers: number): ConceptGraph {
  const n = core.nodes.length;
  const df = new Float64Array(n);
  const pairs = new Map<number, number>();
  for (const list of core.papers.values()) {
    for (let x = 0; x < list.length; x++) {
      const i = list[x]!.concept;
      df[i]! += 1;
      for (let y = x + 1; y < list.length; y++) {
        const key = i * n + list[y]!.concept;
        pairs.set(key, (pairs.get(key) ?? 0) + 1);
      }
    }
  }
  const paperCount = core.papers.size;
  const result: ConceptGraph = new UndirectedGraph();
  for (const node of core.nodes) result.addNode(node, graph.getNodeAttributes(node) as ConceptNodeAttributes);
  // Sorted pair keys: edge order (and so every algorithm's tie-breaking) does not depend on the Map.
  for (const key of [...pairs.keys()].sort((a, b) => a - b)) {
    const count = pairs.get(key)!;
    if (count < minPairPapers) continue;
    const i = Math.floor(key / n);
    const j = key % n;
    const lift = (count * paperCount) / (df[i]! * df[j]!);
    result.addUndirectedEdge(core.nodes[i]!, core.nodes[j]!, { weight: roundFloat(lift), papers: count });
  }
  return result;
}
