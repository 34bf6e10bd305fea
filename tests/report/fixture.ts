/**
 * A hand-made graph with known answers, following src/model.ts exactly.
 *
 * Community 0: neural network, transformer, attention (papers p1–p3).
 * Community 1: gaussian process, kernel, bayesian optimization (papers p4–p6).
 * CO_OCCURS weight (papers): NN–transformer 3 (1), NN–attention 2 (1), transformer–attention 1 (1),
 * internal 6; GP–kernel 2 (2), GP–BO 2 (1), kernel–BO 1 (1), internal 5; kernel–NN 2 (1), the only
 * edge between the two. Concepts are listed in communities.json by co-occurring papers inside.
 */
import { DirectedGraph } from 'graphology';
import type {
  CommunitiesFile,
  ConceptNodeAttributes,
  EdgeAttributes,
  GraphAttributes,
  KnowledgeGraph,
  NodeAttributes,
  PaperNodeAttributes,
} from '../../src/model.js';
import { toKnowledgeGraph } from '../../src/mention-store.js';

interface PaperSpec {
  id: string;
  title: string;
  date?: string;
  year?: number;
  url?: string;
  source: string;
}

const PAPERS: PaperSpec[] = [
  { id: 'p1', title: 'Deep neural networks', date: '2021-05-01', year: 2021, url: 'https://example.org/p1', source: 'data/a.txt:1' },
  { id: 'p2', title: 'Attention is what you need', date: '2022', year: 2022, url: 'https://example.org/p2', source: 'data/a.txt:5' },
  { id: 'p3', title: 'Kernels in neural networks', date: '2022-02', year: 2022, source: 'data/a.txt:9' },
  { id: 'p4', title: 'Gaussian process priors', date: '2020-01-01', year: 2020, url: 'https://example.org/p4', source: 'data/b.jsonl:1' },
  { id: 'p5', title: 'Bayesian optimization with GPs', date: '2022-03', source: 'data/b.jsonl:2' },
  { id: 'p6', title: 'Undated optimization', source: 'data/b.jsonl:3' },
];

const CONCEPTS: Omit<ConceptNodeAttributes, 'kind'>[] = [
  { key: 'neural network', label: 'neural network', aliases: ['neural networks', 'NN', 'NNs'], df: 3, termhood: 2 },
  { key: 'transformer', label: 'transformer', aliases: ['transformers'], df: 2, termhood: 1 },
  { key: 'attention', label: 'attention', aliases: [], df: 2, termhood: 1 },
  { key: 'gaussian process', label: 'Gaussian process', aliases: ['GP', 'Gaussian processes'], df: 2, termhood: 2 },
  { key: 'kernel', label: 'kernel', aliases: ['kernels'], df: 3, termhood: 1 },
  { key: 'bayesian optimization', label: 'Bayesian optimization', aliases: ['BO'], df: 2, termhood: 1 },
];

const COMMUNITY: Record<string, number> = {
  'neural network': 0,
  transformer: 0,
  attention: 0,
  'gaussian process': 1,
  kernel: 1,
  'bayesian optimization': 1,
  p1: 0,
  p2: 0,
  p3: 0,
  p4: 1,
  p5: 1,
  p6: 1,
};

const CO_OCCURS: [string, string, number, number][] = [
  ['neural network', 'transformer', 3, 1],
  ['attention', 'neural network', 2, 1],
  ['attention', 'transformer', 1, 1],
  ['gaussian process', 'kernel', 2, 2],
  ['bayesian optimization', 'gaussian process', 2, 1],
  ['bayesian optimization', 'kernel', 1, 1],
  ['kernel', 'neural network', 2, 1],
];

