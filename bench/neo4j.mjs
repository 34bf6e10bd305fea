#!/usr/bin/env node
// Neo4j write rate: the batched writer (thousands of rows per transaction, MENTIONS grouped by
// paper and CREATEd for papers new to the database, a few transactions in flight) against a naive
// writer (one MERGE transaction per row), in the same run, on the same server, on a generated
// corpus of 50k papers. The server is a throw-away local one started the way the test suite
// starts it, with a 4g heap and 4g page cache (or NEO4J_URI if set — its database is cleared!).
//
// The naive writer is timed on a sample (the first NAIVE_SAMPLE MENTIONS rows, each MERGEd in
// its own transaction after the nodes exist) and its rate extrapolated to the whole corpus; the
// output says so.
//
//   npm run bench -- neo4j            PAPERS=50000 NAIVE_SAMPLE=2000 BATCH=20000 CONCURRENCY=3 npm run bench -- neo4j
import { createRng } from '../dist/rng.js';
import { DirectedGraph } from 'graphology';
import neo4j from 'neo4j-driver';
import {
  clearDatabase,
  countGraph,
  graphToRows,
  openStore,
  startThrowAwayServer,
  writeRows,
  WRITE_DEFAULTS,
} from '../dist/store/index.js';

const PAPERS = Number(process.env.PAPERS ?? 50_000);
const CONCEPTS = Math.max(50, Math.round(PAPERS / 10));
const MENTIONS_PER_PAPER = 8;
const MAX_COOCCURS = Math.round(PAPERS * 2);
const COMMUNITIES = 20;
const NAIVE_SAMPLE = Number(process.env.NAIVE_SAMPLE ?? 2000);
const BATCH = Number(process.env.BATCH ?? WRITE_DEFAULTS.batchSize);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? WRITE_DEFAULTS.concurrency);
const HEAP = process.env.NEO4J_HEAP ?? '4g';
const PAGE_CACHE = process.env.NEO4J_PAGECACHE ?? '4g';
/** The naive writer's statement: one MENTIONS row, MERGEd, in its own transaction. */
const NAIVE_MENTION = `MATCH (p:Paper {id: $row.paper})
MATCH (c:Concept {key: $row.concept})
MERGE (p)-[r:MENTIONS]->(c)
SET r.count = toInteger($row.count), r.score = toFloat($row.score), r.evidence = [x IN $row.evidence | toInteger(x)]`;
const WARMUP = Number(process.env.WARMUP ?? 30_000);


/**
 * A graph shaped like a build's: Zipf-distributed concepts, 8 mentions per paper, each with an
 * evidence sentence of the paper's abstract (about 700 characters).
 */
