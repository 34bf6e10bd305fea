/**
 * Bursts and trends in Neo4j, against the real throw-away server of the global setup: a small
 * dated build with planted bursts (fixtures/planted-trends.ts) is written, its properties read
 * back, and the named queries `bursts`, `emerging` and `community-timeline` run on it.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { captureOutputPerTest } from '../helpers/output.js';
import {
  clearDatabase,
  loadNamedQuery,
  openStore,
  resolveQueryParams,
  runQuery,
  splitParamPairs,
  writeGraph,
  type StoreContext,
} from './helpers.js';
import { createPlantedTrends, PLANTED_YEARS } from './fixtures/planted-trends.js';

const connection = inject('neo4j');
let ctx: StoreContext;
const planted = createPlantedTrends();
const profile = (key: string) => planted.trends.concepts.get(key)!;

async function namedQuery(name: string, pairs: string[] = []) {
  const q = await loadNamedQuery(name);
  return (await runQuery(ctx, q.cypher, resolveQueryParams(q, splitParamPairs(pairs)))).rows;
}

const write = (conceptTimes = planted.trends.concepts) => writeGraph(ctx, planted.graph, planted.communities, { conceptTimes });

beforeAll(async () => {
  if (!connection) throw new Error('no Neo4j for this run: the global setup (tests/setup/neo4j.ts) did not start one');
  ctx = await openStore(connection);
  await clearDatabase(ctx);
  await write();
});

afterAll(async () => {
  await clearDatabase(ctx);
  await ctx?.driver.close();
});

describe.sequential('bursts and trends in Neo4j', () => {
  it('the planted corpus has the bursts and trends the queries are checked against', () => {
    expect(profile('bursting concept').bursts.map((b) => [b.start, b.end])).toEqual([['2014', '2016']]);
    expect(profile('rising concept').trend!.direction).toBe('emerging');
    expect(profile('fading concept').trend!.direction).toBe('fading');
  });

  it('stores each concept\'s bursts as parallel lists and its trend, typed', async () => {
    const rows = (await runQuery(ctx, 'MATCH (c:Concept) RETURN c { .* } AS c ORDER BY c.key')).rows.map((r) => r.c as Record<string, unknown>);
    expect(rows).toHaveLength(4);
    for (const c of rows) {
      const p = profile(c.key as string);
      const bursts = p.bursts;
      expect(c.burstStarts ?? []).toEqual(bursts.map((b) => b.start));
      expect(c.burstEnds ?? []).toEqual(bursts.map((b) => b.end));
      expect(c.burstWeights ?? []).toEqual(bursts.map((b) => b.weight));
      expect([c.trend, c.trendSlope, c.trendFirstShare, c.trendLastShare, c.trendG2, c.trendP, c.trendPapers]).toEqual([
        p.trend!.direction, p.trend!.slope, p.trend!.firstShare, p.trend!.lastShare, p.trend!.g2, p.trend!.p, p.trend!.papers,
      ]);
    }
    const types = await runQuery(ctx, "MATCH (c:Concept {key: 'bursting concept'}) RETURN valueType(c.burstWeights) AS w, valueType(c.trendPapers) AS n");
    expect(types.rows).toEqual([{ w: 'LIST<FLOAT NOT NULL> NOT NULL', n: 'INTEGER NOT NULL' }]);
  });

  it('stores each topic\'s and field\'s periods, papers per period, bursts and trend', async () => {
    const result = await runQuery(ctx, 'MATCH (m:Community) RETURN m { .* } AS m ORDER BY m.level, m.id');
    const rows = result.rows.map((r) => r.m as Record<string, unknown>);
    expect(rows.map((m) => `${m.level} ${m.id}`)).toEqual(['field 0', 'field 1', 'topic 0', 'topic 1']);
    for (const m of rows) {
      const time = (m.level === 'topic' ? planted.trends.topics : planted.trends.fields).get(m.id as number)!;
      expect(m.periods).toEqual(PLANTED_YEARS.map(String));
      expect(m.papersPerPeriod).toEqual(time.papersPerPeriod);
      expect(m.burstStarts ?? []).toEqual(time.bursts.map((b) => b.start));
      expect(m.trend).toBe(time.trend!.direction);
    }
  });

  it('a rerun changes nothing, and a concept that lost its bursts and trend loses the properties', async () => {
    const before = await runQuery(ctx, 'MATCH (n) RETURN count(n) AS nodes, sum(size(keys(n))) AS properties');
    await write();
    expect((await runQuery(ctx, 'MATCH (n) RETURN count(n) AS nodes, sum(size(keys(n))) AS properties')).rows).toEqual(before.rows);
    const without = new Map([...planted.trends.concepts].filter(([key]) => key !== 'bursting concept'));
    await write(without);
    const gone = await runQuery(ctx, "MATCH (c:Concept {key: 'bursting concept'}) RETURN c.burstStarts AS starts, c.trend AS trend");
    expect(gone.rows).toEqual([{ starts: null, trend: null }]);
    await write();
  });

  it('bursts: strongest first, every stored burst once', async () => {
    const rows = await namedQuery('bursts');
    const expected = [...planted.trends.concepts].flatMap(([key, p]) => p.bursts.map((b) => ({ key, start: b.start, weight: b.weight })));
    expected.sort((a, b) => b.weight - a.weight);
    expect(rows.map((r) => [r.key, r.startPeriod])).toEqual(expected.map((b) => [b.key, b.start]));
    const bursting = rows.find((r) => r.key === 'bursting concept')!;
    expect(bursting).toMatchObject({ concept: 'bursting', startPeriod: '2014', endPeriod: '2016', community: 0, communityLabel: 'bursting' });
  });

  it('bursts: a year range keeps the bursts that overlap it, a community its concepts\' bursts', async () => {
    const keys = async (pairs: string[]) => (await namedQuery('bursts', pairs)).map((r) => r.key).sort();
    expect(await keys(['from=2015', 'to=2015'])).toEqual(['bursting concept']);
    expect(await keys(['from=2017'])).toEqual(['rising concept']);
    expect(await keys(['to=2013'])).toEqual(['fading concept']);
    expect(await keys(['community=1'])).toEqual(['fading concept', 'rising concept']);
    expect(await keys(['community=0', 'level=field'])).toEqual(['bursting concept']);
    expect(await keys(['community=0', 'from=2017'])).toEqual([]);
    expect(await namedQuery('bursts', ['limit=1'])).toHaveLength(1);
  });

  it('emerging: emerging and fading concepts by how far their share moved, with a minimum of papers', async () => {
    const rows = await namedQuery('emerging');
    expect(rows.map((r) => [r.key, r.direction]).sort()).toEqual([
      ['fading concept', 'fading'],
      ['rising concept', 'emerging'],
    ]);
    const moved = rows.map((r) => Math.abs((r.lastShare as number) - (r.firstShare as number)));
    expect([...moved].sort((a, b) => b - a)).toEqual(moved);
    const rising = rows.find((r) => r.key === 'rising concept')!;
    const t = profile('rising concept').trend!;
    expect(rising).toMatchObject({ papers: t.papers, p: t.p, community: 1 });
    expect(rising.ratio).toBeCloseTo(t.lastShare / t.firstShare, 2);
    expect((await namedQuery('emerging', ['direction=fading'])).map((r) => r.key)).toEqual(['fading concept']);
    expect((await namedQuery('emerging', ['direction=Emerging'])).map((r) => r.key)).toEqual(['rising concept']);
    // The rising concept's trend holds 79 papers, the fading one's 144.
    expect((await namedQuery('emerging', [`minPapers=${t.papers + 1}`])).map((r) => r.key)).toEqual(['fading concept']);
    expect(await namedQuery('emerging', ['community=0'])).toEqual([]);
  });

  it('community-timeline: one row per period with the community\'s papers, its bursts and its trend', async () => {
    const rows = await namedQuery('community-timeline', ['community=0']);
    const time = planted.trends.topics.get(0)!;
    expect(rows.map((r) => r.period)).toEqual(PLANTED_YEARS.map(String));
    expect(rows.map((r) => r.papers)).toEqual(time.papersPerPeriod);
    expect(rows.filter((r) => r.burst !== null).map((r) => r.period)).toEqual(['2014', '2015', '2016']);
    expect(rows[4]!.burst).toBeCloseTo(time.bursts[0]!.weight, 3);
    expect(rows[0]).toMatchObject({ level: 'topic', community: 0, label: 'bursting', trend: time.trend!.direction, p: time.trend!.p });
    const field = await namedQuery('community-timeline', ['community=1', 'level=field']);
    expect(field.map((r) => r.papers)).toEqual(planted.trends.fields.get(1)!.papersPerPeriod);
    expect(field.every((r) => r.burst === null && r.label === 'other field')).toBe(true);
  });
});

describe.sequential('papergraph query bursts / emerging / community-timeline with a community that does not exist', () => {
  const output = captureOutputPerTest();
  /** Runs the CLI against this run's server. */
  async function cli(argv: string[]) {
    const env = { NEO4J_URI: connection!.uri, NEO4J_USER: connection!.user, NEO4J_PASSWORD: connection!.password, NEO4J_DATABASE: connection!.database };
    const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
    Object.assign(process.env, env);
    try {
      return await runCli(argv);
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  }

  it.each([
    [['bursts', '--param', 'community=7'], 'no topic 7 in corpus "default" (ids 0 to 1)'],
    [['emerging', '--param', 'community=7'], 'no topic 7 in corpus "default" (ids 0 to 1)'],
    [['emerging', '--param', 'community=2', '--param', 'level=field'], 'no field 2 in corpus "default" (ids 0 to 1)'],
    [['community-timeline', '--param', 'community=7'], 'no topic 7 in corpus "default" (ids 0 to 1)'],
  ])('%j: one line naming the id, exit 1', async (args, message) => {
    expect(await cli(['query', ...args])).toBe(1);
    expect(output.stdout).toBe('');
    expect(output.stderr.trim().split('\n')).toEqual([expect.stringContaining(message)]);
  });

  it('still runs with an existing community, or -1 for all', async () => {
    expect(await cli(['query', 'emerging', '--param', 'community=1', '--format', 'json'])).toBe(0);
    const inTopic1 = planted.communities.communities.find((c) => c.id === 1)!.concepts.filter((k) => {
      // What the query's defaults keep: both directions, at least 10 papers.
      const trend = planted.trends.concepts.get(k)?.trend;
      return trend !== undefined && trend.direction !== 'steady' && trend.papers >= 10;
    });
    expect(inTopic1.length).toBeGreaterThan(0);
    expect((JSON.parse(output.stdout) as { key: string }[]).map((r) => r.key).sort()).toEqual([...inTopic1].sort());
    output.clear();
    expect(await cli(['query', 'bursts', '--param', 'community=-1', '--format', 'json'])).toBe(0);
    expect((JSON.parse(output.stdout) as unknown[]).length).toBeGreaterThan(0);
  });
});
