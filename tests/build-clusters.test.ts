import { describe, expect, it } from 'vitest';
import { recordCommunityChanges, TOP_NEW_CONCEPTS } from '../src/build-clusters.js';
import { conceptNodeKey, type CommunitiesFile, type CommunityChanges } from '../src/model.js';
import { createKnowledgeGraph } from '../src/mention-store.js';

const topic = (id: number, label: string, concepts: string[], papers: number) => ({
  id,
  label,
  concepts,
  papers: Array.from({ length: papers }, (_, i) => `p${id}-${i}`),
  topConcepts: concepts.slice(0, 1),
});
const file = (communities: ReturnType<typeof topic>[]): CommunitiesFile => ({ algorithm: 'louvain', resolution: 1, seed: 42, modularity: 0.4, communities });

// Before: 0 (a, b), 1 (c, d), 2 (e, f), 5 (g). After: 0 grew with n1, n2; 1 took 2's concepts (merge);
// 5 is gone; 6 is new (n3 and 25 more new concepts).
const PREVIOUS = file([topic(0, 'zero', ['a', 'b'], 3), topic(1, 'one', ['c', 'd'], 2), topic(2, 'two', ['e', 'f'], 2), topic(5, 'five', ['g'], 1)]);
const FILLER = Array.from({ length: 25 }, (_, i) => `m${String(i).padStart(2, '0')}`);
const NEXT = file([topic(0, 'zero now', ['a', 'b', 'n1', 'n2'], 5), topic(1, 'one now', ['c', 'd', 'e', 'f'], 4), topic(6, 'six', ['n3', ...FILLER], 2)]);
const CHANGES: CommunityChanges = {
  newConcepts: ['n1', 'n2', 'n3', ...FILLER].sort(),
  removedConcepts: ['g'],
  sharedConcepts: 6,
  keptConcepts: 4,
  grown: [{ id: 0, before: 2, after: 4, newConcepts: 2 }, { id: 1, before: 2, after: 4, newConcepts: 0 }],
  shrunk: [],
  split: [],
  merged: [{ into: 1, from: [1, 2] }],
  created: [{ id: 6, size: 26, newConcepts: 26 }],
  dissolved: [{ id: 5, size: 1 }],
};

function graphOf(df: Record<string, number>) {
  const graph = createKnowledgeGraph();
  for (const [key, papers] of Object.entries(df)) {
    graph.addNode(conceptNodeKey(key), { kind: 'concept', key, label: key.toUpperCase(), aliases: [], df: papers, termhood: 1 });
  }
  return graph;
}

describe('recordCommunityChanges', () => {
  const graph = graphOf({ n1: 7, n2: 3, n3: 7, ...Object.fromEntries(FILLER.map((k) => [k, 2])) });
  const record = recordCommunityChanges(CHANGES, PREVIOUS, NEXT, graph, { before: 8, after: 11 });

  it('counts the new and removed concepts and keeps the rest of the changes by id', () => {
    expect(record.papers).toEqual({ before: 8, after: 11 });
    const { newConcepts, removedConcepts, ...rest } = CHANGES;
    expect(record.partition).toEqual({ ...rest, newConcepts: newConcepts.length, removedConcepts: removedConcepts.length });
  });

  it('lists the new concepts with most papers first (ties by key), at most 20, each with its topic', () => {
    expect(record.topNewConcepts).toHaveLength(TOP_NEW_CONCEPTS);
    expect(record.topNewConcepts.slice(0, 4)).toEqual([
      { key: 'n1', label: 'N1', papers: 7, community: 0 },
      { key: 'n3', label: 'N3', papers: 7, community: 6 },
      { key: 'n2', label: 'N2', papers: 3, community: 0 },
      { key: 'm00', label: 'M00', papers: 2, community: 6 },
    ]);
    expect(record.topNewConcepts.at(-1)!.key).toBe('m16');
  });

  it('gives every topic named its label, papers and concepts before and after, where it has them', () => {
    expect(record.topics).toEqual([
      { id: 0, before: { label: 'zero', papers: 3, concepts: 2 }, after: { label: 'zero now', papers: 5, concepts: 4 } },
      { id: 1, before: { label: 'one', papers: 2, concepts: 2 }, after: { label: 'one now', papers: 4, concepts: 4 } },
      { id: 2, before: { label: 'two', papers: 2, concepts: 2 } },
      { id: 5, before: { label: 'five', papers: 1, concepts: 1 } },
      { id: 6, after: { label: 'six', papers: 2, concepts: 26 } },
    ]);
  });
});
