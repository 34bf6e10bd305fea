/**
 * Time in the viewer, run in Node: mean year per concept, papers per year of a concept and of a
 * community (with the year's totals), and the recount of papers and links within a year range.
 */
import { describe, expect, it } from 'vitest';
import type { SerializedGraph } from '../../src/model.js';
import { createViewerData, readSerializedGraph } from '../../src/viewer/index.js';
import { createModel, validateData } from '../../viewer/src/model.js';
import { createState, DEFAULT_FILTERS } from '../../viewer/src/state.js';
import { communitySeries, conceptSeries, linksWithin, meanYears, recountInYears } from '../../viewer/src/time.js';
import { computeVisibility } from '../../viewer/src/visibility.js';

/**
 * Six papers: 2019, 2020, 2021, 2021, undated, 2023 (none in 2022). Concept "alpha" in papers
 * 0, 1, 3; "beta" in 1, 3, 4; "gamma" in 2, 5; "delta" in the undated paper 4 only.
 */
function graph(): SerializedGraph {
  const years = [2019, 2020, 2021, 2021, null, 2023];
  const communities = [0, 0, 1, 1, 0, 0];
  const mentions: [number, string][] = [
    [0, 'alpha'], [1, 'alpha'], [3, 'alpha'],
    [1, 'beta'], [3, 'beta'], [4, 'beta'],
    [2, 'gamma'], [5, 'gamma'],
    [4, 'delta'],
  ];
  const df = (c: string): number => mentions.filter(([, k]) => k === c).length;
  const concept = (key: string, community: number) => ({
    key: `concept:${key}`,
    attributes: { kind: 'concept', key, label: key, aliases: [], df: df(key), termhood: 1, community, weightedDegree: df(key), x: df(key), y: 0 },
  });
  const co = (a: string, b: string, papers: number) => ({
    source: `concept:${a}`, target: `concept:${b}`, attributes: { type: 'CO_OCCURS', papers, weight: papers },
  });
  return {
    nodes: [
      ...years.map((year, i) => ({
        key: `paper:p${i}`,
        attributes: { kind: 'paper', id: `p${i}`, title: `Paper ${i}`, abstract: '', year, sources: [], community: communities[i] },
      })),
      concept('alpha', 0), concept('beta', 0), concept('gamma', 1), concept('delta', 0),
    ],
    edges: [
      ...mentions.map(([p, c]) => ({ source: `paper:p${p}`, target: `concept:${c}`, attributes: { type: 'MENTIONS', count: 1, score: 1, evidence: [] } })),
      co('alpha', 'beta', 2), co('beta', 'delta', 1),
    ],
  };
}

const model = createModel(validateData(JSON.parse(JSON.stringify(createViewerData(readSerializedGraph(graph()), null)))));
const at = (key: string): number => model.conceptByKey.get(key)!;
const edgeBetween = (a: string, b: string): number => model.links[at(a)]!.find((l) => l.index === at(b))!.edge;

describe('mean year', () => {
  it('averages the years of each concept’s dated papers; NaN when none is dated', () => {
    const means = meanYears(model);
    expect(means[at('alpha')]).toBe(2020);
    // The undated paper 4 does not pull beta's mean.
    expect(means[at('beta')]).toBe(2020.5);
    expect(means[at('gamma')]).toBe(2022);
    expect(means[at('delta')]).toBeNaN();
  });
});

describe('papers per year', () => {
  it('counts a concept’s papers in every year of the corpus, zero years included', () => {
    expect(conceptSeries(model, at('alpha'))).toEqual({
      years: [2019, 2020, 2021, 2022, 2023],
      counts: [1, 1, 1, 0, 0],
      totals: [1, 1, 2, 0, 1],
    });
    expect(conceptSeries(model, at('delta')).counts).toEqual([0, 0, 0, 0, 0]);
  });

  it('counts a community’s papers: one topic, or several (a field)', () => {
    expect(communitySeries(model, new Set([1])).counts).toEqual([0, 0, 2, 0, 0]);
    expect(communitySeries(model, new Set([0])).counts).toEqual([1, 1, 0, 0, 1]);
    expect(communitySeries(model, new Set([0, 1])).counts).toEqual([1, 1, 2, 0, 1]);
  });
});

describe('recount within a year range', () => {
  it('counts each concept’s papers and each link’s shared papers in the range', () => {
    const r = recountInYears(model, [2020, 2021]);
    expect(r.conceptPapers[at('alpha')]).toBe(2);
    expect(r.conceptPapers[at('beta')]).toBe(2);
    expect(r.conceptPapers[at('gamma')]).toBe(1);
    expect(r.conceptPapers[at('delta')]).toBe(0);
    expect(r.edgePapers[edgeBetween('alpha', 'beta')]).toBe(2);
    // beta and delta share only the undated paper, which lies in no range.
    expect(r.edgePapers[edgeBetween('beta', 'delta')]).toBe(0);
    expect(r.conceptLinks[at('beta')]).toBe(1);
    const early = recountInYears(model, [2019, 2019]);
    expect(early.conceptPapers[at('alpha')]).toBe(1);
    expect(early.edgePapers[edgeBetween('alpha', 'beta')]).toBe(0);
  });

  it('lists a concept’s links with their papers in the range, dropping those with none', () => {
    const r = recountInYears(model, [2021, 2021]);
    expect(linksWithin(model.links[at('beta')]!, r).map((l) => [l.index, l.papers])).toEqual([[at('alpha'), 1]]);
    expect(linksWithin(model.links[at('beta')]!, null)).toHaveLength(2);
  });

  it('hides concepts with no paper in the range and applies minimum papers to counts in it', () => {
    const visible = (years: [number, number], minDf = 1): string[] => {
      const v = computeVisibility(model, { ...createState(), filters: { ...DEFAULT_FILTERS, years, minDf } });
      return model.data.concepts.label.filter((_, k) => v.concept[k] === 1).sort();
    };
    expect(visible([2020, 2021])).toEqual(['alpha', 'beta', 'gamma']);
    expect(visible([2020, 2021], 2)).toEqual(['alpha', 'beta']);
    expect(visible([2023, 2023])).toEqual(['gamma']);
    expect(computeVisibility(model, createState()).recount).toBeNull();
  });
});
