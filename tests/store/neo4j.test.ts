/**
 * Store tests against a real Neo4j server (the global setup starts one, or NEO4J_URI names
 * one). Every test in this file shares the one `neo4j` database, so the file runs sequentially
 * and clears the database where a test needs a known state. Nothing here mocks the driver.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { isInt } from 'neo4j-driver';
import { runCli } from '../../src/cli/main.js';
import { UserError } from '../../src/errors.js';
import type { CommunitiesFile, ConceptNodeAttributes, MentionsEdgeAttributes } from '../../src/model.js';
import { PACKAGE_ROOT } from '../../src/paths.js';
import {
  clearDatabase,
  countGraph,
  findFreePortForTests,
  graphToRows,
  loadBuild,
  listNamedQueries,
  loadNamedQuery,
  openStore,
  removeCorpus,
  resolveQueryParams,
  splitParamPairs,
  parseCypherStatements,
  runQuery,
  STATEMENTS,
  writeGraph,
  type GraphCounts,
  type StoreContext,
  type KnowledgeGraph,
} from './helpers.js';
import { createSmallCommunities, createSmallGraph, graphCounts } from './fixtures/small-graph.js';

const connection = inject('neo4j');
let ctx: StoreContext;

function settings() {
  if (!connection) throw new Error('no Neo4j for this run: the global setup (tests/setup/neo4j.ts) did not start one');
  return connection;
}

beforeAll(async () => {
  ctx = await openStore(settings());
  await clearDatabase(ctx);
});

afterAll(async () => {
  await ctx?.driver.close();
});

/** Environment for a spawned CLI or an in-process runCli: this run's server. */
function neo4jEnv(overrides: Record<string, string> = {}): Record<string, string> {
  const c = settings();
  return { NEO4J_URI: c.uri, NEO4J_USER: c.user, NEO4J_PASSWORD: c.password, NEO4J_DATABASE: c.database, ...overrides };
}

/** Runs the CLI in-process with `env` and captures stdout/stderr. */
async function cli(argv: string[], env: Record<string, string> = neo4jEnv()) {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    const code = await runCli(argv);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

async function namedQuery(name: string, pairs: string[]) {
  const q = await loadNamedQuery(name);
  return runQuery(ctx, q.cypher, resolveQueryParams(q, splitParamPairs(pairs)));
}

const DIST_CLI = join(PACKAGE_ROOT, 'dist/cli/main.js');

/** The compiled CLI (what `papergraph` runs); compiled here when a run skipped `npm test`'s build. */
function ensureCompiledCli(): void {
  if (existsSync(DIST_CLI)) return;
  const run = spawnSync('npx', ['tsc', '-p', '.'], { cwd: PACKAGE_ROOT, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`tsc failed: ${run.stdout}${run.stderr}`);
}

function spawnBuild(out: string, env: Record<string, string>) {
  return spawn(process.execPath, [DIST_CLI, 'build', '--out', out, '--neo4j'], {
    cwd: PACKAGE_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** What a write of a communities file holds: topics and fields, every member at both levels, a PART_OF per topic. */
function communityCounts(file: CommunitiesFile) {
  const members = file.communities.reduce((n, c) => n + c.concepts.length + c.papers.length, 0);
  return { communities: file.communities.length + file.fields!.length, inCommunity: 2 * members, partOf: file.communities.length };
}

function waitForExit(child: ReturnType<typeof spawn>): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += String(d)));
  child.stdout?.resume();
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, stderr })));
}

