/**
 * The browser app's pure parts, run in Node: search ranking over labels and aliases, the URL
 * hash round trip, the indexes built from the data file, and which nodes the filters keep.
 */
import { describe, expect, it } from 'vitest';
import type { SerializedGraph } from '../../src/model.js';
import { createSyntheticGraph, createViewerData, readSerializedGraph } from '../../src/viewer/index.js';
import { createModel, validateData } from '../../viewer/src/model.js';
import { createSearchIndex, normalize } from '../../viewer/src/search.js';
import { createState, decodeHash, DEFAULT_FILTERS, encodeHash } from '../../viewer/src/state.js';
import { computeVisibility } from '../../viewer/src/visibility.js';

function conceptNode(key: string, label: string, aliases: string[], strength: number, community: number) {
  return {
    key: `concept:${key}`,
    attributes: { kind: 'concept', key, label, aliases, df: strength, termhood: 1, community, weightedDegree: strength, x: strength, y: 0 },
  };
}

/** Concepts with acronyms and look-alike labels; one paper per year 2019–2021. */
function graph(): SerializedGraph {
  const nodes = [
    conceptNode('neural tangent kernel', 'neural tangent kernel', ['NTK', 'Neural Tangent Kernels'], 5, 0),
    conceptNode('kernel', 'kernel', ['kernels'], 9, 0),
    conceptNode('tangent space', 'tangent space', [], 2, 1),
    conceptNode('physics-informed neural network', 'physics-informed neural network', ['PINN', 'PINNs'], 4, 1),
    conceptNode('network', 'network', [], 8, 1),
  ];
  const papers = [2019, 2020, 2021].map((year, i) => ({
    key: `paper:p${i}`,
    attributes: { kind: 'paper', id: `p${i}`, title: `Paper ${i}`, abstract: '', year, sources: [], community: i === 2 ? 1 : 0 },
  }));
  const mention = (p: number, c: string) => ({
    source: `paper:p${p}`, target: `concept:${c}`,
    attributes: { type: 'MENTIONS', count: 1, score: 1, evidence: [] },
  });
  const co = (a: string, b: string, papers: number) => ({
    source: `concept:${a}`, target: `concept:${b}`, attributes: { type: 'CO_OCCURS', papers, weight: papers },
  });
  return {
    nodes: [...papers, ...nodes],
    edges: [
      mention(0, 'neural tangent kernel'), mention(0, 'kernel'), mention(1, 'kernel'), mention(1, 'network'),
      mention(2, 'physics-informed neural network'), mention(2, 'network'), mention(2, 'tangent space'),
      co('kernel', 'neural tangent kernel', 5), co('kernel', 'network', 4), co('network', 'physics-informed neural network', 4),
      co('network', 'tangent space', 1),
    ],
  };
}

const model = createModel(validateData(JSON.parse(JSON.stringify(createViewerData(readSerializedGraph(graph()), null)))));
const label = (i: number): string => model.data.concepts.label[i]!;

describe('search', () => {
  const index = createSearchIndex(model);
  it.each([
    // [query, first hit, matched alias or null]
    ['NTK', 'neural tangent kernel', 'NTK'],
    ['ntk', 'neural tangent kernel', 'NTK'],
    ['PINNs', 'physics-informed neural network', 'PINNs'],
    ['physics informed', 'physics-informed neural network', null],
    ['kernel', 'kernel', null],
    ['tangent', 'tangent space', null],
    ['netw', 'network', null],
    ['  Neural   Tangent ', 'neural tangent kernel', null],
  ])('%s → %s', (query, first, alias) => {
    const hits = index.search(query);
    expect(label(hits[0]!.index)).toBe(first);
    expect(hits[0]!.alias).toBe(alias);
  });

  it('ranks exact, then prefix, then word matches, and lists each concept once', () => {
    const hits = index.search('kernel').map((h) => label(h.index));
    expect(hits).toEqual(['kernel', 'neural tangent kernel']);
    expect(index.search('tangent').map((h) => label(h.index))).toEqual(['tangent space', 'neural tangent kernel']);
  });

  it('finds nothing for empty or unmatched queries', () => {
    expect(index.search('')).toEqual([]);
    expect(index.search('   ')).toEqual([]);
    expect(index.search('zebra')).toEqual([]);
    // Substrings inside words need three characters.
    expect(index.search('er')).toEqual([]);
  });

  it('normalizes case, accents, hyphens and spaces', () => {
    expect(normalize('  Physics-Informed   Réseau_x ')).toBe('physics informed reseau x');
  });
});

