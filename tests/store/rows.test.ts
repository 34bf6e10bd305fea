import { describe, expect, it } from 'vitest';
import { DirectedGraph } from 'graphology';
import { countRelationships, graphToRows, normalizeName } from '../../src/store/rows.js';
import { createSmallCommunities, createSmallGraph } from './fixtures/small-graph.js';

describe('graphToRows', () => {
  it('gives no rows for an empty graph', () => {
    const rows = graphToRows(new DirectedGraph());
    expect(Object.values(rows).every((list) => list.length === 0)).toBe(true);
  });

  it('has one row per paper, concept, MENTIONS and CO_OCCURS edge', () => {
    const rows = graphToRows(createSmallGraph(), createSmallCommunities());
    expect(rows.papers.map((p) => p.id).sort()).toEqual(['arxiv:1806.07572', 'doi:10.1000/wide', 'title:0123456789abcdef']);
    expect(rows.concepts).toHaveLength(4);
    expect(rows.mentions).toHaveLength(6);
    expect(rows.cooccurs).toHaveLength(3);
    expect(rows.communities.map((c) => [c.id, c.size, c.papers])).toEqual([
      [0, 3, 2],
      [1, 1, 1],
    ]);
    expect(rows.conceptMembers).toHaveLength(4);
    expect(rows.paperMembers).toHaveLength(3);
    expect(countRelationships(rows)).toBe(6 + 3 + 4 + 3);
  });

  it('turns missing optional fields into null, never undefined (the driver rejects undefined)', () => {
    const rows = graphToRows(createSmallGraph());
    const gp = rows.papers.find((p) => p.id === 'title:0123456789abcdef')!;
    expect(gp).toMatchObject({ year: null, date: null, url: null, authorsCount: null, upvotes: null });
    const json = JSON.stringify(rows);
    expect(Object.values(gp).includes(undefined as never)).toBe(false);
    expect(json).not.toContain('undefined');
  });

  it('flattens evidence into parallel lists of sentences, fields and offsets', () => {
    const rows = graphToRows(createSmallGraph());
    const m = rows.mentions.find((r) => r.paper === 'doi:10.1000/wide' && r.concept === 'neural tangent kernel')!;
    expect(m.evidence).toEqual(['A Gaussian process (GP) view of wide networks and the NTK.']);
    expect(m.evidenceField).toEqual(['abstract']);
    expect(m.evidence[0]!.slice(m.evidenceStart[0], m.evidenceEnd[0])).toBe('NTK');
  });

  it('stores CO_OCCURS lower key first whatever the edge direction', () => {
    const graph = createSmallGraph();
    const rows = graphToRows(graph);
    for (const r of rows.cooccurs) expect(r.source < r.target).toBe(true);
    expect(rows.cooccurs).toContainEqual({ source: 'infinite width limit', target: 'neural tangent kernel', papers: 1, weight: 1 });
  });

  it('makes a lower-cased alias row for key, label and every alias, and lets one name point at two concepts', () => {
    const rows = graphToRows(createSmallGraph());
    const names = (concept: string) => rows.aliases.filter((a) => a.concept === concept).map((a) => a.name).sort();
    expect(names('neural tangent kernel')).toEqual(['neural tangent kernel', 'neural tangent kernels', 'ntk']);
    const gp = rows.aliases.filter((a) => a.name === 'gp').map((a) => a.concept).sort();
    expect(gp).toEqual(['gaussian process', 'genetic programming']);
    expect(rows.aliases.find((a) => a.name === 'ntk')!.forms).toEqual(['NTK']);
  });

  it('adds the senses of ambiguous acronyms with their long forms and defining papers', () => {
    const rows = graphToRows(createSmallGraph(), undefined, [
      {
        short: 'GP',
        senses: [
          { key: 'gaussian process', long: 'Gaussian process', papers: ['doi:10.1000/wide'] },
          { key: 'genetic programming', long: 'Genetic programming', papers: ['title:0123456789abcdef'] },
          { key: 'not in the graph', long: 'growth percentile', papers: ['x'] },
        ],
      },
    ]);
    const senses = rows.aliases.filter((a) => a.name === 'gp');
    expect(senses.map((s) => [s.concept, s.long, s.papers])).toEqual([
      ['gaussian process', 'Gaussian process', ['doi:10.1000/wide']],
      ['genetic programming', 'Genetic programming', ['title:0123456789abcdef']],
    ]);
  });

  it('skips community members that are not in the graph', () => {
    const communities = createSmallCommunities();
    communities.communities[1]!.concepts.push('no such concept');
    communities.communities[1]!.papers.push('no:such-paper');
    const rows = graphToRows(createSmallGraph(), communities);
    expect(rows.conceptMembers.some((m) => m.member === 'no such concept')).toBe(false);
    expect(rows.paperMembers.some((m) => m.member === 'no:such-paper')).toBe(false);
  });
});

describe('normalizeName', () => {
  it.each([
    ['NTK', 'ntk'],
    ['  Gaussian   Process ', 'gaussian process'],
    ['ＮＴＫ', 'ntk'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(normalizeName(input)).toBe(expected);
  });
});