describe.sequential('batched writer on a hand-made graph', () => {
  it('writes counts equal to the graph, with typed properties, aliases and communities', async () => {
    await clearDatabase(ctx);
    const graph = createSmallGraph();
    const summary = await writeGraph(ctx, graph, createSmallCommunities());
    expect(summary.papers).toBe(3);
    const counts = await countGraph(ctx);
    // Two topics and their field; every concept and paper in its topic and in its field.
    expect(counts).toMatchObject({ ...graphCounts(graph), communities: 2 + 1, inCommunity: 2 * (4 + 3), partOf: 2 });

    const paper = await runQuery(ctx, 'MATCH (p:Paper {id: $id}) RETURN p.year AS year, p.sources AS sources, p.corpora AS corpora', {
      id: 'doi:10.1000/wide',
    });
    expect(paper.rows).toEqual([{ year: 2019, sources: ['data/b.txt:1', 'data/c.bib:12'], corpora: ['default'] }]);
    const raw = await ctx.driver.executeQuery('MATCH (p:Paper {id: $id}) RETURN p.year AS year', { id: 'doi:10.1000/wide' }, { database: ctx.database });
    expect(isInt(raw.records[0]!.get('year'))).toBe(true);

    // Evidence is offsets into the paper's fields: Cypher's substring() reads the mention and its
    // sentence back, past the astral character before it.
    const mention = await runQuery(
      ctx,
      `MATCH (p:Paper {id: $id})-[r:MENTIONS]->(:Concept {key: $key})
       RETURN r.count AS count, r.evidence AS evidence, substring(p.abstract, r.evidence[3], r.evidence[4] - r.evidence[3]) AS mention,
              substring(p.abstract, r.evidence[1], r.evidence[2] - r.evidence[1]) AS sentence`,
      { id: 'doi:10.1000/wide', key: 'neural tangent kernel' },
    );
    expect(mention.rows[0]).toMatchObject({ count: 1, mention: 'NTK', sentence: 'A Gaussian process (GP) view of wide networks (width 𝑛 → ∞) and the NTK.' });
    expect(Object.keys(mention.rows[0]!)).toHaveLength(4);
    const props = await runQuery(ctx, 'MATCH ()-[r:MENTIONS]->() UNWIND keys(r) AS key RETURN DISTINCT key ORDER BY key');
    expect(props.rows.map((r) => r.key)).toEqual(['count', 'evidence', 'score']);
    const title = await runQuery(
      ctx,
      `MATCH (p:Paper {id: $id})-[r:MENTIONS]->(:Concept {key: $key})
       RETURN r.evidence[0] AS field, substring(p.title, r.evidence[3], r.evidence[4] - r.evidence[3]) AS mention`,
      { id: 'doi:10.1000/wide', key: 'gaussian process' },
    );
    expect(title.rows).toEqual([{ field: 0, mention: 'Gaussian processes' }]);

    const community = await runQuery(ctx, 'MATCH (m:Community {id: 0}) RETURN m.level AS level, m.size AS size, m.papers AS papers, m.topConcepts AS top ORDER BY level');
    expect(community.rows).toEqual([
      { level: 'field', size: 4, papers: 3, top: ['neural tangent kernel', 'genetic programming'] },
      { level: 'topic', size: 3, papers: 2, top: ['neural tangent kernel', 'gaussian process'] },
    ]);
    const partOf = await runQuery(ctx, 'MATCH (t:Community)-[:PART_OF]->(f:Community) RETURN t.level AS from, t.id AS topic, f.level AS to, f.id AS field ORDER BY topic');
    expect(partOf.rows).toEqual([
      { from: 'topic', topic: 0, to: 'field', field: 0 },
      { from: 'topic', topic: 1, to: 'field', field: 0 },
    ]);
    const gp = await runQuery(ctx, "MATCH (c:Concept {key: 'genetic programming'}) RETURN c.community AS community, c.field AS field");
    expect(gp.rows).toEqual([{ community: 1, field: 0 }]);
  });

  it('applies the schema: uniqueness constraints on Paper.id, Concept.key, (Community.corpus, Community.level, Community.id)', async () => {
    const result = await runQuery(ctx, 'SHOW CONSTRAINTS YIELD type, labelsOrTypes, properties RETURN type, labelsOrTypes[0] AS label, properties');
    const unique = result.rows
      .filter((r) => r.type === 'UNIQUENESS')
      .map((r) => `${String(r.label)}.${(r.properties as string[]).join('+')}`);
    expect(unique).toEqual(expect.arrayContaining(['Paper.id', 'Concept.key', 'Community.corpus+level+id']));
    expect(unique).not.toContain('Community.id');
    expect(unique).not.toContain('Community.corpus+id');
  });

  it('stores aliases and community links exactly as the rows give them on a first write', async () => {
    // A first write creates every paper's IN_COMMUNITY with the paper (no MERGE, no lookup of
    // the paper); the database must hold exactly what the rows describe ("gp" names two concepts).
    await clearDatabase(ctx);
    const graph = createSmallGraph();
    const communities = createSmallCommunities();
    const summary = await writeGraph(ctx, graph, communities);
    const rows = graphToRows(graph, communities);
    const sorted = (list: readonly string[]) => [...list].sort();

    const aliasOf = await runQuery(
      ctx,
      'MATCH (a:Alias)-[r:ALIAS_OF]->(c:Concept) RETURN a.name AS name, c.key AS concept, r.forms AS forms, r.long AS long, r.papers AS papers',
    );
    const stored = aliasOf.rows.map((r) => `${String(r.name)}|${String(r.concept)}|${JSON.stringify(r.forms)}|${String(r.long)}|${JSON.stringify(r.papers)}`);
    const expected = rows.aliases.map((a) => `${a.name}|${a.concept}|${JSON.stringify(a.forms)}|${String(a.long)}|${a.papers.length ? JSON.stringify(a.papers) : 'null'}`);
    expect(sorted(stored)).toEqual(sorted(expected));
    expect(rows.aliases.filter((a) => a.name === 'gp')).toHaveLength(2);

    const nodes = await runQuery(ctx, 'MATCH (a:Alias) RETURN a.name AS name, a.forms AS forms');
    const formsOf = new Map<string, Set<string>>();
    for (const a of rows.aliases) formsOf.set(a.name, new Set([...(formsOf.get(a.name) ?? []), ...a.forms]));
    expect(nodes.rows.map((r) => `${String(r.name)}: ${sorted(r.forms as string[]).join(', ')}`).sort()).toEqual(
      [...formsOf].map(([name, forms]) => `${name}: ${sorted([...forms]).join(', ')}`).sort(),
    );
    expect(nodes.rows.every((r) => new Set(r.forms as string[]).size === (r.forms as string[]).length)).toBe(true);

    const members = await runQuery(ctx, 'MATCH (x)-[:IN_COMMUNITY]->(m:Community) RETURN coalesce(x.id, x.key) AS member, m.level AS level, m.id AS community');
    expect(sorted(members.rows.map((r) => `${String(r.member)} -> ${String(r.level)} ${String(r.community)}`))).toEqual(
      sorted([...rows.paperMembers, ...rows.conceptMembers].map((m) => `${m.member} -> ${m.level} ${m.community}`)),
    );
    const counts = await countGraph(ctx);
    expect(summary.relationships).toBe(counts.mentions + counts.cooccurs + members.rows.length + counts.partOf + aliasOf.rows.length);
  });

  it('changes no counts when the same graph is written again', async () => {
    const before = await countGraph(ctx);
    await writeGraph(ctx, createSmallGraph(), createSmallCommunities());
    expect(await countGraph(ctx)).toEqual(before);
  });

  it('reports each step in write order, one row per relationship or node, batches built one row at a time', async () => {
    const before = await countGraph(ctx);
    const steps: { name: string; rows: number; batches: number; milliseconds: number }[] = [];
    const summary = await writeGraph(ctx, createSmallGraph(), createSmallCommunities(), {
      batchSize: 1,
      concurrency: 3,
      onStep: (step) => steps.push(step),
    });
    expect(await countGraph(ctx)).toEqual(before);
    const names = steps.map((s) => s.name);
    expect(names[0]).toBe('prepare');
    // Nodes before the relationships that MATCH them.
    expect(names.indexOf('concepts')).toBeLessThan(names.indexOf('mentions'));
    expect(names.indexOf('papers')).toBeLessThan(names.indexOf('paperMembersNew'));
    const rowsOf = (name: string) => steps.find((s) => s.name === name)?.rows;
    // Every paper is stored already: none is new, their MENTIONS are replaced.
    expect(rowsOf('papersNew')).toBe(0);
    expect(rowsOf('papers')).toBe(before.papers);
    expect(rowsOf('mentions')).toBe(before.mentions);
    expect(rowsOf('paperMembersNew')).toBe(2 * 3);
    expect(steps.reduce((n, s) => n + s.batches, 0)).toBe(summary.batches);
    expect(steps.every((s) => s.milliseconds >= 0)).toBe(true);
  });

  it('adds what new inputs bring and keeps the rest', async () => {
    const before = await countGraph(ctx);
    await writeGraph(ctx, createSmallGraph(true), createSmallCommunities(true));
    const after = await countGraph(ctx);
    expect(after.papers).toBe(before.papers + 1);
    expect(after.concepts).toBe(before.concepts + 1);
    expect(after.mentions).toBe(before.mentions + 2);
    expect(after.cooccurs).toBe(before.cooccurs + 1);
    expect(after.communities).toBe(2 + 1);
    // The new paper and concept, each in its topic and its field.
    expect(after.inCommunity).toBe(before.inCommunity + 2 * 2);
    expect(after.partOf).toBe(2);
  });

  it('finds a concept by any alias, case-insensitive, and lists ambiguous acronyms', async () => {
    for (const name of ['NTK', 'ntk', ' Neural Tangent Kernels ', 'neural tangent kernel']) {
      const result = await namedQuery('concept-neighbours', [`concept=${name}`]);
      expect(result.rows.map((r) => r.neighbourKey), name).toEqual(['gaussian process', 'infinite width limit', 'kernel regression']);
    }
    const ambiguous = await namedQuery('ambiguous-acronyms', []);
    expect(ambiguous.rows).toHaveLength(1);
    expect(ambiguous.rows[0]).toMatchObject({ acronym: 'GP', meanings: 2 });
    expect((ambiguous.rows[0]!.keys as string[]).sort()).toEqual(['gaussian process', 'genetic programming']);
  });

  it('--replace semantics: removing a corpus deletes what only it wrote and untags what others share', async () => {
    await clearDatabase(ctx);
    await writeGraph(ctx, createSmallGraph(), createSmallCommunities(), { corpus: 'first' });
    // The second corpus shares every node of the first and adds one paper and one concept.
    await writeGraph(ctx, createSmallGraph(true), createSmallCommunities(true), { corpus: 'second' });
    const removed = await removeCorpus(ctx, 'second');
    expect(removed.deletedNodes).toBeGreaterThanOrEqual(2);
    const counts = await countGraph(ctx);
    expect(counts).toMatchObject(graphCounts(createSmallGraph()));
    const tags = await runQuery(ctx, 'MATCH (n) WHERE n:Paper OR n:Concept RETURN DISTINCT n.corpora AS corpora');
    expect(tags.rows).toEqual([{ corpora: ['first'] }]);

    // Replacing a corpus with a smaller graph leaves exactly that graph.
    await writeGraph(ctx, createSmallGraph(true), createSmallCommunities(true), { corpus: 'first' });
    expect((await countGraph(ctx)).papers).toBe(4);
    await writeGraph(ctx, createSmallGraph(), createSmallCommunities(), { corpus: 'first', replace: true });
    expect(await countGraph(ctx)).toMatchObject({ ...graphCounts(createSmallGraph()), communities: 3, inCommunity: 14, partOf: 2 });
  });
});

