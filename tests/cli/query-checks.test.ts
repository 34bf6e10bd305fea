import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { checkNamedQueryParams } from '../../src/cli/query-checks.js';
import { loadNamedQuery, resolveQueryParams, splitParamPairs } from '../../src/store/index.js';
import { captureOutputPerTest } from '../helpers/output.js';

/** The named query's parameters as `papergraph query NAME --param …` resolves them. */
async function resolved(name: string, pairs: string[]) {
  const query = await loadNamedQuery(name);
  return { query, params: resolveQueryParams(query, splitParamPairs(pairs)) };
}

describe('named-query parameter checks', () => {
  it.each([
    [['direction=rising'], 'query emerging: --param direction=rising: expecting emerging, fading or both; did you mean emerging?'],
    [['direction=emergin'], 'query emerging: --param direction=emergin: expecting emerging, fading or both; did you mean emerging?'],
    [['direction=sideways'], 'query emerging: --param direction=sideways: expecting emerging, fading or both'],
  ])('emerging %j: says which words direction takes', async (pairs, message) => {
    const { query, params } = await resolved('emerging', pairs);
    expect(() => checkNamedQueryParams(query, params)).toThrow(message);
  });

  it.each([['direction=fading'], ['direction=Emerging'], ['direction=both'], []])('emerging %j: accepts the words the query compares, in any case', async (...pairs) => {
    const { query, params } = await resolved('emerging', pairs);
    expect(() => checkNamedQueryParams(query, params)).not.toThrow();
  });

  it.each([
    ['emerging', ['community=7'], ['community']],
    ['bursts', ['community=0'], ['community']],
    ['emerging', [], []],
    ['bursts', ['community=-1'], []],
    ['community-timeline', ['community=3'], ['community']],
  ])('%s %j: looks up the community ids that must exist (a negative one means all)', async (name, pairs, looked) => {
    const { query, params } = await resolved(name, pairs);
    const lookups = checkNamedQueryParams(query, params).filter((d) => d.type === 'community');
    expect(lookups.map((d) => d.name)).toEqual(looked);
  });
});

describe('papergraph query emerging --param direction=rising', () => {
  const output = captureOutputPerTest();

  it('exits 1 with one line, before connecting to Neo4j', async () => {
    // Nothing listens there: reaching the database would fail with another message.
    const saved = process.env.NEO4J_URI;
    process.env.NEO4J_URI = 'bolt://127.0.0.1:1';
    try {
      expect(await runCli(['query', 'emerging', '--param', 'direction=rising'])).toBe(1);
    } finally {
      if (saved === undefined) delete process.env.NEO4J_URI;
      else process.env.NEO4J_URI = saved;
    }
    expect(output.stdout).toBe('');
    expect(output.stderr.trim().split('\n')).toEqual([expect.stringContaining('--param direction=rising: expecting emerging, fading or both; did you mean emerging?')]);
  });
});
