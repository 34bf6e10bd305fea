import { describe, expect, it } from 'vitest';
import { conceptNodeKey, type CommunitiesFile, type TimeProfile, type Timeline } from '../../src/model.js';
import { buildReportModel, renderHtml, renderJson, renderMarkdown } from '../../src/report/index.js';
import { makeFixture } from './fixture.js';

const XSS = '<img src=x onerror="window.__xss=1">';

const TIMELINE: Timeline = {
  unit: 'year',
  periods: ['2019–2020', '2021', '2022'],
  papers: [1, 1, 3],
  undated: 1,
  settings: { stateRatio: 2, gamma: 1, minDuration: 2, minPapers: 10, alpha: 0.01, minChange: 1.5, recentPeriods: 6, minPeriodPapers: 1 },
};

const TIMES = new Map<string, TimeProfile>([
  ['attention', { bursts: [{ start: '2021', end: '2022', weight: 3.25 }], trend: { direction: 'emerging', slope: 1.2, firstShare: 0.1, lastShare: 0.6, g2: 9, p: 0.0027, papers: 2 } }],
  ['kernel', { bursts: [{ start: '2019', end: '2021', weight: 7.5 }], trend: { direction: 'fading', slope: -1, firstShare: 0.5, lastShare: 0.1, g2: 12, p: 0.00005, papers: 3 } }],
  ['bayesian optimization', { bursts: [], trend: { direction: 'emerging', slope: 3, firstShare: 0, lastShare: 0.2, g2: 40, p: 1e-10, papers: 2 } }],
  ['transformer', { bursts: [], trend: { direction: 'steady', slope: 0, firstShare: 0.2, lastShare: 0.2, g2: 0, p: 1, papers: 2 } }],
]);

function render(withTimes = true) {
  const { graph, communities } = makeFixture();
  graph.mergeNodeAttributes(conceptNodeKey('attention'), { label: XSS });
  const timed: CommunitiesFile = {
    ...communities,
    timeline: TIMELINE,
    communities: communities.communities.map((c) => ({ ...c, time: { papersPerPeriod: c.id === 0 ? [0, 1, 2] : [1, 0, 1], bursts: [], ...(c.id === 0 && { trend: TIMES.get('attention')!.trend! }) } })),
  };
  const model = buildReportModel(graph, timed, withTimes ? { conceptTimes: TIMES } : {});
  return { model, md: renderMarkdown(model), html: renderHtml(model), json: JSON.parse(renderJson(model)) as typeof model };
}

describe('Bursts and Emerging sections', () => {
  const { model, md, html, json } = render();

  it('lists the corpus bursts strongest first, with their periods', () => {
    expect(model.time!.bursts.map((b) => [b.key, b.start, b.end])).toEqual([
      ['kernel', '2019', '2021'],
      ['attention', '2021', '2022'],
    ]);
    expect(md).toContain('## Bursts');
    expect(md).toMatch(/\| 1 \| kernel \| \[1\]\(#community-1\) \| 2019–2021 \| 7\.5 \|/);
    expect(md).toContain('Papers per period: 2019–2020: 1 · 2021: 1 · 2022: 3.');
  });

  it('lists emerging and fading concepts, the steady ones in neither', () => {
    // By the change in share (50 points before 20), not by G² (9 against 40).
    expect(model.time!.emerging.map((t) => t.key)).toEqual(['attention', 'bayesian optimization']);
    expect(model.time!.fading.map((t) => t.key)).toEqual(['kernel']);
    expect(md).toContain('## Emerging and fading');
    expect(md).toMatch(/\| kernel \| \[1\]\(#community-1\) \| 50% → 10% \| < 0\.0001 \| 3 \|/);
    expect(md).not.toMatch(/\| transformer \|.*→/);
  });

  it('gives each topic its own trend, papers per period and its concepts', () => {
    const c0 = model.communities.find((c) => c.id === 0)!;
    expect(c0.time!.papersPerPeriod).toEqual([0, 1, 2]);
    expect(c0.time!.emerging.map((t) => t.key)).toEqual(['attention']);
    expect(c0.time!.conceptBursts.map((b) => b.key)).toEqual(['attention']);
    expect(md).toContain('Share of all papers: emerging over the recent periods (10% → 60%, p = 0.0027); no burst.');
  });

  it('escapes concept labels in Markdown and HTML', () => {
    expect(html).toContain('<section id="bursts">');
    expect(html).toContain('<h2>Emerging and fading</h2>');
    expect(html).not.toContain(XSS);
    expect(html).toContain('&lt;img src=x onerror=&quot;window.__xss=1&quot;&gt;');
    expect(md).not.toContain(XSS);
  });

  it('puts the same numbers in the JSON report', () => {
    expect(json.time!.bursts[0]).toMatchObject({ key: 'kernel', start: '2019', end: '2021', weight: 7.5 });
    expect(json.time!.settings.gamma).toBe(1);
  });

  it('has no time sections without the concepts\' profiles', () => {
    const bare = render(false);
    expect(bare.model.time).toBeUndefined();
    expect(bare.md).not.toContain('## Bursts');
    expect(bare.html).not.toContain('id="bursts"');
  });
});
