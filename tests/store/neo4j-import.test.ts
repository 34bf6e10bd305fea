/**
 * `export --format neo4j-import`: the CSV files themselves (pure), then the real thing: the
 * bundled corpus exported, imported by neo4j-admin's own import tool (the `AdminTool` class from
 * the local server's Maven jars) into a fresh database folder, and a server started on it.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { UserError } from '../../src/errors.js';
import type { KnowledgeGraph } from '../../src/graph/build.js';
import type { CommunitiesFile, MentionsEdgeAttributes } from '../../src/model.js';
import { runBuild } from '../../src/pipeline.js';
import { RUN_DIR, startServer, stopServer, type RunningServer } from '../../src/store/server.js';
import {
  ARRAY_DELIMITER,
  countGraph,
  formatNeo4jImport,
  loadBuild,
  louvainInNeo4j,
  neo4jImportArguments,
  openStore,
  runBulkImport,
  type StoreContext,
} from './helpers.js';
import { createSmallCommunities, createSmallGraph } from './fixtures/small-graph.js';

/** Minimal RFC 4180 reader (quoted fields, doubled quotes, newlines inside quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\n') row.push(field), rows.push(row), (row = []), (field = '');
    else field += ch;
  }
  return rows;
}

/** The fixture's files by name; `communities: null` exports without a communities file. */
function files(graph = createSmallGraph(), communities: CommunitiesFile | null = createSmallCommunities()) {
  return new Map(formatNeo4jImport(graph, communities ?? undefined).map((f) => [f.name, f.content]));
}

