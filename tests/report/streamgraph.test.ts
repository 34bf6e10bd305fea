import { describe, expect, it } from 'vitest';
import type { CommunitiesFile, TimeProfile, Timeline } from '../../src/model.js';
import { buildReportModel, renderHtml } from '../../src/report/index.js';
import { MAX_STREAM_LAYERS, limitLayers, streamgraph } from '../../src/report/streamgraph.js';
import { makeFixture } from './fixture.js';

const HOSTILE = 'nets <script>x</script> & kernels';
const PERIODS = ['2019–2020', '2021', '2022'];

/** The points of an area path drawn with straight segments: `M x,y L x,y … Z`. */
function points(d: string): [number, number][] {
  expect(d).toMatch(/^M[\d.,L-]+Z$/);
  return d
    .slice(1, -1)
    .split('L')
    .map((p) => p.split(',').map(Number) as [number, number]);
}

/** Each `<path>` of the SVG: its `d`, fill and title. */
function paths(svg: string): { d: string; fill: string; title: string }[] {
  return [...svg.matchAll(/<path d="([^"]*)" fill="([^"]*)"[^>]*><title>([^<]*)<\/title><\/path>/g)].map((m) => ({ d: m[1]!, fill: m[2]!, title: m[3]! }));
}

describe('streamgraph', () => {
  const layers = [
    { label: HOSTILE, papers: [4, 0, 6] },
    { label: 'processes', papers: [2, 3, 1] },
    { label: 'optimisation', papers: [0, 5, 5] },
  ];
  const svg = streamgraph(PERIODS, layers, 'Papers per field', (n) => `${n} others`);

  it('draws one path per layer, each titled with its label (escaped) and papers', () => {
    const drawn = paths(svg);
    expect(drawn.map((p) => p.title)).toEqual(['nets &lt;script&gt;x&lt;/script&gt; &amp; kernels: 10 papers', 'processes: 6 papers', 'optimisation: 10 papers']);
    expect(svg).not.toContain('<script>');
    expect(new Set(drawn.map((p) => p.fill)).size).toBe(3);
  });

  it('draws each area through the periods in order, as thick as its papers', () => {
    // Upper edge left to right, then lower edge right to left: one point per period each way.
    const px = new Set<string>();
    const perPaper: number[] = [];
    paths(svg).forEach((p, i) => {
      const pts = points(p.d);
      expect(pts).toHaveLength(2 * PERIODS.length);
      const upper = pts.slice(0, PERIODS.length);
      const lower = pts.slice(PERIODS.length).reverse();
      expect(upper.map(([x]) => x)).toEqual([...upper.map(([x]) => x)].sort((a, b) => a - b));
      expect(lower.map(([x]) => x)).toEqual(upper.map(([x]) => x));
      upper.forEach(([x, top], period) => {
        px.add(String(x));
        const thickness = lower[period]![1] - top;
        const papers = layers[i]!.papers[period]!;
        if (papers === 0) expect(thickness).toBeCloseTo(0, 0);
        else perPaper.push(thickness / papers);
      });
    });
    expect(px.size).toBe(PERIODS.length);
    // One scale for every layer and period (coordinates are rounded to 0.1 px).
    for (const s of perPaper) expect(s).toBeCloseTo(perPaper[0]!, 1);
  });

  it('centres the stack: the middle of every period is at the same height', () => {
    const all = paths(svg).flatMap((p) => points(p.d));
    const mid = PERIODS.map((_, period) => {
      const x = points(paths(svg)[0]!.d)[period]![0];
      const ys = all.filter(([px]) => px === x).map(([, y]) => y);
      return (Math.min(...ys) + Math.max(...ys)) / 2;
    });
    for (const m of mid) expect(m).toBeCloseTo(mid[0]!, 0);
  });

  it('names the periods on the x axis, in order, and the layers in the legend with their colours', () => {
    const axis = [...svg.matchAll(/<text x="([\d.]+)"[^>]*class="value">([^<]*)<\/text>/g)].map((m) => [Number(m[1]), m[2]]);
    expect(axis.map(([, label]) => label)).toEqual(PERIODS);
    expect(axis.map(([x]) => x)).toEqual([...axis.map(([x]) => x)].sort((a, b) => Number(a) - Number(b)));
    const legend = [...svg.matchAll(/<li><svg[^>]*><rect[^>]*fill="([^"]*)"\/><\/svg> ([^<]*) <span/g)].map((m) => [m[1], m[2]]);
    expect(legend).toEqual(paths(svg).map((p, i) => [p.fill, i === 0 ? 'nets &lt;script&gt;x&lt;/script&gt; &amp; kernels' : layers[i]!.label]));
  });

  it('keeps at most 12 layers: the 11 largest, and the rest summed as other', () => {
    const many = Array.from({ length: 15 }, (_, i) => ({ label: `field ${i}`, papers: [i, 1, 0] }));
    const limited = limitLayers(many, MAX_STREAM_LAYERS, (n) => `${n} other fields`);
    expect(limited).toHaveLength(12);
    expect(limited.slice(0, 11).map((l) => l.label)).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14].map((i) => `field ${i}`));
    expect(limited[11]).toEqual({ label: '4 other fields', papers: [0 + 1 + 2 + 3, 4, 0], other: true });
    expect(paths(streamgraph(PERIODS, many, 't', (n) => `${n} other fields`))).toHaveLength(12);
  });

  it('draws nothing without periods or papers', () => {
    expect(streamgraph([], layers, 't', String)).toBe('');
    expect(streamgraph(PERIODS, [{ label: 'empty', papers: [0, 0, 0] }], 't', String)).toBe('');
  });

  it('draws one period as a band across the plot', () => {
    const one = paths(streamgraph(['2024'], [{ label: 'a', papers: [3] }], 't', String));
    expect(one).toHaveLength(1);
    expect(points(one[0]!.d)).toHaveLength(4);
  });
});