describe.sequential('the bundled corpus in Neo4j', () => {
  let dir: string;
  let graph: KnowledgeGraph;
  let communities: Awaited<ReturnType<typeof loadBuild>>['communities'];
  let clean: GraphCounts;

  beforeAll(async () => {
    ensureCompiledCli();
    dir = mkdtempSync(join(tmpdir(), 'pg-neo4j-'));
    await clearDatabase(ctx);
    const result = await waitForExit(spawnBuild(join(dir, 'clean'), neo4jEnv()));
    if (result.code !== 0) throw new Error(`papergraph build --neo4j failed (${result.code}): ${result.stderr}`);
    ({ graph, communities } = await loadBuild(join(dir, 'clean')));
    clean = await countGraph(ctx);
  }, 600_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('`build --neo4j` writes counts equal to the graph and its communities, topics and fields', () => {
    expect(clean).toMatchObject(graphCounts(graph));
    expect(communities!.fields!.length).toBeGreaterThan(0);
    expect(clean).toMatchObject(communityCounts(communities!));
  });

  it('puts every topic PART_OF exactly one field, the one communities.json names', async () => {
    const result = await runQuery(
      ctx,
      `MATCH (t:Community {corpus: 'default', level: 'topic'})
       OPTIONAL MATCH (t)-[:PART_OF]->(f:Community {corpus: 'default', level: 'field'})
       RETURN t.id AS topic, collect(f.id) AS fields ORDER BY topic`,
    );
    expect(result.rows).toEqual(communities!.communities.map((c) => ({ topic: c.id, fields: [c.field] })).sort((a, b) => a.topic - b.topic));
    const fields = await runQuery(ctx, "MATCH (f:Community {corpus: 'default', level: 'field'}) RETURN f.id AS id, f.label AS label, f.papers AS papers ORDER BY id");
    expect(fields.rows).toEqual(communities!.fields!.map((f) => ({ id: f.id, label: f.label, papers: f.papers })));
  });

  it('written twice, the counts are unchanged', async () => {
    await writeGraph(ctx, graph, communities);
    expect(await countGraph(ctx)).toEqual(clean);
  }, 300_000);

  it('papers-linking: NTK and Gaussian process meet in the Neural Tangent Kernel paper', async () => {
    const result = await namedQuery('papers-linking', ['a=NTK', 'b=Gaussian process']);
    const titles = result.rows.map((r) => r.title);
    expect(titles).toContain('Neural Tangent Kernel: Convergence and Generalization in Neural Networks');
    // Every row is a paper that mentions both concepts in graph.json.
    const mentions = (paperId: string, key: string) => graph.mentions.rowsOfPaper(paperId).some((r) => graph.mentions.conceptKey(r) === key);
    for (const row of result.rows) {
      expect(mentions(row.paper as string, 'neural tangent kernel') && mentions(row.paper as string, 'gaussian process')).toBe(true);
    }
    // The evidence columns are the first evidence sentence of each MENTIONS in graph.json (the
    // store keeps offsets; the query cuts the sentence out of the paper's title or abstract).
    const sentence = (paperId: string, key: string) =>
      graph.mentions.evidence(graph.mentions.rowsOfPaper(paperId).find((r) => graph.mentions.conceptKey(r) === key)!)[0]!.sentence;
    expect(result.rows.length).toBeGreaterThan(0);
    for (const row of result.rows) {
      expect(row.evidenceA).toBe(sentence(row.paper as string, 'neural tangent kernel'));
      expect(row.evidenceB).toBe(sentence(row.paper as string, 'gaussian process'));
    }
  });

  it("concept-neighbours: NTK's CO_OCCURS neighbours with most shared papers, as graph.json has them", async () => {
    const result = await namedQuery('concept-neighbours', ['concept=NTK', 'limit=5']);
    const expected = graph
      .mapEdges((_e, a, s, t) => ({ a, s, t }))
      .filter(({ a, s, t }) => a.type === 'CO_OCCURS' && (s === 'concept:neural tangent kernel' || t === 'concept:neural tangent kernel'))
      .map(({ a }) => a as { weight: number; papers: number })
      .sort((x, y) => y.papers - x.papers || y.weight - x.weight)
      .slice(0, 5);
    expect(result.rows.map((r) => [r.papers, r.weight])).toEqual(expected.map((e) => [e.papers, e.weight]));

    const label = (graph.getNodeAttributes('concept:neural tangent kernel') as ConceptNodeAttributes).label;
    expect(new Set(result.rows.map((r) => r.concept))).toEqual(new Set([label]));
  });

  it('concept-papers: a concept\'s papers rolled up through BROADER, as graph.json has them', async () => {
    const attrs = graph.filterNodes((_n, a) => a.kind === 'concept').map((n) => graph.getNodeAttributes(n) as ConceptNodeAttributes);
    const broader = new Map(attrs.filter((a) => a.broader !== undefined).map((a) => [a.key, a.broader!]));
    expect(broader.get('modern hopfield network')).toBe('hopfield network');
    const stored = await runQuery(ctx, 'MATCH (:Concept)-[r:BROADER]->(:Concept) RETURN count(r) AS n', {});
    expect(Number(stored.rows[0]!.n)).toBe(broader.size);
    const reaches = (key: string | undefined): boolean => {
      for (let i = 0; key !== undefined && i < 20; key = broader.get(key), i++) if (key === 'hopfield network') return true;
      return false;
    };
    const expected = new Set<string>();
    graph.mentions.forEachRow((row) => {
      if (reaches(graph.mentions.conceptKey(row))) expected.add(graph.mentions.paperId(row));
    });
    const result = await namedQuery('concept-papers', ['concept=Hopfield network', 'limit=1000']);
    expect(new Set(result.rows.map((r) => r.paper as string))).toEqual(expected);
    // Some of them reach it only through a narrower concept.
    expect(result.rows.some((r) => !(r.via as string[]).some((v) => v.toLowerCase() === 'hopfield network'))).toBe(true);
  });

  it('concept-path: the shortest co-occurrence chain has the BFS length of graph.json', async () => {
    const result = await namedQuery('concept-path', ['from=NTK', 'to=reinforcement learning']);
    expect(result.rows).toHaveLength(1);
    const concepts = result.rows[0]!.concepts as string[];
    expect(concepts[0]).toBe((graph.getNodeAttributes('concept:neural tangent kernel') as ConceptNodeAttributes).label);
    expect(concepts.at(-1)).toBe((graph.getNodeAttributes('concept:reinforcement learning') as ConceptNodeAttributes).label);
    expect(result.rows[0]!.hops).toBe(bfsDistance(graph, 'concept:neural tangent kernel', 'concept:reinforcement learning'));
  });

  it('fields: every field of communities.json with its topics, largest first, as its header defaults run it', async () => {
    const result = await namedQuery('fields', []);
    expect(result.rows.map((r) => [r.field, r.label, r.papers])).toEqual(communities!.fields!.map((f) => [f.id, f.label, f.papers]));
    for (const row of result.rows) {
      const field = communities!.fields!.find((f) => f.id === row.field)!;
      const topics = row.topics as { id: number; label: string; papers: number }[];
      expect(new Set(topics.map((t) => t.id))).toEqual(new Set(field.topics));
      for (const t of topics) expect(t).toEqual({ id: t.id, label: communities!.communities[t.id]!.label, papers: communities!.communities[t.id]!.papers.length });
      expect(topics.map((t) => t.papers)).toEqual([...topics.map((t) => t.papers)].sort((a, b) => b - a));
    }
  });

  it("community with level field: field 0's concepts and papers are those of its topics", async () => {
    const result = await namedQuery('community', ['community=0', 'level=field', 'limit=1000']);
    const topics = communities!.communities.filter((c) => c.field === 0);
    const concepts = result.rows.filter((r) => r.kind === 'concept').map((r) => r.id as string);
    const papers = result.rows.filter((r) => r.kind === 'paper').map((r) => r.id as string);
    expect(new Set(concepts)).toEqual(new Set(topics.flatMap((t) => t.concepts)));
    expect(new Set(papers)).toEqual(new Set(topics.flatMap((t) => t.papers)));
    expect(new Set(result.rows.map((r) => r.level))).toEqual(new Set(['field']));
    // Topic ids and field ids overlap: the same id at the topic level names topic 0.
    const topic = await namedQuery('community', ['community=0', 'limit=1000']);
    expect(new Set(topic.rows.filter((r) => r.kind === 'concept').map((r) => r.id))).toEqual(new Set(communities!.communities[0]!.concepts));
  });

  it("community: community 0's concepts and papers are its members in communities.json", async () => {
    const result = await namedQuery('community', ['community=0', 'limit=5']);
    const c0 = communities!.communities[0]!;
    const concepts = result.rows.filter((r) => r.kind === 'concept').map((r) => r.id);
    const papers = result.rows.filter((r) => r.kind === 'paper').map((r) => r.id);
    expect(concepts).toHaveLength(Math.min(5, c0.concepts.length));
    // Its key concepts first, in their order.
    expect(c0.topConcepts.length).toBeGreaterThanOrEqual(5);
    expect(concepts).toEqual(c0.topConcepts.slice(0, 5));
    expect(papers).toHaveLength(Math.min(5, c0.papers.length));
    for (const k of concepts) expect(c0.concepts).toContain(k);
    for (const p of papers) expect(c0.papers).toContain(p);
  });

  it('bridge-concepts: each bridge sits in one community and links into the other', async () => {
    const result = await namedQuery('bridge-concepts', ['a=0', 'b=1', 'limit=10']);
    expect(result.rows.length).toBeGreaterThan(0);
    const members = (id: number) => new Set(communities!.communities[id]!.concepts);
    for (const row of result.rows) {
      const home = row.community as number;
      const other = members(home === 0 ? 1 : 0);
      expect(members(home).has(row.key as string)).toBe(true);
      expect(row.topic).toBe(communities!.communities[home]!.label);
      const neighbours = graph.neighbors(`concept:${row.key}`).map((n) => n.replace(/^concept:/, ''));
      expect(neighbours.filter((n) => other.has(n))).toHaveLength(row.links as number);
    }
    // Most papers shared with the other community first.
    const papers = result.rows.map((r) => r.papers as number);
    expect(papers.every((p) => p >= 2)).toBe(true);
    expect([...papers].sort((x, y) => y - x)).toEqual(papers);
  });

  it('bridge-concepts with level field: each bridge sits in one field, links into the other, and names its topic', async () => {
    expect(communities!.fields!.length).toBeGreaterThanOrEqual(2);
    const result = await namedQuery('bridge-concepts', ['a=0', 'b=1', 'level=field', 'limit=10']);
    expect(result.rows.length).toBeGreaterThan(0);
    const topicOf = new Map(communities!.communities.flatMap((c) => c.concepts.map((k) => [k, c] as const)));
    const inField = (id: number) => new Set(communities!.communities.filter((c) => c.field === id).flatMap((c) => c.concepts));
    for (const row of result.rows) {
      const home = row.community as number;
      expect(inField(home).has(row.key as string)).toBe(true);
      const other = inField(home === 0 ? 1 : 0);
      const neighbours = graph.neighbors(`concept:${row.key}`).map((n) => n.replace(/^concept:/, ''));
      expect(neighbours.filter((n) => other.has(n))).toHaveLength(row.links as number);
      // Its home at the topic level: the topic of communities.json, inside the home field.
      expect(row.topic).toBe(topicOf.get(row.key as string)!.label);
      expect(topicOf.get(row.key as string)!.field).toBe(home);
    }
  });

  it('rising-concepts: recent and earlier counts match the papers in graph.json', async () => {
    const result = await namedQuery('rising-concepts', ['since=2023', 'limit=5']);
    expect(result.rows.length).toBeGreaterThan(0);
    const growths = result.rows.map((r) => r.growth as number);
    expect([...growths].sort((x, y) => y - x)).toEqual(growths);
    for (const row of result.rows) {
      let recent = 0;
      let earlier = 0;
      for (const r of graph.mentions.rowsOfConcept(row.key as string)) {
        const a = graph.getNodeAttributes(`paper:${graph.mentions.paperId(r)}`);
        if (a.kind !== 'paper' || a.year === undefined) continue;
        if (a.year >= 2023) recent++;
        else earlier++;
      }
      expect([row.recent, row.earlier]).toEqual([recent, earlier]);
    }
  });

  it('similar-papers: shared concept counts match graph.json', async () => {
    const title = 'Neural Tangent Kernel: Convergence and Generalization in Neural Networks';
    const result = await namedQuery('similar-papers', [`paper=${title}`, 'limit=3']);
    expect(result.rows).toHaveLength(3);
    const source = graph.findNode((_n, a) => a.kind === 'paper' && a.title === title)!;
    const conceptsOf = (paperId: string) => graph.mentions.rowsOfPaper(paperId).map((r) => graph.mentions.conceptKey(r));
    const mine = new Set(conceptsOf(source.slice('paper:'.length)));
    for (const row of result.rows) {
      const theirs = conceptsOf(row.paper as string);
      expect(theirs.filter((c) => mine.has(c))).toHaveLength(row.shared as number);
    }
  });

  it('ambiguous-acronyms: every listed acronym names two or more concepts', async () => {
    const result = await namedQuery('ambiguous-acronyms', []);
    expect(result.rows.length).toBeGreaterThan(0);
    for (const row of result.rows) {
      expect(row.meanings).toBeGreaterThanOrEqual(2);
      expect(row.longForms).toHaveLength(row.meanings as number);
      // inGraph says which senses are concepts of graph.json (a rare sense may fall under min-df).
      expect(row.inGraph).toEqual((row.keys as string[]).map((k) => graph.hasNode(`concept:${k}`)));
    }
  });

  it('every index of cypher/schema.cypher serves a named query or the writer\'s paper lookup (each index slows every write)', async () => {
    const schema = parseCypherStatements(readFileSync(join(PACKAGE_ROOT, 'cypher/schema.cypher'), 'utf8'));
    // `FOR (p:Paper) ON (p.year)` → "Paper(year)"; `FOR ()-[r:CO_OCCURS]-() ON (r.weight)` → "CO_OCCURS(weight)".
    const indexes = schema
      .filter((statement) => /^CREATE INDEX/i.test(statement))
      .map((statement) => {
        const [, label, type, property] = /FOR\s*(?:\(\w+:(\w+)\)|\(\)-\[\w+:(\w+)\]-\(\))\s*ON\s*\(\w+\.(\w+)\)/.exec(statement) ?? [];
        return `${label ?? type}(${property})`;
      });
    expect(indexes.length).toBeGreaterThan(0);
    const title = 'Neural Tangent Kernel: Convergence and Generalization in Neural Networks';
    const calls: Array<[string, string[]]> = [
      ['papers-linking', ['a=NTK', 'b=Gaussian process']],
      ['concept-neighbours', ['concept=NTK']],
      ['concept-path', ['from=NTK', 'to=reinforcement learning']],
      ['community', ['community=0']],
      ['community', ['community=0', 'level=field']],
      ['bridge-concepts', ['a=0', 'b=1']],
      ['fields', []],
      ['rising-concepts', []],
      ['similar-papers', [`paper=${title}`]],
      ['ambiguous-acronyms', []],
    ];
    const used = new Set<string>();
    const lookupRow = { id: 'doi:10.1/x', ids: ['doi:10.1/x'], arxivId: '1806.07572', givenId: 'x-1', titleId: 'title:0123456789abcdef' };
    const explained: Array<[string, Record<string, unknown>]> = [[STATEMENTS.storedPapers, { rows: [lookupRow] }]];
    for (const [name, pairs] of calls) {
      const q = await loadNamedQuery(name);
      explained.push([q.cypher, resolveQueryParams(q, splitParamPairs(pairs))]);
    }
    for (const [cypher, params] of explained) {
      const result = await ctx.driver.executeQuery(`EXPLAIN ${cypher}`, params, { database: ctx.database });
      const visit = (op: { operatorType: string; arguments: Record<string, unknown>; children: unknown[] }) => {
        for (const m of String(op.arguments.Details ?? '').matchAll(/RANGE INDEX [^:]*:(\w+\(\w+\))/g)) used.add(m[1]!);
        for (const child of op.children) visit(child as typeof op);
      };
      visit(result.summary.plan as unknown as Parameters<typeof visit>[0]);
    }
    for (const index of indexes) expect(used, `${index} is used by no named query and not by the writer`).toContain(index);
  });

  it('`query` runs read-only: a CREATE is refused without --write', async () => {
    const refused = await cli(['query', 'CREATE (n:Probe {at: 1}) RETURN n']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/uses CREATE .*--write/);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    const probes = await runQuery(ctx, 'MATCH (n:Probe) RETURN count(n) AS n');
    expect(probes.rows).toEqual([{ n: 0 }]);

    const allowed = await cli(['query', 'CREATE (n:Probe {at: 1}) RETURN n.at AS at', '--write', '--format', 'json']);
    expect(allowed.code).toBe(0);
    expect(JSON.parse(allowed.stdout)).toEqual([{ at: 1 }]);
    await runQuery(ctx, 'MATCH (n:Probe) DELETE n', {}, { write: true });
  });

  it.each([
    ["LOAD CSV FROM 'file:///proc/self/environ' AS row RETURN row", 'LOAD CSV'],
    ["TERMINATE TRANSACTION 'neo4j-transaction-1'", 'TERMINATE TRANSACTIONS'],
    ["TERMINATE TRANSACTIONS 'neo4j-transaction-1', 'neo4j-transaction-2'", 'TERMINATE TRANSACTIONS'],
    ['SHOW TRANSACTIONS YIELD currentQuery RETURN currentQuery', 'SHOW TRANSACTIONS'],
    ['SHOW USERS', 'an administration command'],
    ['CALL db.clearQueryCaches()', 'CALL db.clearQueryCaches'],
    ['MATCH (n) DETACH DELETE n', 'DETACH DELETE'],
    ['MATCH (c:Concept) SET c.probe = 1', 'SET'],
    ['MATCH (n:Concept) CALL (n) { SET n.probe = 1 } IN TRANSACTIONS OF 10 ROWS', 'CALL { … } IN TRANSACTIONS'],
    ['PROFILE MATCH (n) DETACH DELETE n', 'DETACH DELETE'],
  ])('`query %s` without --write: refused in one line naming %s, and nothing ran', async (statement, clause) => {
    const before = await countGraph(ctx);
    const result = await cli(['query', statement]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`uses ${clause}`);
    expect(lines[0]).toContain('--write');
    expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(await countGraph(ctx)).toEqual(before);
    const probed = await runQuery(ctx, 'MATCH (c:Concept) WHERE c.probe IS NOT NULL RETURN count(c) AS n');
    expect(probed.rows).toEqual([{ n: 0 }]);
  });

  it('`query` without --write still runs reads: schema procedures, PROFILE, subqueries', async () => {
    for (const statement of ['CALL db.labels() YIELD label RETURN label ORDER BY label', 'PROFILE MATCH (c:Concept) RETURN count(c) AS n', 'MATCH (p:Paper) CALL (p) { MATCH (p)-[:MENTIONS]->(c) RETURN count(c) AS k } RETURN max(k) AS k']) {
      const result = await cli(['query', statement, '--format', 'json']);
      expect(result.code, statement).toBe(0);
      expect(JSON.parse(result.stdout).length, statement).toBeGreaterThan(0);
    }
  });

  it('a parameter holding Cypher text stays data', async () => {
    const before = await countGraph(ctx);
    const evil = "NTK'}) MATCH (n) DETACH DELETE n //";
    const named = await cli(['query', 'concept-neighbours', '--param', `concept=${evil}`, '--format', 'json']);
    expect(named.code).toBe(1);
    expect(named.stderr).toContain(`no concept named ${evil}`);
    const stored = await cli(['query', 'CREATE (p:Probe {text: $t}) RETURN p.text AS text', '--param', `t=${evil}`, '--write', '--format', 'json']);
    expect(JSON.parse(stored.stdout)).toEqual([{ text: evil }]);
    await runQuery(ctx, 'MATCH (n:Probe) DELETE n', {}, { write: true });
    expect(await countGraph(ctx)).toEqual(before);
  });

  it.each([
    [['concept-neighbours', '--param', 'concept=NTKK'], 'no concept named NTKK; did you mean NTK?'],
    [['community', '--param', 'community=abc'], '--param community=abc: expecting an integer'],
    [['community', '--param', 'community=999'], 'no topic 999 in corpus "default" (ids 0 to '],
    [['community', '--param', 'community=999', '--param', 'level=field'], 'no field 999 in corpus "default" (ids 0 to '],
    [['community', '--param', 'community=0', '--param', 'level=fields'], '--param level=fields: expecting topic or field'],
    [['concept-neighbours', '--param', 'concept=NTK', '--param', 'lmit=3'], 'no parameter "lmit"; did you mean limit? (valid: concept, limit)'],
    [['similar-papers', '--param', 'paper=Neural Tangent Kernel: Convergence and Generalisation in Neural Networks'], 'did you mean "Neural Tangent Kernel: Convergence and Generalization in Neural Networks"?'],
  ])('named query %j: one line saying what is wrong, exit 1', async (args, message) => {
    const result = await cli(['query', ...args]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(message);
  });

  it('each named query file, pasted as it is into a client that runs its :param lines, runs', async () => {
    for (const q of await listNamedQueries()) {
      const text = readFileSync(q.file, 'utf8');
      // What cypher-shell and Neo4j Browser do with `:param name => expression;`: evaluate it.
      const params: Record<string, unknown> = {};
      for (const [, name, expression] of text.matchAll(/^:param (\w+) => (.+);$/gm)) {
        const { records } = await ctx.driver.executeQuery(`RETURN ${expression} AS value`, {}, { database: ctx.database });
        params[name!] = records[0]!.get('value');
      }
      const statement = text.split('\n').filter((l) => !l.startsWith(':')).join('\n');
      const result = await runQuery(ctx, statement, params);
      expect(result.columns.length, q.name).toBeGreaterThan(0);
      // The bundled corpus has no burst and no emerging or fading concept (132 of its 223
      // papers are undated; its 10 trends are steady): those two queries answer with no rows.
      // trends-neo4j.test.ts checks their rows on a build with planted bursts and trends.
      if (q.name === 'bursts' || q.name === 'emerging') expect(result.rows, q.name).toEqual([]);
      else expect(result.rows.length, q.name).toBeGreaterThan(0);
    }
  });

  it('LOAD CSV: refused without --write, and the server reads no file outside its import folder and no URL', async () => {
    const requests: string[] = [];
    const web = createServer((req, res) => {
      requests.push(req.url ?? '');
      res.end('a,b\n');
    });
    await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
    const port = (web.address() as AddressInfo).port;
    try {
      for (const url of ['file:///etc/passwd', `http://127.0.0.1:${port}/x.csv`, `http://localhost:${port}/x.csv`]) {
        const statement = `LOAD CSV FROM '${url}' AS row RETURN row LIMIT 1`;
        const read = await cli(['query', statement]);
        expect(read.code, url).toBe(1);
        expect(read.stderr, url).toMatch(/LOAD CSV .*--write/);
        const write = await cli(['query', statement, '--write']);
        expect(write.code, url).toBe(1);
        expect(write.stderr, url).toMatch(/ExternalResourceFailed/);
        expect(write.stdout, url).not.toMatch(/root:/);
      }
      expect(requests).toEqual([]);
    } finally {
      await new Promise((resolve) => web.close(resolve));
    }
  });

  it('`query --format csv` and `--list` print what they say', async () => {
    const csv = await cli(['query', 'MATCH (c:Concept {key: $k}) RETURN c.key AS key, c.df AS df', '--param', 'k=neural tangent kernel', '--format', 'csv']);
    expect(csv.stdout).toBe(`key,df\r\nneural tangent kernel,${(graph.getNodeAttributes('concept:neural tangent kernel') as ConceptNodeAttributes).df}\r\n`);
    const list = await cli(['query', '--list']);
    expect(list.stdout).toMatch(/^papers-linking\n {2}Papers linking two concepts/m);
    expect(list.stdout).toMatch(/^ {4}--param limit=<integer> \(default 20\) {2}how many papers$/m);
  });

  it('a second --corpus keeps the first corpus\'s communities and memberships', async () => {
    // The same papers and concepts written again as corpus "zotero", with its own communities.
    const zotero = { ...communities!, communities: communities!.communities.slice(0, 3) };
    await writeGraph(ctx, graph, zotero, { corpus: 'zotero' });
    const perCorpus = await runQuery(ctx, 'MATCH (m:Community) RETURN m.corpus AS corpus, count(*) AS n ORDER BY corpus');
    expect(perCorpus.rows).toEqual([
      { corpus: 'default', n: communities!.communities.length + communities!.fields!.length },
      { corpus: 'zotero', n: 3 + communities!.fields!.length },
    ]);
    // Every member of a default topic and field still links to it.
    const links = await runQuery(ctx, "MATCH (:Community {corpus: 'default'})<-[r:IN_COMMUNITY]-() RETURN count(r) AS n");
    expect(links.rows).toEqual([{ n: communityCounts(communities!).inCommunity }]);
    // The last community of the default corpus still answers `query community`.
    const last = communities!.communities.at(-1)!;
    const answer = await cli(['query', 'community', '--param', `community=${last.id}`, '--format', 'json']);
    expect(answer.code, answer.stderr).toBe(0);
    const rows = JSON.parse(answer.stdout) as { kind: string; id: string }[];
    expect(rows.filter((r) => r.kind === 'concept').map((r) => r.id).every((k) => last.concepts.includes(k))).toBe(true);
    expect(rows.length).toBeGreaterThan(0);
    const other = await cli(['query', 'community', '--param', 'community=5', '--param', 'corpus=zotero']);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('no topic 5 in corpus "zotero" (ids 0 to 2)');
    await removeCorpus(ctx, 'zotero');
    expect(await countGraph(ctx)).toEqual(clean);
  }, 300_000);

  it('a build killed in the middle of its write, then re-run, ends with the counts of a clean run', async () => {
    await clearDatabase(ctx);
    // Small batches: many transactions, so the kill lands between two of them.
    const env = neo4jEnv({ PAPERGRAPH_NEO4J_BATCH_SIZE: '200' });
    const out = join(dir, 'killed');
    const child = spawnBuild(out, env);
    const exited = waitForExit(child);
    let atKill: GraphCounts | undefined;
    for (;;) {
      const counts = await countGraph(ctx);
      if (counts.mentions > 0) {
        child.kill('SIGKILL');
        atKill = counts;
        break;
      }
      if (child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    const killed = await exited;
    expect(killed.signal).toBe('SIGKILL');
    // The kill really interrupted the write: something was missing.
    const partial = await countGraph(ctx);
    expect(atKill).toBeDefined();
    expect(partial.cooccurs < clean.cooccurs || partial.mentions < clean.mentions).toBe(true);

    const rerun = await waitForExit(spawnBuild(out, env));
    expect(rerun.code, rerun.stderr).toBe(0);
    const after = await countGraph(ctx);
    // What a clean write of this build holds: its graph and communities, nothing more or less.
    const built = await loadBuild(out);
    expect(after).toMatchObject({ ...graphCounts(built.graph), ...communityCounts(built.communities!) });
    // Same input, same code: the very counts of the clean run (aliases included).
    const sameBuild = readFileSync(join(out, 'graph.json'), 'utf8') === readFileSync(join(dir, 'clean', 'graph.json'), 'utf8');
    if (sameBuild) expect(after).toEqual(clean);
  }, 600_000);
});

describe('the local server', () => {
  it('keeps the password out of its environment (LOAD CSV of /proc/self/environ would show it)', () => {
    const port = new URL(settings().uri.replace(/^bolt/, 'http')).port;
    // The launcher's process: its command line names its Bolt port.
    const pid = readdirSync('/proc').find((entry) => {
      if (!/^\d+$/.test(entry)) return false;
      try {
        const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
        return args.includes('dev.papergraph.neo4j.LocalServer') && args[args.indexOf('--port') + 1] === port;
      } catch {
        return false;
      }
    });
    expect(pid, `no local server process listening on port ${port}`).toBeDefined();
    const environment = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
    expect(environment.some((v) => v.includes(settings().password))).toBe(false);
    expect(environment.some((v) => v.startsWith('NEO4J_PASSWORD='))).toBe(false);
  });
});

describe('connection errors', () => {
  it('a stopped server: one line naming the URI and the cause, exit 1', async () => {
    const port = await findFreePortForTests();
    const uri = `bolt://127.0.0.1:${port}`;
    const result = await cli(['query', 'RETURN 1'], neo4jEnv({ NEO4J_URI: uri }));
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(uri);
    expect(lines[0]).toMatch(/connection refused/);
    await expect(openStore({ ...settings(), uri })).rejects.toMatchObject({ code: 'E_NEO4J' });
  });

  it('a wrong password: one line naming the URI and the cause, exit 1', async () => {
    const result = await cli(['query', 'RETURN 1'], neo4jEnv({ NEO4J_PASSWORD: 'not-the-password' }));
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(settings().uri);
    expect(lines[0]).toMatch(/authentication failed/);
    const status = await cli(['neo4j', 'status'], neo4jEnv({ NEO4J_PASSWORD: 'not-the-password' }));
    expect(status.code).toBe(1);
    expect(status.stderr.trim().split('\n')).toHaveLength(1);
    expect(status.stderr).toMatch(new RegExp(`^papergraph: Neo4j is running at ${settings().uri}.*, but the login failed: (authentication failed|too many failed logins)`));
    expect(status.stderr.match(/Neo4j at/g)).toBeNull();
    const error = await openStore({ ...settings(), password: 'still-wrong' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).code).toBe('E_NEO4J');
    // The failed logins lock the user out for a few seconds; the test files after this one
    // share the server, so wait until the right password logs in again.
    for (let attempt = 0; attempt < 30; attempt++) {
      const ok = await openStore(settings()).then(
        async (store) => {
          await store.driver.close();
          return true;
        },
        () => false,
      );
      if (ok) break;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }, 60_000);
});

/** Hops between two nodes over CO_OCCURS edges (undirected), by breadth-first search. */
function bfsDistance(graph: KnowledgeGraph, from: string, to: string): number {
  const seen = new Map<string, number>([[from, 0]]);
  const queue = [from];
  while (queue.length) {
    const node = queue.shift()!;
    const d = seen.get(node)!;
    if (node === to) return d;
    graph.forEachEdge(node, (_e, a, s, t) => {
      if (a.type !== 'CO_OCCURS') return;
      const next = s === node ? t : s;
      if (!seen.has(next)) {
        seen.set(next, d + 1);
        queue.push(next);
      }
    });
  }
  return -1;
}