function generateCorpus() {
  const random = createRng(7);
  const graph = new DirectedGraph();
  graph.replaceAttributes({ version: 'bench', weighting: 'count', minDf: 1, minEdgeWeight: 0, topEdgesPerNode: 0 });
  const zipf = [];
  let total = 0;
  for (let i = 0; i < CONCEPTS; i++) total += 1 / (i + 1);
  let acc = 0;
  for (let i = 0; i < CONCEPTS; i++) zipf.push((acc += 1 / (i + 1) / total));
  const pick = () => {
    const r = random();
    let lo = 0;
    let hi = CONCEPTS - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (zipf[mid] < r) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const df = new Array(CONCEPTS).fill(0);
  const paperConcepts = [];
  for (let p = 0; p < PAPERS; p++) {
    const set = new Set();
    while (set.size < MENTIONS_PER_PAPER) set.add(pick());
    const list = [...set].sort((a, b) => a - b);
    for (const c of list) df[c]++;
    paperConcepts.push(list);
  }
  const key = (c) => `concept ${String(c).padStart(6, '0')}`;
  for (let c = 0; c < CONCEPTS; c++) {
    graph.addNode(`concept:${key(c)}`, {
      kind: 'concept', key: key(c), label: key(c), aliases: [key(c), `C${c}X`], df: df[c], termhood: 1 + random(),
      community: c % COMMUNITIES, pagerank: random() / CONCEPTS, weightedDegree: random() * 100, bridge: random(),
    });
  }
  const pairs = new Map();
  for (let p = 0; p < PAPERS; p++) {
    const id = `bench:${p}`;
    const list = paperConcepts[p];
    // One sentence per concept, the abstract their concatenation: evidence offsets point into it.
    let abstract = `We study ${list.map(key).join(', ')}. `;
    const evidence = [];
    for (const c of list) {
      const sentence = `In this paper we apply ${key(c)} to a generated problem number ${p}.`;
      evidence.push({ field: 'abstract', sentence, sentenceStart: abstract.length, start: abstract.length + 23, end: abstract.length + 23 + key(c).length });
      abstract += `${sentence} `;
    }
    graph.addNode(`paper:${id}`, {
      kind: 'paper', id, title: `Generated paper ${p} on ${key(list[0])}`,
      abstract: abstract.trimEnd(), year: 2000 + (p % 25),
      date: `${2000 + (p % 25)}-01-01`, authorsCount: 1 + (p % 7), sources: [`bench.jsonl:${p + 1}`],
      community: p % COMMUNITIES,
    });
    list.forEach((c, i) => {
      graph.addDirectedEdge(`paper:${id}`, `concept:${key(c)}`, {
        type: 'MENTIONS', count: 1 + (c % 3), score: random(), evidence: [evidence[i]],
      });
    });
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const k = `${list[i]}|${list[j]}`;
        pairs.set(k, (pairs.get(k) ?? 0) + 1);
      }
    }
  }
  const strongest = [...pairs.entries()].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).slice(0, MAX_COOCCURS);
  for (const [k, n] of strongest) {
    const [a, b] = k.split('|').map(Number);
    graph.addDirectedEdge(`concept:${key(a)}`, `concept:${key(b)}`, { type: 'CO_OCCURS', papers: n, weight: n });
  }
  const communities = {
    algorithm: 'louvain', resolution: 1, seed: 7, modularity: 0.5,
    communities: Array.from({ length: COMMUNITIES }, (_, m) => {
      const concepts = [];
      for (let c = m; c < CONCEPTS; c += COMMUNITIES) concepts.push(key(c));
      const papers = [];
      for (let p = m; p < PAPERS; p += COMMUNITIES) papers.push(`bench:${p}`);
      return { id: m, label: concepts.slice(0, 3).join(' · '), concepts, papers, topConcepts: concepts.slice(0, 5) };
    }),
  };
  return { graph, communities };
}

const fmt = (n) => Math.round(n).toLocaleString('en-US');

const external = Boolean(process.env.NEO4J_URI);
const server = external ? undefined : await startThrowAwayServer({
  heap: HEAP,
  pageCache: PAGE_CACHE,
  onStatus: (m) => console.log(`neo4j: ${m}`),
});
const settings = server
  ? { uri: server.uri, user: server.user, password: server.password, database: 'neo4j' }
  : undefined;