describe('URL hash', () => {
  it('round-trips a selection, hidden clusters and filters', () => {
    const state = {
      concept: 'neural tangent kernel & co',
      hide: [4, 1],
      filters: { minDf: 3, minDegree: 2, years: [2019, 2021] as [number, number], showPapers: true, colorBy: 'community' as const },
    };
    const hash = encodeHash(state);
    expect(hash.startsWith('#')).toBe(true);
    expect(decodeHash(hash)).toEqual({ ...state, hide: [1, 4] });
  });

  it('round-trips the year overlay and a selected topic or field', () => {
    const topic = { topic: 3, hide: [], filters: { ...DEFAULT_FILTERS, colorBy: 'year' as const } };
    expect(encodeHash(topic)).toBe('#topic=3&color=year');
    expect(decodeHash(encodeHash(topic))).toEqual(topic);
    expect(decodeHash('#field=0')).toEqual({ field: 0, hide: [], filters: { ...DEFAULT_FILTERS } });
    expect(decodeHash('#topic=x&color=red').filters.colorBy).toBe('community');
  });

  it('leaves defaults out and ignores malformed values', () => {
    expect(encodeHash({ hide: [], filters: { ...DEFAULT_FILTERS } })).toBe('');
    expect(decodeHash('#df=-2&degree=x&years=2020&hide=1,a,,3&papers=yes')).toEqual({
      hide: [1, 3],
      filters: { ...DEFAULT_FILTERS },
    });
  });
});

describe('model and visibility', () => {
  const i = (name: string): number => model.conceptByKey.get(name)!;

  it('indexes links strongest first, mentions and papers per concept, mentions per paper, and years', () => {
    expect(model.links[i('network')]!.map((l) => label(l.index))).toEqual(['kernel', 'physics-informed neural network', 'tangent space']);
    expect(model.conceptMentions[i('kernel')]!.map((m) => m.paper)).toHaveLength(2);
    expect(model.paperMentions[0]!.map((m) => label(m.concept)).sort()).toEqual(['kernel', 'neural tangent kernel']);
    expect([...model.conceptPapers[i('network')]!]).toEqual([1, 2]);
    expect(model.yearExtent).toEqual([2019, 2021]);
  });

  it('lists links by shared papers, weight only among equals: a one-paper pair never leads', () => {
    const g = graph();
    const co = (a: string, b: string, papers: number, weight: number) => ({
      source: `concept:${a}`, target: `concept:${b}`, attributes: { type: 'CO_OCCURS', papers, weight },
    });
    g.edges = [
      ...g.edges.filter((e) => e.attributes?.type !== 'CO_OCCURS'),
      co('kernel', 'tangent space', 1, 50),
      co('kernel', 'network', 6, 2),
      co('kernel', 'neural tangent kernel', 6, 3),
    ];
    const m = createModel(validateData(JSON.parse(JSON.stringify(createViewerData(readSerializedGraph(g), null)))));
    const k = m.conceptByKey.get('kernel')!;
    expect(m.links[k]!.map((l) => m.data.concepts.label[l.index])).toEqual(['neural tangent kernel', 'network', 'tangent space']);
  });

  it('applies hidden clusters, minimum papers, minimum links and years', () => {
    const visibleLabels = (patch: Partial<ReturnType<typeof createState>>): string[] => {
      const v = computeVisibility(model, { ...createState(), ...patch });
      return model.data.concepts.label.filter((_, k) => v.concept[k] === 1).sort();
    };
    expect(visibleLabels({})).toHaveLength(5);
    expect(visibleLabels({ hiddenCommunities: new Set([1]) })).toEqual(['kernel', 'neural tangent kernel']);
    expect(visibleLabels({ filters: { ...DEFAULT_FILTERS, minDf: 5 } })).toEqual(['kernel', 'network', 'neural tangent kernel']);
    expect(visibleLabels({ filters: { ...DEFAULT_FILTERS, minDegree: 2 } })).toEqual(['kernel', 'network']);
    expect(visibleLabels({ filters: { ...DEFAULT_FILTERS, years: [2021, 2021] } })).toEqual([
      'network', 'physics-informed neural network', 'tangent space',
    ]);
  });

  it('shows papers only in the bipartite view, and only with a visible concept', () => {
    expect([...computeVisibility(model, createState()).paper]).toEqual([0, 0, 0]);
    const papers = (patch: Partial<ReturnType<typeof createState>>) =>
      [...computeVisibility(model, { ...createState(), ...patch, filters: { ...DEFAULT_FILTERS, showPapers: true } }).paper];
    expect(papers({})).toEqual([1, 1, 1]);
    // Paper 2 belongs to cluster 1; paper 1 still has "kernel" visible.
    expect(papers({ hiddenCommunities: new Set([1]) })).toEqual([1, 1, 0]);
  });

  it('rejects a file that is not viewer data', () => {
    expect(() => validateData({ nodes: [], edges: [] })).toThrow(/not PaperGraph viewer data/);
    expect(() => validateData(null)).toThrow();
  });

  it('builds indexes for a large synthetic graph without losing mentions', () => {
    const { graph: g } = createSyntheticGraph({ concepts: 2000, papers: 300, seed: 5 });
    const data = createViewerData(readSerializedGraph(g), null);
    const m = createModel(data);
    const total = m.conceptMentions.reduce((n, list) => n + list.length, 0);
    expect(total).toBe(data.mentions.length / 6);
    expect(m.paperMentions.reduce((n, list) => n + list.length, 0)).toBe(total);
  });
});
