import { describe, expect, it } from 'vitest';
import { isInt } from 'neo4j-driver';
import { UserError } from '../../src/errors.js';
import { formatResult } from '../../src/store/format.js';
import {
  describeQuery,
  isQueryName,
  listNamedQueries,
  loadNamedQuery,
  parseParams,
  queryParameters,
} from '../../src/store/query.js';
import { nearest, parseParamDeclarations, resolveQueryParams, splitParamPairs, stripClientCommands } from '../../src/store/query-params.js';
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
    const cypher = "// Finds things.\n// $x: string   the thing\n// $limit: integer = 5  rows\nMATCH (n {name: $x, note: '$notAParam'}) // $alsoNot\nRETURN n LIMIT $limit";
    expect(describeQuery(cypher)).toBe('Finds things.\n$x: string   the thing\n$limit: integer = 5  rows');
    expect(queryParameters(cypher)).toEqual(['x', 'limit']);
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
      'bursts',
      'emerging',
      'community-timeline',
      'similar-papers',
      'ambiguous-acronyms',
      'concept-papers',
      'fields',
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

  it('fills declared defaults and names the missing parameters with an example', async () => {
    const q = await loadNamedQuery('concept-neighbours');
    const params = resolveQueryParams(q, splitParamPairs(['concept=NTK']));
    expect((params.limit as { toNumber(): number }).toNumber()).toBe(20);
    expect(() => resolveQueryParams(q, {})).toThrow(/--param concept .*e\.g\. --param concept=NTK/);
  });

  it('splits the schema into idempotent statements', () => {
    const statements = parseCypherStatements(readFileSync(join(CYPHER_DIR, 'schema.cypher'), 'utf8'));
    expect(statements.length).toBeGreaterThanOrEqual(4);
    for (const s of statements) expect(s).toMatch(/^(CREATE (CONSTRAINT|INDEX) \w+ IF NOT EXISTS|DROP (INDEX|CONSTRAINT) \w+ IF EXISTS$)/);
    expect(statements.join('\n')).toMatch(/REQUIRE p\.id IS UNIQUE/);
    expect(statements.join('\n')).toMatch(/REQUIRE c\.key IS UNIQUE/);
    // Communities are numbered per corpus and level (topic 0 and field 0 are two nodes); the
    // constraint without the level goes, or a corpus could not hold both.
    expect(statements.join('\n')).toMatch(/REQUIRE \(m\.corpus, m\.level, m\.id\) IS UNIQUE/);
    expect(statements).toContain('DROP CONSTRAINT community_corpus_id IF EXISTS');
    expect(statements.join('\n')).not.toMatch(/REQUIRE \(m\.corpus, m\.id\) IS UNIQUE/);
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

  it('cuts long table cells and says so on its last line', () => {
    const out = formatResult({ columns: ['t'], rows: [{ t: 'x'.repeat(200) }, { t: 'short' }] }, 'table', { maxCellWidth: 10 });
    expect(out.split('\n')[2]).toBe(`${'x'.repeat(9)}…`);
    expect(out.split('\n')[4]).toBe('(2 rows; 1 cell cut to 10 characters (…); --format json or csv gives them whole)');
  });

  it('cuts nothing with maxCellWidth 0, and then has no note', () => {
    const out = formatResult({ columns: ['t'], rows: [{ t: 'x'.repeat(200) }] }, 'table', { maxCellWidth: 0 });
    expect(out.split('\n')[2]).toBe('x'.repeat(200));
    expect(out.split('\n')[3]).toBe('(1 row)');
  });
});