describe('formatNeo4jImport (the CSV files)', () => {
  it.each([
    ['papers.csv', 'id:ID(Paper)', ['year:int', 'sources:string[]', 'community:int', 'field:int', 'corpora:string[]']],
    ['concepts.csv', 'key:ID(Concept)', ['aliases:string[]', 'df:int', 'termhood:float', 'pagerank:float']],
    ['aliases.csv', 'name:ID(Alias)', ['forms:string[]', 'senseKeys:string[]']],
    ['communities.csv', ':ID(Community)', ['level', 'id:int', 'topConcepts:string[]']],
    ['mentions.csv', ':START_ID(Paper)', [':END_ID(Concept)', ':TYPE', 'count:int', 'score:float', 'evidence:int[]']],
    ['cooccurs.csv', ':START_ID(Concept)', [':END_ID(Concept)', 'papers:int', 'weight:float']],
    ['alias-of.csv', ':START_ID(Alias)', [':END_ID(Concept)', 'papers:string[]']],
    ['concept-in-community.csv', ':START_ID(Concept)', [':END_ID(Community)']],
    ['paper-in-community.csv', ':START_ID(Paper)', [':END_ID(Community)']],
    ['part-of.csv', ':START_ID(Community)', [':END_ID(Community)', ':TYPE']],
  ])('%s starts with %s and declares %j', (name, first, columns) => {
    const header = files().get(name)!.split('\n')[0]!.split(',');
    expect(header[0]).toBe(first);
    for (const c of columns) expect(header).toContain(c);
  });

  it('has one row per paper, concept, mention, co-occurrence and membership of the graph', () => {
    const graph = createSmallGraph();
    const f = files(graph);
    const rows = (name: string) => parseCsv(f.get(name)!).slice(1);
    const nodes = (kind: string) => graph.filterNodes((_n, a) => a.kind === kind).length;
    const edges = (type: string) => (type === 'MENTIONS' ? graph.mentions.size : graph.filterEdges((_e, a) => a.type === type).length);
    expect(rows('papers.csv')).toHaveLength(nodes('paper'));
    expect(rows('concepts.csv')).toHaveLength(nodes('concept'));
    expect(rows('mentions.csv')).toHaveLength(edges('MENTIONS'));
    expect(rows('cooccurs.csv')).toHaveLength(edges('CO_OCCURS'));
    // Two topics and a field; every member in its topic and in its field.
    expect(rows('communities.csv')).toHaveLength(2 + 1);
    expect(rows('concept-in-community.csv')).toHaveLength(2 * 4);
    expect(rows('paper-in-community.csv')).toHaveLength(2 * 3);
    expect(rows('part-of.csv')).toHaveLength(2);
    // Every relationship end is an id its node file declares.
    const ids = (name: string) => new Set(rows(name).map((r) => r[0]));
    for (const name of ['concept-in-community.csv', 'paper-in-community.csv']) {
      for (const [, end] of rows(name)) expect(ids('communities.csv').has(end)).toBe(true);
    }
    for (const [start, end] of rows('mentions.csv')) {
      expect(ids('papers.csv').has(start)).toBe(true);
      expect(ids('concepts.csv').has(end)).toBe(true);
    }
    for (const [, end] of rows('alias-of.csv')) expect(ids('concepts.csv').has(end)).toBe(true);
    for (const [start] of rows('alias-of.csv')) expect(ids('aliases.csv').has(start)).toBe(true);
  });

  it('writes both levels: topic and field ids overlap, the ID column tells them apart, each topic PART_OF its field', () => {
    const f = files();
    const communities = parseCsv(f.get('communities.csv')!);
    const header = communities[0]!;
    const at = (column: string) => header.indexOf(column);
    const nodes = communities.slice(1).map((r) => [r[0], r[at('level')], r[at('id:int')], r[at('label')]]);
    expect(nodes).toEqual([
      ['topic 0', 'topic', '0', 'neural tangent kernel · Gaussian process · infinite-width limit'],
      ['topic 1', 'topic', '1', 'genetic programming'],
      ['field 0', 'field', '0', 'kernel methods'],
    ]);
    expect(new Set(nodes.map((n) => n[0])).size).toBe(nodes.length);
    expect(parseCsv(f.get('part-of.csv')!).slice(1)).toEqual([
      ['topic 0', 'field 0', 'PART_OF'],
      ['topic 1', 'field 0', 'PART_OF'],
    ]);
    const gp = parseCsv(f.get('concept-in-community.csv')!).filter((r) => r[0] === 'genetic programming').map((r) => r[1]);
    expect(gp.sort()).toEqual(['field 0', 'topic 1']);
    // neo4j-admin is told about the PART_OF file.
    expect(neo4jImportArguments()).toContain('--relationships=part-of.csv');
  });

  it('quotes text (inner quotes doubled) and reads back exactly, title with ; and "quotes" included', () => {
    const paper = parseCsv(files().get('papers.csv')!).find((r) => r[0] === 'title:0123456789abcdef')!;
    expect(paper[2]).toBe('Genetic programming (GP) for symbolic regression; it\'s "fast"');
    expect(files().get('papers.csv')).toContain('it\'s ""fast""');
  });

  it('joins arrays with U+001F and removes U+001F from the text, so no item splits', () => {
    const graph = createSmallGraph();
    const concept = graph.findNode((_n, a) => a.kind === 'concept')!;
    graph.setNodeAttribute(concept, 'aliases' as never, [`two${ARRAY_DELIMITER}parts, "quoted"\nand a newline`, 'plain'] as never);
    const rows = parseCsv(files(graph).get('concepts.csv')!);
    const header = rows[0]!;
    const row = rows.find((r) => r[0] === graph.getNodeAttribute(concept, 'key' as never))!;
    expect(row[header.indexOf('aliases:string[]')]!.split(ARRAY_DELIMITER)).toEqual(['two parts, "quoted"\nand a newline', 'plain']);
  });

  it('writes MENTIONS evidence as integer offsets, five per occurrence, title and abstract', () => {
    const rows = parseCsv(files().get('mentions.csv')!);
    const header = rows[0]!;
    const row = rows.find((r) => r[0] === 'doi:10.1000/wide' && r[1] === 'gaussian process')!;
    const evidence = row[header.indexOf('evidence:int[]')]!.split(ARRAY_DELIMITER).map(Number);
    // "Wide networks as Gaussian processes" (title, 0), then the abstract's sentence (1).
    expect(evidence.slice(0, 5)).toEqual([0, 0, 35, 17, 35]);
    expect(evidence.slice(5, 7)).toEqual([1, 0]);
    expect(evidence).toHaveLength(10);
    expect(header).not.toContain('evidence:string[]');
  });

  it('leaves a missing value empty (the property is not set) and writes no communities without a file', () => {
    const f = files(createSmallGraph(), null);
    const papers = parseCsv(f.get('papers.csv')!);
    const urlColumn = papers[0]!.indexOf('url');
    expect(papers.slice(1).some((r) => r[urlColumn] === '')).toBe(true);
    expect(parseCsv(f.get('communities.csv')!)).toHaveLength(1);
    expect(parseCsv(f.get('concept-in-community.csv')!)).toHaveLength(1);
  });

  it('is deterministic, byte for byte', () => {
    expect(formatNeo4jImport(createSmallGraph(), createSmallCommunities())).toEqual(
      formatNeo4jImport(createSmallGraph(), createSmallCommunities()),
    );
  });

  it('import.sh runs neo4j-admin database import full on every file, with the array delimiter', () => {
    const script = files().get('import.sh')!;
    expect(script).toContain('"$ADMIN" database import full');
    for (const name of files().keys()) if (name.endsWith('.csv')) expect(script).toContain(`=${name}`);
    expect(script).toContain('--array-delimiter=U+001F');
    expect(neo4jImportArguments('papers', '/x').at(-1)).toBe('papers');
    expect(neo4jImportArguments('papers', '/x')).toContain('--nodes=/x/papers.csv');
  });
});

