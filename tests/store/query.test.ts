import { describe, expect, it } from 'vitest';
import { isInt } from 'neo4j-driver';
import { UserError } from '../../src/errors.js';
import { formatResult } from '../../src/store/format.js';
import {
  describeQuery,
  isQueryName,
  listNamedQueries,
  loadNamedQuery,
  parameterDefaults,
  parseParams,
  queryParameters,
  resolveQueryParams,
} from '../../src/store/query.js';
import { parseCypherStatements } from '../../src/store/write.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CYPHER_DIR } from '../../src/paths.js';

describe('parseParams', () => {
  it.each([
    ['limit=10', 'int', 10],
    ['limit=-3', 'int', -3],
    ['w=0.5', 'float', 0.5],
    ['w=1e3', 'float', 1000],
    ['concept=NTK', 'string', 'NTK'],
    ['concept=Gaussian process', 'string', 'Gaussian process'],
    ['empty=', 'string', ''],
    ['eq=a=b', 'string', 'a=b'],
    ["c=x'}) DETACH DELETE n //", 'string', "x'}) DETACH DELETE n //"],
    ['big=123456789012345678901234567890', 'string', '123456789012345678901234567890'],
  ])('%s → %s', (pair, kind, expected) => {
    const [key] = pair.split('=');
    const value = parseParams([pair])[key!];
    if (kind === 'int') {
      expect(isInt(value)).toBe(true);
      expect((value as { toNumber(): number }).toNumber()).toBe(expected);
    } else {
      expect(typeof value).toBe(kind === 'float' ? 'number' : 'string');
      expect(value).toBe(expected);
    }
  });

  it.each([['noequals'], ['=value'], ['1abc=x'], ['a b=c']])('rejects %j', (pair) => {
    expect(() => parseParams([pair])).toThrow(UserError);
    try {
      parseParams([pair]);
    } catch (error) {
      expect((error as UserError).code).toBe('E_USAGE');
    }
  });

  it('lets a later pair override an earlier one', () => {
    expect(parseParams(['a=x', 'a=y'])).toEqual({ a: 'y' });
  });
});

describe('query files', () => {
  it('reads the opening comment as the description, and $names outside comments and strings', () => {
    const cypher = "// Finds things.\n// $x   the thing\n// $limit = 5  rows\nMATCH (n {name: $x, note: '$notAParam'}) // $alsoNot\nRETURN n LIMIT $limit";
    expect(describeQuery(cypher)).toBe('Finds things.\n$x   the thing\n$limit = 5  rows');
    expect(queryParameters(cypher)).toEqual(['x', 'limit']);
    const defaults = parameterDefaults(describeQuery(cypher));
    expect(Object.keys(defaults)).toEqual(['limit']);
    expect(isInt(defaults.limit)).toBe(true);
  });

  it('tells names from Cypher', () => {
    expect(isQueryName('concept-neighbours')).toBe(true);
    expect(isQueryName('MATCH (n) RETURN n')).toBe(false);
    expect(isQueryName('../etc/passwd')).toBe(false);
  });

  it('has every required named query, each opening with a description of it and its parameters', async () => {
    const queries = await listNamedQueries();
    const names = queries.map((q) => q.name);
    for (const required of [
      'concept-neighbours',
      'papers-linking',
      'concept-path',
      'community',
      'bridge-concepts',
      'rising-concepts',
      'similar-papers',
      'ambiguous-acronyms',
    ]) {
      expect(names).toContain(required);
    }
    for (const q of queries) {
      expect(q.description.length, q.name).toBeGreaterThan(30);
      // Every parameter is documented in the comment as `$name`.
      for (const p of q.parameters) expect(q.description, `${q.name}: $${p}`).toMatch(new RegExp(`\\$${p}\\b`));
    }
  });

  it('fails with E_NOT_FOUND naming the known queries for an unknown name', async () => {
    await expect(loadNamedQuery('no-such-query')).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
    await expect(loadNamedQuery('no-such-query')).rejects.toThrow(/concept-neighbours/);
  });

  it('fills declared defaults and names the missing parameters', async () => {
    const q = await loadNamedQuery('concept-neighbours');
    const params = resolveQueryParams(q, parseParams(['concept=NTK']));
    expect((params.limit as { toNumber(): number }).toNumber()).toBe(20);
    expect(() => resolveQueryParams(q, {})).toThrow(/--param concept=/);
  });

  it('splits the schema into idempotent statements', () => {
    const statements = parseCypherStatements(readFileSync(join(CYPHER_DIR, 'schema.cypher'), 'utf8'));
    expect(statements.length).toBeGreaterThanOrEqual(4);
    for (const s of statements) expect(s).toMatch(/^(CREATE (CONSTRAINT|INDEX) \w+ IF NOT EXISTS|DROP INDEX \w+ IF EXISTS$)/);
    expect(statements.join('\n')).toMatch(/REQUIRE p\.id IS UNIQUE/);
    expect(statements.join('\n')).toMatch(/REQUIRE c\.key IS UNIQUE/);
    expect(statements.join('\n')).toMatch(/REQUIRE m\.id IS UNIQUE/);
  });
});

describe('formatResult', () => {
  const result = {
    columns: ['name', 'n', 'list'],
    rows: [
      { name: 'a, "quoted"', n: 1, list: ['x', 'y'] },
      { name: 'line\nbreak', n: null, list: [] },
    ],
  };

  it('writes JSON rows', () => {
    expect(JSON.parse(formatResult(result, 'json'))).toEqual(result.rows);
  });

  it('quotes CSV fields per RFC 4180', () => {
    expect(formatResult(result, 'csv')).toBe(
      'name,n,list\r\n"a, ""quoted""",1,"[""x"",""y""]"\r\n"line\nbreak",,[]\r\n',
    );
  });

  it('aligns a table and counts rows', () => {
    const lines = formatResult(result, 'table').split('\n');
    expect(lines[0]).toBe('name        | n | list');
    expect(lines[2]).toBe('a, "quoted" | 1 | ["x","y"]');
    expect(lines[3]).toBe('line break  |   | []');
    expect(lines[4]).toBe('(2 rows)');
  });

  it('cuts long table cells', () => {
    const out = formatResult({ columns: ['t'], rows: [{ t: 'x'.repeat(200) }] }, 'table', { maxCellWidth: 10 });
    expect(out.split('\n')[2]).toBe(`${'x'.repeat(9)}…`);
  });
});