const ctx = await openStore(settings);
try {
  let t = performance.now();
  const { graph, communities } = generateCorpus();
  const rows = graphToRows(graph, communities);
  const relationships =
    rows.mentions.length + rows.cooccurs.length + rows.conceptMembers.length + rows.paperMembers.length + rows.aliases.length;
  console.log(
    `corpus: ${fmt(rows.papers.length)} papers, ${fmt(rows.concepts.length)} concepts, ${fmt(rows.mentions.length)} MENTIONS, ` +
      `${fmt(rows.cooccurs.length)} CO_OCCURS, ${fmt(rows.conceptMembers.length + rows.paperMembers.length)} IN_COMMUNITY, ` +
      `${fmt(rows.aliases.length)} ALIAS_OF (generated in ${((performance.now() - t) / 1000).toFixed(1)} s)`,
  );

  await clearDatabase(ctx);
  // Warm-up: plan the statements and let the JVM compile the hot paths on a slice of the corpus
  // (the first writes of a fresh JVM run interpreted, several times slower), then start clean.
  await writeRows(ctx, sliceRows(rows, WARMUP), { batchSize: BATCH, concurrency: CONCURRENCY });
  await clearDatabase(ctx);

  // 1. Batched writer: the whole corpus, nodes and relationships.
  t = performance.now();
  const summary = await writeRows(ctx, rows, { batchSize: BATCH, concurrency: CONCURRENCY });
  const batchedSeconds = (performance.now() - t) / 1000;
  const counts = await countGraph(ctx);
  const batchedRate = relationships / batchedSeconds;

  // 2. Naive writer: nodes exist (batched), then one transaction per MENTIONS row.
  await clearDatabase(ctx);
  await writeRows(ctx, { ...emptyRows(), papers: rows.papers, concepts: rows.concepts }, { batchSize: BATCH, concurrency: CONCURRENCY });
  const sample = rows.mentions.slice(0, NAIVE_SAMPLE);
  const session = ctx.driver.session({ database: ctx.database, defaultAccessMode: neo4j.session.WRITE });
  t = performance.now();
  for (const row of sample) {
    await session.executeWrite((tx) => tx.run(NAIVE_MENTION, { row }));
  }
  const naiveSeconds = (performance.now() - t) / 1000;
  await session.close();
  const naiveRate = sample.length / naiveSeconds;

  console.log('');
  console.log(`server: heap ${server ? HEAP : '(external)'}, page cache ${server ? PAGE_CACHE : '(external)'}; batched writer: ${CONCURRENCY} transaction(s) in flight`);
  console.log('writer                          rows/tx  relationships  seconds  relationships/s');
  console.log(
    `batched (UNWIND, grouped)       ${String(BATCH).padStart(7)}  ${fmt(relationships).padStart(13)}  ${batchedSeconds.toFixed(1).padStart(7)}  ${fmt(batchedRate).padStart(15)}`,
  );
  console.log(
    `naive (1 MERGE tx per row)*     ${'1'.padStart(7)}  ${fmt(sample.length).padStart(13)}  ${naiveSeconds.toFixed(1).padStart(7)}  ${fmt(naiveRate).padStart(15)}`,
  );
  console.log(`* naive timed on the first ${fmt(sample.length)} MENTIONS rows; extrapolated to the whole corpus: ` +
    `${fmt(relationships / naiveRate)} s`);
  console.log(`ratio batched / naive: ${(batchedRate / naiveRate).toFixed(1)}x (goal ≥ 20x); batched rate goal ≥ 50,000 relationships/s: ${batchedRate >= 50_000 ? 'met' : 'not met'}`);
  console.log(`batches: ${summary.batches}; database after the batched write: ${JSON.stringify(counts)}`);
} finally {
  await ctx.driver.close();
  if (server) await server.stop();
}

function emptyRows() {
  return { papers: [], concepts: [], aliases: [], acronyms: [], mentions: [], cooccurs: [], communities: [], conceptMembers: [], paperMembers: [] };
}

/** A consistent small slice of the rows (papers and concepts the slice's relationships need). */
function sliceRows(all, n) {
  const mentions = all.mentions.slice(0, n);
  const paperIds = new Set(mentions.map((m) => m.paper));
  const conceptKeys = new Set(mentions.map((m) => m.concept));
  return {
    ...emptyRows(),
    papers: all.papers.filter((p) => paperIds.has(p.id)),
    concepts: all.concepts.filter((c) => conceptKeys.has(c.key)),
    aliases: all.aliases.filter((a) => conceptKeys.has(a.concept)),
    mentions,
    cooccurs: all.cooccurs.filter((e) => conceptKeys.has(e.source) && conceptKeys.has(e.target)).slice(0, n),
  };
}
