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
  ['neural tangent kernel', /neural tangent|gradient descent|training dynamics|infinite width|overparameteri[sz]ed|deep learning|kernel regime|lazy training/i],
  ['physics informed neural network', /physics-informed|partial differential|\bPDEs?\b|neural operator|Navier|PINN/i],
  ['state space model', /state space|\bSSMs?\b|long range|HiPPO|sequence model|Mamba/i],
  ['hopfield network', /Hopfield|associative memory|Hebbian/i],
  ['diffusion model', /diffusion|score-based|denois|Fokker/i],
];

describe('communities of the bundled corpus (Louvain, seed 42)', () => {
  let file: CommunitiesFile;
  beforeAll(async () => {
    const { papers } = await ingest([BUNDLED_DATA_DIR]);
    const graph = buildKnowledgeGraph(papers, extractConcepts(papers));
    file = detectCommunities(graph, { seed: 42 });
  });

  it('has a positive modularity and no empty community', () => {
    expect(file.modularity).toBeGreaterThan(0.3);
    for (const community of file.communities) expect(community.concepts.length).toBeGreaterThan(0);
  });

  it.each(FIELDS)('puts %s in a community whose label names its field', (key, field) => {
    const community = file.communities.find((c) => c.concepts.includes(key));
    expect(community, `no community holds ${key}`).toBeDefined();
    expect(community!.label).toMatch(field);
  });
});