describe('declared parameters', () => {
  const file = 'q.cypher';
  const header = [
    '// Things near a concept.',
    '// $concept: concept      the concept',
    '// $community: community  a community id',
    '// $limit: integer = 20   how many',
    '// $w: float = 0.5        a weight',
    '// $level: level = topic  topic or field',
    ":param concept => 'NTK';",
    ':param community => 0;',
    ':param limit => 20;',
    ':param w => 0.5;',
    ":param level => 'topic';",
    'MATCH (c) RETURN c LIMIT $limit;',
  ].join('\n');
  const query = { name: 'q', declared: parseParamDeclarations(header, file) };

  it('reads name, type, default and the :param value of each', () => {
    expect(query.declared.map((d) => [d.name, d.type, d.default === undefined ? null : String(d.default), String(d.example)])).toEqual([
      ['concept', 'concept', null, 'NTK'],
      ['community', 'community', null, '0'],
      ['limit', 'integer', '20', '20'],
      ['w', 'float', '0.5', '0.5'],
      ['level', 'level', 'topic', 'topic'],
    ]);
    expect(stripClientCommands(header)).not.toMatch(/^:param/m);
  });

  it.each([
    [['lmit=3'], /no parameter "lmit"; did you mean limit\? \(valid: concept, community, limit, w, level\)/],
    [['concept=NTK', 'community=1', 'level=fields'], /--param level=fields: expecting topic or field/],
    [['concept=NTK', 'community=abc'], /--param community=abc: expecting an integer/],
    [['concept=NTK', 'community=1', 'limit=ten'], /--param limit=ten: expecting an integer/],
    [['concept=NTK', 'community=1', 'w=heavy'], /--param w=heavy: expecting a number/],
    [['community=1'], /missing --param concept \(e\.g\. --param concept=NTK\)/],
  ])('%j is a usage error: %s', (pairs, message) => {
    expect(() => resolveQueryParams(query, splitParamPairs(pairs))).toThrow(message);
    try {
      resolveQueryParams(query, splitParamPairs(pairs));
    } catch (error) {
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).code).toBe('E_USAGE');
    }
  });

  it('converts values to the declared types and keeps strings as given', () => {
    const params = resolveQueryParams(query, splitParamPairs(['concept=Gaussian process', 'community=3', 'w=2']));
    expect(params.concept).toBe('Gaussian process');
    expect(isInt(params.community)).toBe(true);
    expect(isInt(params.limit)).toBe(true);
    expect(params.w).toBe(2);
    // A level is a topic unless asked; given in any case, it is sent lower-cased.
    expect(params.level).toBe('topic');
    expect(resolveQueryParams(query, splitParamPairs(['concept=NTK', 'community=0', 'level=Field'])).level).toBe('field');
  });

  it('every named query taking a community id takes a level, topic by default', async () => {
    const queries = await Promise.all((await listNamedQueries()).map((q) => loadNamedQuery(q.name)));
    const withCommunity = queries.filter((q) => q.declared.some((d) => d.type === 'community'));
    expect(withCommunity.map((q) => q.name).sort()).toEqual(['bridge-concepts', 'community', 'community-timeline']);
    for (const q of withCommunity) {
      expect(q.declared.find((d) => d.name === 'level'), q.name).toMatchObject({ type: 'level', default: 'topic', example: 'topic' });
      expect(q.cypher, q.name).toMatch(/level: \$level/);
    }
  });

  it.each([
    ['// $x: number   a thing\n:param x => 1;', /q\.cypher:1: \$x: unknown type "number"/],
    ['// $x integer   a thing\n:param x => 1;', /q\.cypher:1: expecting "\$name: type/],
    ['// $x: integer = many   a thing\n:param x => 1;', /q\.cypher:1: --param x=many: expecting an integer/],
    ['// $x: integer = 2   a thing\n:param x => 3;', /q\.cypher:2: :param x => 3 differs from the declared default 2/],
    ['// $x: integer   a thing\nRETURN $x', /q\.cypher:2: \$x has no ":param x => …;" line/],
    ['// $x: integer = 1   a thing\n:param y => 1;', /q\.cypher:2: :param y is not declared/],
  ])('a malformed header is one line naming file and line: %j', (text, message) => {
    expect(() => parseParamDeclarations(text, file)).toThrow(message);
  });

  it('every named query declares each $parameter its statement uses, with a :param line for each', async () => {
    for (const q of await listNamedQueries()) {
      expect(q.declared.map((d) => d.name).sort(), q.name).toEqual([...q.parameters].sort());
      const text = readFileSync(q.file, 'utf8');
      for (const d of q.declared) expect(text, `${q.name}: $${d.name}`).toMatch(new RegExp(`^:param ${d.name} => .+;$`, 'm'));
      expect(q.cypher).not.toMatch(/^:/m);
    }
  });

  it('suggests the nearest name only when it is close', () => {
    expect(nearest('NTKK', ['GP', 'NTK', 'neural tangent kernel'])).toBe('NTK');
    expect(nearest('lmit', ['concept', 'limit'])).toBe('limit');
    expect(nearest('transformer', ['NTK', 'GP'])).toBeUndefined();
  });
});