describe('papergraph export --format neo4j-import (errors)', () => {
  it('a folder without graph.json is one line naming the file, exit 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pg-import-empty-'));
    let stderr = '';
    const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
    try {
      const code = await runCli(['export', dir, '--format', 'neo4j-import']);
      expect(code).toBe(1);
      expect(stderr).toContain(join(dir, 'graph.json'));
      expect(stderr.trim().split('\n')).toHaveLength(1);
    } finally {
      err.mockRestore();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the bundled corpus through neo4j-admin import', () => {
  let dir: string;
  let home: string;
  let graph: KnowledgeGraph;
  let communities: CommunitiesFile;
  let server: RunningServer | undefined;
  let ctx: StoreContext;
  const password = `pg-import-${process.pid}`;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pg-import-'));
    await runBuild({ out: join(dir, 'build'), seed: 42, workers: 1 });
    ({ graph, communities } = (await loadBuild(join(dir, 'build'))) as { graph: KnowledgeGraph; communities: CommunitiesFile });
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await runCli(['export', join(dir, 'build'), '--format', 'neo4j-import', '--out', join(dir, 'import')])).toBe(0);
    } finally {
      err.mockRestore();
    }
    home = join(RUN_DIR, `tmp-${process.pid}-import-${Date.now().toString(36)}`);
    runBulkImport({ home, args: neo4jImportArguments('neo4j', join(dir, 'import')), heap: '512m' });
    server = await startServer({ home, password, port: 0, heap: '512m', pageCache: '64m' });
    ctx = await openStore({ uri: server.uri, user: 'neo4j', password, database: 'neo4j' });
  }, 600_000);

  afterAll(async () => {
    await ctx?.driver.close();
    if (server) await stopServer(server.pid);
    if (home) rmSync(home, { recursive: true, force: true });
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('wrote the import files', () => {
    expect(readdirSync(join(dir, 'import')).sort()).toEqual(
      ['README.md', 'alias-of.csv', 'aliases.csv', 'broader.csv', 'communities.csv', 'concept-in-community.csv', 'concepts.csv', 'cooccurs.csv', 'import.sh', 'mentions.csv', 'paper-in-community.csv', 'papers.csv', 'part-of.csv'],
    );
  });

  it('holds as many nodes and relationships of each kind as the graph and its communities', async () => {
    const counts = await countGraph(ctx);
    const nodes = (kind: string) => graph.filterNodes((_n, a) => a.kind === kind).length;
    const edges = (type: string) => (type === 'MENTIONS' ? graph.mentions.size : graph.filterEdges((_e, a) => a.type === type).length);
    expect(counts.papers).toBe(nodes('paper'));
    expect(counts.concepts).toBe(nodes('concept'));
    expect(counts.mentions).toBe(edges('MENTIONS'));
    expect(counts.cooccurs).toBe(edges('CO_OCCURS'));
    expect(counts.communities).toBe(communities.communities.length + communities.fields!.length);
    // Each member in its topic and in that topic's field.
    expect(counts.inCommunity).toBe(2 * communities.communities.reduce((n, c) => n + c.concepts.length + c.papers.length, 0));
    expect(counts.partOf).toBe(communities.communities.length);
    expect(counts.aliases).toBeGreaterThanOrEqual(nodes('concept'));
    expect(counts.aliasOf).toBeGreaterThanOrEqual(counts.aliases);
  });

  it("round-trips a mention's evidence offsets (Cypher reads the sentences back), and a paper's year", async () => {
    // The mention with the most evidence sentences, preferring text with commas and quotes.
    let best: { paper: string; concept: string; attributes: MentionsEdgeAttributes } | undefined;
    graph.mentions.forEachRow((row) => {
      const { paper, concept, ...attributes } = graph.mentions.mention(row);
      if (!best || attributes.evidence.length > best.attributes.evidence.length) best = { paper, concept, attributes: { type: 'MENTIONS', ...attributes } };
    });
    expect(best!.attributes.evidence.length).toBeGreaterThan(1);
    const session = ctx.driver.session({ database: 'neo4j' });
    try {
      const r = await session.run(
        `MATCH (p:Paper {id: $paper})-[m:MENTIONS]->(c:Concept {key: $concept})
         RETURN [i IN range(0, size(m.evidence) - 1, 5) |
                 substring(CASE m.evidence[i] WHEN 0 THEN p.title ELSE p.abstract END, m.evidence[i + 1], m.evidence[i + 2] - m.evidence[i + 1])] AS sentences,
                m.count AS count`,
        { paper: best!.paper, concept: best!.concept },
      );
      expect(r.records).toHaveLength(1);
      expect(r.records[0]!.get('sentences')).toEqual(best!.attributes.evidence.map((e) => e.sentence));
      expect(Number(r.records[0]!.get('count'))).toBe(best!.attributes.count);

      const paper = graph.findNode((_n, a) => a.kind === 'paper' && typeof a.year === 'number')!;
      const attributes = graph.getNodeAttributes(paper) as { id: string; year: number; title: string };
      const p = await session.run('MATCH (p:Paper {id: $id}) RETURN p.year AS year, p.title AS title', { id: attributes.id });
      expect(p.records[0]!.get('year').toNumber()).toBe(attributes.year);
      expect(p.records[0]!.get('title')).toBe(attributes.title);

      const c = await session.run("MATCH (c:Concept)-[:IN_COMMUNITY]->(m:Community {level: 'topic'}) WHERE c.key = $key RETURN m.id AS id, c.community AS community", {
        key: communities.communities[0]!.concepts[0],
      });
      expect(c.records[0]!.get('id').toNumber()).toBe(0);
      expect(c.records[0]!.get('community').toNumber()).toBe(0);
    } finally {
      await session.close();
    }
  });

  it('holds the bursts and trends of concepts.jsonl and communities.json, typed', async () => {
    const lines = readFileSync(join(dir, 'build', 'concepts.jsonl'), 'utf8').trim().split('\n');
    const timed = lines.map((l) => JSON.parse(l) as { key: string; bursts?: { start: string; end: string; weight: number }[]; trend?: { direction: string; p: number; papers: number } });
    // The bundled corpus (91 papers over four periods) has trends but no bursts: those checks are the empty ones.
    expect(timed.filter((c) => c.trend).length).toBeGreaterThan(0);
    const stored = await ctx.driver.executeQuery(
      'MATCH (c:Concept) WHERE c.key IN $keys RETURN c.key AS key, c.burstStarts AS starts, c.burstEnds AS ends, c.burstWeights AS weights, c.trend AS trend, c.trendP AS p, c.trendPapers AS papers',
      { keys: timed.map((c) => c.key) },
      { database: 'neo4j' },
    );
    const byKey = new Map(stored.records.map((r) => [r.get('key') as string, r]));
    for (const c of timed) {
      const r = byKey.get(c.key)!;
      const bursts = c.bursts ?? [];
      expect(r.get('starts') ?? [], c.key).toEqual(bursts.map((b) => b.start));
      expect(r.get('ends') ?? [], c.key).toEqual(bursts.map((b) => b.end));
      expect(r.get('weights') ?? [], c.key).toEqual(bursts.map((b) => b.weight));
      expect(r.get('trend'), c.key).toBe(c.trend?.direction ?? null);
      expect(r.get('p'), c.key).toBe(c.trend?.p ?? null);
      expect(r.get('papers')?.toNumber() ?? null, c.key).toBe(c.trend?.papers ?? null);
    }
    const topics = await ctx.driver.executeQuery(
      "MATCH (m:Community {level: 'topic'}) RETURN m.id AS id, m.periods AS periods, [n IN m.papersPerPeriod | toString(valueType(n))][0] AS type, m.papersPerPeriod AS papers ORDER BY id",
      {},
      { database: 'neo4j' },
    );
    for (const r of topics.records) {
      const topic = communities.communities.find((c) => c.id === r.get('id').toNumber())!;
      expect(r.get('periods')).toEqual(communities.timeline!.periods);
      expect((r.get('papers') as { toNumber(): number }[]).map((n) => n.toNumber())).toEqual(topic.time!.papersPerPeriod);
      expect(r.get('type')).toBe('INTEGER NOT NULL');
    }
  });

  it('this server has no GDS plugin, and louvainInNeo4j says so in one line', async () => {
    const error = await louvainInNeo4j(ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toContain(`Neo4j at ${server!.uri} has no Graph Data Science plugin (gds.louvain)`);
    expect((error as Error).message).not.toContain('\n');
  });

  it('import.sh names the same files as the arguments the test ran', () => {
    const script = readFileSync(join(dir, 'import', 'import.sh'), 'utf8');
    for (const arg of neo4jImportArguments('neo4j')) expect(script).toContain(arg);
  });
});