const TIMELINE: Timeline = {
  unit: 'year',
  periods: PERIODS,
  papers: [1, 1, 3],
  undated: 1,
  settings: { stateRatio: 2, gamma: 1, minDuration: 2, minPapers: 10, alpha: 0.01, minChange: 1.5, recentPeriods: 6, minPeriodPapers: 1 },
};

describe('the HTML report streamgraph', () => {
  const { graph, communities } = makeFixture();
  const time = (papersPerPeriod: number[]) => ({ papersPerPeriod, bursts: [] });
  const dated: CommunitiesFile = {
    ...communities,
    timeline: TIMELINE,
    communities: communities.communities.map((c) => ({ ...c, time: time(c.id === 0 ? [0, 1, 2] : [1, 0, 1]) })),
    fields: [
      { id: 0, label: HOSTILE, topics: [0], topConcepts: [], concepts: 3, papers: 3, time: time([0, 1, 2]) },
      { id: 1, label: 'processes', topics: [1], topConcepts: [], concepts: 3, papers: 2, time: time([1, 0, 1]) },
    ],
  };
  const conceptTimes = new Map<string, TimeProfile>();

  it('shows the fields over time, labels escaped, listed in the contents', () => {
    const html = renderHtml(buildReportModel(graph, dated, { conceptTimes }));
    const section = html.split('<section id="streamgraph">')[1]!.split('</section>')[0]!;
    expect(section).toContain('<h2>Fields over time</h2>');
    expect(paths(section).map((p) => p.title)).toEqual(['Field 0: nets &lt;script&gt;x&lt;/script&gt; &amp; kernels: 3 papers', 'Field 1: processes: 2 papers']);
    expect(html).toContain('<li><a href="#streamgraph">Fields over time</a></li>');
    expect(html).not.toContain('<script>');
  });

  it('falls back to the topics in a build without fields', () => {
    const html = renderHtml(buildReportModel(graph, { ...dated, fields: undefined }, { conceptTimes }));
    expect(html).toContain('<h2>Topics over time</h2>');
    expect(paths(html.split('<section id="streamgraph">')[1]!.split('</section>')[0]!)).toHaveLength(2);
  });

  it('is absent when no paper is dated', () => {
    const html = renderHtml(buildReportModel(graph, communities, { conceptTimes }));
    // An undated build's communities.json has no timeline (and no topic a `time`).
    expect(communities.timeline).toBeUndefined();
    expect(html).not.toContain('<section id="streamgraph">');
    expect(html).not.toContain('<svg class="chart streamgraph"');
    expect(html).not.toContain('over time');
  });
});
