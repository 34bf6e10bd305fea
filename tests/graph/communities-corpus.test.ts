/**
 * The research clusters of the bundled corpus: the concepts a reader looks for first sit in
 * communities whose labels name their field.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { extractConcepts } from '../../src/extract/index.js';
import { buildKnowledgeGraph, detectCommunities } from '../../src/graph/index.js';
import { ingest } from '../../src/ingest/index.js';
import type { CommunitiesFile } from '../../src/model.js';
import { BUNDLED_DATA_DIR } from '../../src/paths.js';

/** Concept key → words of its field, any of which a label must hold (a reader's vocabulary). */
const FIELDS: [string, RegExp][] = [
  ['neural tangent kernel', /neural tangent|\bNTK\b|gradient descent|training dynamics|infinite width|overparameteri[sz]ed|deep learning|kernel regime|lazy training/i],
  ['physics informed neural network', /physics-informed|partial differential|\bPDEs?\b|neural operator|Navier|PINN/i],
  ['state space model', /state space|\bSSMs?\b|long range|HiPPO|sequence model|Mamba/i],
  ['hopfield network', /Hopfield|associative (memory|neural network)|Hebbian|spin glass/i],
  ['diffusion model', /diffusion|score-based|denois|Fokker/i],
];

describe('communities of the bundled corpus (Louvain, seed 42)', () => {
  let file: CommunitiesFile;
  let conceptsOf: Map<string, Set<string>>;
  beforeAll(async () => {
    const { papers } = await ingest([BUNDLED_DATA_DIR]);
    const extraction = extractConcepts(papers);
    const graph = buildKnowledgeGraph(papers, extraction);
    file = detectCommunities(graph, { seed: 42 });
    conceptsOf = new Map();
    graph.mentions.forEachRow((row) => {
      const id = graph.mentions.paperId(row);
      if (!conceptsOf.has(id)) conceptsOf.set(id, new Set());
      conceptsOf.get(id)!.add(graph.mentions.conceptKey(row));
    });
  });

  // A reader who sees a topic's first concepts finds them in its papers, and they occur together.
  it('describes each topic by first concepts that most of its papers mention', () => {
    let papers = 0;
    let described = 0;
    for (const community of file.communities) {
      for (const id of community.papers) {
        papers++;
        if (community.topConcepts.some((key) => conceptsOf.get(id)?.has(key))) described++;
      }
    }
    expect(papers).toBeGreaterThan(200);
    expect(described / papers).toBeGreaterThanOrEqual(0.95);
  });

  it('has a positive modularity and no empty community', () => {
    // Topics are found on the concepts of 3+ papers; on the whole concept graph (pairs of one
    // paper included) their modularity is lower than a partition of that graph would reach.
    expect(file.modularity).toBeGreaterThan(0.15);
    for (const community of file.communities) expect(community.concepts.length).toBeGreaterThan(0);
  });

  // A topic is read under its field ("field › topic"): a topic's label leaves out its field's words.
  it.each(FIELDS)('puts %s in a topic whose field and label name its area', (key, area) => {
    const community = file.communities.find((c) => c.concepts.includes(key));
    expect(community, `no community holds ${key}`).toBeDefined();
    const field = file.fields!.find((f) => f.id === community!.field);
    expect(field, `no field holds community ${community!.id}`).toBeDefined();
    expect(`${field!.label} › ${community!.label}`).toMatch(area);
  });

  it('nests every topic in exactly one field, and keeps each field under about a quarter of the papers', () => {
    const papers = new Set(file.communities.flatMap((c) => c.papers)).size;
    const topics = file.fields!.flatMap((f) => f.topics).sort((a, b) => a - b);
    expect(topics).toEqual(file.communities.map((c) => c.id).sort((a, b) => a - b));
    for (const f of file.fields!) {
      for (const t of f.topics) expect(file.communities.find((c) => c.id === t)!.field).toBe(f.id);
      expect(f.papers / papers).toBeLessThanOrEqual(0.3);
    }
    expect(file.fields!.length).toBeGreaterThan(2);
  });
});
