import { describe, expect, it } from 'vitest';
import { graphToRows } from '../../src/store/rows.js';
import { communityTimeColumns, NO_TIME, timeColumns } from '../../src/store/time-rows.js';
import { formatNeo4jImport, ARRAY_DELIMITER } from '../../src/store/index.js';
import { createPlantedTrends } from './fixtures/planted-trends.js';

const BURST = { start: '2014', end: '2016', weight: 26.5 };
const TREND = { direction: 'emerging', slope: 0.9, firstShare: 0.01, lastShare: 0.7, g2: 28.4, p: 1e-7, papers: 79 } as const;

describe('timeColumns', () => {
  it('has every property null without a time profile, and without bursts or trend', () => {
    expect(timeColumns(undefined)).toEqual(NO_TIME);
    expect(timeColumns({ bursts: [] })).toEqual(NO_TIME);
  });

  it('lays bursts out as parallel lists, oldest first, and the trend flat', () => {
    const later = { start: '2018-03', end: '2018-09', weight: 4 };
    expect(timeColumns({ bursts: [BURST, later], trend: TREND })).toEqual({
      burstStarts: ['2014', '2018-03'],
      burstEnds: ['2016', '2018-09'],
      burstWeights: [26.5, 4],
      trend: 'emerging',
      trendSlope: 0.9,
      trendFirstShare: 0.01,
      trendLastShare: 0.7,
      trendG2: 28.4,
      trendP: 1e-7,
      trendPapers: 79,
    });
  });

  it('gives a community its periods and papers per period only with a timeline', () => {
    const time = { papersPerPeriod: [3, 0, 5], bursts: [BURST] };
    const timeline = { unit: 'year' as const, periods: ['2014', '2015', '2016'], papers: [9, 9, 9], undated: 0 };
    const settings = { stateRatio: 2, gamma: 1, minDuration: 2, minPapers: 10, alpha: 0.01, minChange: 1.5, recentPeriods: 6, minPeriodPapers: 1 };
    const columns = communityTimeColumns(time, { ...timeline, settings });
    expect([columns.periods, columns.papersPerPeriod, columns.burstStarts, columns.trend]).toEqual([['2014', '2015', '2016'], [3, 0, 5], ['2014'], null]);
    expect(communityTimeColumns(time, undefined)).toMatchObject({ periods: null, papersPerPeriod: null, burstStarts: ['2014'] });
    expect(communityTimeColumns(undefined, undefined)).toEqual({ ...NO_TIME, periods: null, papersPerPeriod: null });
  });
});

describe('graphToRows with bursts and trends', () => {
  const { graph, communities, trends } = createPlantedTrends();
  const rows = graphToRows(graph, communities, [], new Map(), trends.concepts);
  const concept = (key: string) => rows.concepts.find((c) => c.key === key)!;

  it('puts the planted burst and trends on the concepts', () => {
    expect([concept('bursting concept').burstStarts, concept('bursting concept').burstEnds]).toEqual([['2014'], ['2016']]);
    expect(concept('rising concept').trend).toBe('emerging');
    expect(concept('fading concept').trend).toBe('fading');
    expect(concept('steady concept')).toMatchObject({ burstStarts: null, burstWeights: null, trend: 'steady' });
  });

  it('leaves a concept without a profile without time properties', () => {
    const none = graphToRows(graph, communities);
    for (const c of none.concepts) expect(c).toMatchObject(NO_TIME);
  });

  it('gives topics and fields the periods of the timeline and their papers in each', () => {
    const topic0 = rows.communities.find((m) => m.level === 'topic' && m.id === 0)!;
    const field1 = rows.communities.find((m) => m.level === 'field' && m.id === 1)!;
    expect(topic0.periods).toEqual(['2010', '2011', '2012', '2013', '2014', '2015', '2016', '2017', '2018', '2019']);
    // Topic 0 holds the papers mentioning the bursting concept: 2 a year, 20 in 2014–2016.
    expect(topic0.papersPerPeriod).toEqual([2, 2, 2, 2, 20, 20, 20, 2, 2, 2]);
    expect([topic0.burstStarts, topic0.burstEnds]).toEqual([['2014'], ['2016']]);
    expect(field1.papersPerPeriod).toEqual([38, 38, 38, 38, 20, 20, 20, 38, 38, 38]);
    expect(field1.trend).toBe('steady');
  });
});

describe('formatNeo4jImport with bursts and trends', () => {
  const { graph, communities, trends } = createPlantedTrends();
  const files = formatNeo4jImport(graph, communities, { conceptTimes: trends.concepts });
  const table = (name: string) => {
    const [header, ...lines] = files.find((f) => f.name === name)!.content.trimEnd().split('\n');
    const columns = header!.split(',');
    return { columns, cell: (line: string, column: string) => line.split(',')[columns.indexOf(column)] };
  };

  it('types the new concept columns and fills them as the writer does', () => {
    const { columns } = table('concepts.csv');
    for (const c of ['burstStarts:string[]', 'burstEnds:string[]', 'burstWeights:float[]', 'trend', 'trendSlope:float', 'trendP:float', 'trendPapers:int']) {
      expect(columns).toContain(c);
    }
    const content = files.find((f) => f.name === 'concepts.csv')!.content;
    const line = content.split('\n').find((l) => l.startsWith('"bursting concept"'))!;
    const t = table('concepts.csv');
    expect(t.cell(line, 'burstStarts:string[]')).toBe('"2014"');
    expect(t.cell(line, 'trend')).toBe('"steady"');
    expect(t.cell(line, 'trendPapers:int')).toBe('74');
  });

  it('gives communities their periods and papers per period as typed arrays', () => {
    const t = table('communities.csv');
    expect(t.columns).toEqual(expect.arrayContaining(['periods:string[]', 'papersPerPeriod:int[]', 'burstWeights:float[]', 'trend']));
    const content = files.find((f) => f.name === 'communities.csv')!.content;
    const line = content.split('\n').find((l) => l.startsWith('"topic 0"'))!;
    expect(t.cell(line, 'papersPerPeriod:int[]')).toBe(`"${[2, 2, 2, 2, 20, 20, 20, 2, 2, 2].join(ARRAY_DELIMITER)}"`);
  });
});