/** [paper, concept, count, score, evidence sentence] */
const MENTIONS: [string, string, number, number, string][] = [
  ['p1', 'neural network', 3, 1.0, 'Deep neural networks (NNs) learn features.'],
  ['p1', 'transformer', 1, 0.5, 'We compare with a transformer.'],
  ['p2', 'transformer', 2, 0.8, 'The transformer relies on attention.'],
  ['p2', 'attention', 2, 0.6, 'The transformer relies on attention.'],
  ['p3', 'neural network', 1, 0.4, 'A neural network with kernels.'],
  ['p3', 'attention', 1, 0.3, 'Attention helps.'],
  ['p3', 'kernel', 1, 0.2, 'A neural network with kernels.'],
  ['p4', 'gaussian process', 2, 0.9, 'We place a Gaussian process (GP) prior.'],
  ['p4', 'kernel', 1, 0.5, 'The kernel is learned.'],
  ['p5', 'gaussian process', 1, 0.7, 'The GP surrogate is cheap.'],
  ['p5', 'bayesian optimization', 2, 0.6, 'Bayesian optimization (BO) finds optima.'],
  ['p5', 'kernel', 1, 0.3, 'A Matern kernel.'],
  ['p6', 'bayesian optimization', 1, 0.5, 'We run Bayesian optimization.'],
  ['p6', 'neural network', 1, 0.2, 'A small neural network.'],
];

/** A paper's abstract: the sentences its mentions' evidence quotes, each once, in order. */
function abstractOf(paper: string): string {
  return [...new Set(MENTIONS.filter((m) => m[0] === paper).map((m) => m[4]))].join(' ');
}

/**
 * The fixture: graph and communities.json; `titles` overrides paper titles (XSS tests), `ids`
 * gives papers other ids (`p3` → `doi:10.1000/k3`), everywhere the paper is named.
 */
export function makeFixture(
  titles: Record<string, string> = {},
  ids: Record<string, string> = {},
): { graph: KnowledgeGraph; communities: CommunitiesFile } {
  const idOf = (paper: string): string => ids[paper] ?? paper;
  const graph = new DirectedGraph<NodeAttributes, EdgeAttributes, GraphAttributes>();
  graph.replaceAttributes({
    version: '0.1.0',
    weighting: 'count',
    minDf: 2,
    minEdgeWeight: 1,
    topEdgesPerNode: 0,
    algorithm: 'louvain',
    resolution: 1,
    seed: 42,
    modularity: 0.3,
  });
  for (const p of PAPERS) {
    const attrs: PaperNodeAttributes = {
      kind: 'paper',
      id: idOf(p.id),
      title: titles[p.id] ?? p.title,
      abstract: abstractOf(p.id),
      sources: [p.source],
      community: COMMUNITY[p.id],
    };
    if (p.date) attrs.date = p.date;
    if (p.year) attrs.year = p.year;
    if (p.url) attrs.url = p.url;
    graph.addNode(`paper:${idOf(p.id)}`, attrs);
  }
  for (const c of CONCEPTS) {
    graph.addNode(`concept:${c.key}`, { kind: 'concept', ...c, community: COMMUNITY[c.key] });
  }
  for (const [a, b, weight, papers] of CO_OCCURS) {
    graph.addEdge(`concept:${a}`, `concept:${b}`, { type: 'CO_OCCURS', weight, papers });
  }
  for (const [paper, concept, count, score, sentence] of MENTIONS) {
    const sentenceStart = abstractOf(paper).indexOf(sentence);
    const at = sentenceStart + Math.max(0, sentence.toLowerCase().indexOf(concept.split(' ')[0]!));
    graph.addEdge(`paper:${idOf(paper)}`, `concept:${concept}`, {
      type: 'MENTIONS',
      count,
      score,
      evidence: [{ field: 'abstract', sentence, sentenceStart, start: at, end: at + concept.length }],
    });
  }
  const communities: CommunitiesFile = {
    algorithm: 'louvain',
    resolution: 1,
    seed: 42,
    modularity: 0.3,
    communities: [
      {
        id: 0,
        label: 'neural network · attention · transformer',
        concepts: ['neural network', 'attention', 'transformer'],
        papers: ['p1', 'p2', 'p3'].map(idOf),
        topConcepts: ['neural network', 'attention', 'transformer'],
      },
      {
        id: 1,
        label: 'kernel · Gaussian process · Bayesian optimization',
        concepts: ['kernel', 'gaussian process', 'bayesian optimization'],
        papers: ['p4', 'p5', 'p6'].map(idOf),
        topConcepts: ['kernel', 'gaussian process', 'bayesian optimization'],
      },
    ],
  };
  return { graph: toKnowledgeGraph(graph), communities };
}
