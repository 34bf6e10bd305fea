import { DirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { conceptNodeKey, paperNodeKey, type CommunitiesFile, type KnowledgeGraph } from '../../src/model.js';
import { analyzeTrends, resolveTrendSettings, withTimelines } from '../../src/trends/index.js';
import { UserError } from '../../src/errors.js';
import { createKnowledgeGraph, toKnowledgeGraph, type FullKnowledgeGraph } from '../../src/mention-store.js';

const YEARS = Array.from({ length: 12 }, (_, i) => 2010 + i);

/**
 * A corpus growing 25% a year (100 papers in 2010) in which "steady concept" keeps a 10% share,
 * "bursting concept" has 30% in 2015–2017 and 3% otherwise, and "rising concept" doubles its
 * share each year from 2016; plus undated papers. Topic 0 holds the bursting concept's papers.
 */
function corpus(): { graph: KnowledgeGraph; communities: CommunitiesFile } {
  const graph: FullKnowledgeGraph = new DirectedGraph();
  graph.setAttribute('version', 'test');
  const shares: Record<string, (year: number) => number> = {
    'steady concept': () => 0.1,
    'bursting concept': (y) => (y >= 2015 && y <= 2017 ? 0.3 : 0.03),
    'rising concept': (y) => (y < 2016 ? 0.01 : 0.01 * 2 ** (y - 2015)),
  };
  for (const key of Object.keys(shares)) graph.addNode(conceptNodeKey(key), { kind: 'concept', key, label: key, aliases: [], df: 0, termhood: 1 });
  const topicPapers: string[] = [];
  let mention = 0;
  for (const year of YEARS) {
    const total = Math.round(100 * 1.25 ** (year - 2010));
    for (let i = 0; i < total; i++) {
      const id = `p${year}-${i}`;
      graph.addNode(paperNodeKey(id), { kind: 'paper', id, title: id, abstract: '', sources: [], year, date: `${year}-0${1 + (i % 9)}` });
      for (const [key, share] of Object.entries(shares)) {
        // Paper i mentions the concept when i falls in the first share·total papers of its year.
        if (i < Math.round(share(year) * total)) {
          graph.addDirectedEdgeWithKey(`m${mention++}`, paperNodeKey(id), conceptNodeKey(key), { type: 'MENTIONS', count: 1, score: 1, evidence: [] });
          if (key === 'bursting concept') topicPapers.push(id);
        }
      }
    }
  }
  for (let i = 0; i < 7; i++) graph.addNode(paperNodeKey(`undated-${i}`), { kind: 'paper', id: `undated-${i}`, title: 'u', abstract: '', sources: [] });
  const communities: CommunitiesFile = {
    algorithm: 'louvain',
    resolution: 1,
    seed: 1,
    modularity: 0,
    communities: [{ id: 0, field: 0, label: 'bursting', concepts: ['bursting concept'], papers: topicPapers, topConcepts: ['bursting concept'] }],
    fields: [{ id: 0, label: 'bursting', topics: [0], topConcepts: ['bursting concept'], concepts: 1, papers: topicPapers.length }],
  };
  return { graph: toKnowledgeGraph(graph), communities };
}

describe('analyzeTrends', () => {
  const { graph, communities } = corpus();
  const trends = analyzeTrends(graph, communities, { minPeriodPapers: 1, recentPeriods: 0 });

  it('counts the dated papers per year and the undated ones', () => {
    expect(trends.timeline.unit).toBe('year');
    expect(trends.timeline.periods).toEqual(YEARS.map(String));
    expect(trends.timeline.papers[0]).toBe(100);
    expect(trends.timeline.undated).toBe(7);
  });

  it('finds the planted burst, and none in the steady share of a growing corpus', () => {
    expect(trends.concepts.get('bursting concept')!.bursts.map((b) => [b.start, b.end])).toEqual([['2015', '2017']]);
    expect(trends.concepts.get('steady concept')!.bursts).toEqual([]);
    expect(trends.concepts.get('steady concept')!.trend!.direction).toBe('steady');
    expect(trends.concepts.get('rising concept')!.trend!.direction).toBe('emerging');
  });

  it('gives topics and fields their papers per period, bursts and trend', () => {
    const topic = trends.topics.get(0)!;
    expect(topic.papersPerPeriod.reduce((a, b) => a + b, 0)).toBe(communities.communities[0]!.papers.length);
    expect(topic.bursts.map((b) => [b.start, b.end])).toEqual([['2015', '2017']]);
    expect(trends.fields.get(0)).toEqual(topic);
    const file = withTimelines(communities, trends);
    expect(file.timeline).toBe(trends.timeline);
    expect(file.communities[0]!.time).toBe(topic);
    expect(communities.communities[0]!.time).toBeUndefined();
  });

  it('is deterministic', () => {
    const again = analyzeTrends(graph, communities, { minPeriodPapers: 1, recentPeriods: 0 });
    expect([...again.concepts]).toEqual([...trends.concepts]);
  });

  it('leaves out concepts under the minimum support', () => {
    expect(analyzeTrends(graph, communities, { minPapers: 1_000_000 }).concepts.size).toBe(0);
  });

  it('gives an empty timeline when no paper is dated', () => {
    const empty = createKnowledgeGraph();
    empty.addNode(paperNodeKey('x'), { kind: 'paper', id: 'x', title: 'x', abstract: '', sources: [] });
    const none = analyzeTrends(empty, { ...communities, communities: [], fields: [] });
    expect(none.timeline.periods).toEqual([]);
    expect(withTimelines(communities, none)).toBe(communities);
  });
});

describe('resolveTrendSettings', () => {
  it('settles auto from the dated papers', () => {
    expect(resolveTrendSettings({}, 100).minPeriodPapers).toBe(10);
    expect(resolveTrendSettings({}, 58_918).minPeriodPapers).toBe(295);
  });

  it.each([
    [{ stateRatio: 1 }, /stateRatio.*--burst-state-ratio.*> 1/],
    [{ gamma: -1 }, /gamma/],
    [{ minDuration: 0 }, /minDuration/],
    [{ recentPeriods: 2 }, /recentPeriods/],
    [{ minPeriodPapers: 0 }, /minPeriodPapers/],
  ])('rejects %j with a UserError naming the option', (options, message) => {
    expect(() => resolveTrendSettings(options, 10)).toThrow(UserError);
    expect(() => resolveTrendSettings(options, 10)).toThrow(message);
  });
});
