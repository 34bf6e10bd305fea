#!/usr/bin/env node
// Neo4j write rate: the batched writer (thousands of rows per transaction, MENTIONS grouped by
// paper and CREATEd for papers new to the database, a few transactions in flight) against a naive
// writer (one MERGE transaction per row), in the same run, on the same server, on a generated
// corpus of 50k papers. The server is a throw-away local one started the way the test suite
// starts it, with a 4g heap and 4g page cache (or NEO4J_URI if set — its database is cleared!).
//
// Warm-up (the same for both writers, and printed with each write's rate): a fresh JVM runs the
// first writes interpreted and spends a core compiling them (on 2 cores the first full write
// takes 3-4x as long as a warm one, the second still 1.5-2.5x). After two warm-up writes the
// JIT compiler threads still took 1.2-3.5 s of CPU in each timed write (and the first timed
// write was the slowest); after four, 0.7-1.6 s. So before timing, the whole corpus is written
// and cleared WARMUP_WRITES times (WARMUP=full, the default; 4 writes), or the first WARMUP
// MENTIONS rows with their nodes once (WARMUP=30000), or nothing (WARMUP=0). The batched writer
// is then timed TIMED times (default 3), each on an emptied database, and the median run
// reported with the others listed. The naive writer runs after the batched one, on the same
// warm server.
//
// The naive writer is timed on a sample (the first NAIVE_SAMPLE MENTIONS rows, each MERGEd in
// its own transaction after the nodes exist) and its rate extrapolated to the whole corpus; the
// output says so. The relationships counted are those in the database after the batched write
// (MENTIONS + CO_OCCURS + IN_COMMUNITY + ALIAS_OF).
//
// Also printed: where the batched write's time goes (each step's wall time, the server JVM's
// CPU time read from /proc, and this process's CPU time), how much of each timed write's server
// CPU went to the JVM's garbage collector and JIT compiler threads (per thread, from /proc: a
// compiler still busy during the timed writes means the warm-up was short), and the ceiling of
// this server here: the simplest relationship statement (UNWIND, MATCH both ends, CREATE, no
// properties) on the corpus's MENTIONS. The load average is printed beside the numbers: on a shared machine they
// move with it.
//
//   npm run bench -- neo4j
//   PAPERS=50000 NAIVE_SAMPLE=2000 BATCH=20000 CONCURRENCY=3 WARMUP=full WARMUP_WRITES=4 TIMED=3 npm run bench -- neo4j
import { readdirSync, readFileSync } from 'node:fs';
import { createRng } from '../dist/rng.js';
import { toKnowledgeGraph } from '../dist/mention-store.js';
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
const WARMUP = process.env.WARMUP ?? 'full';
const TIMED = Math.max(1, Number(process.env.TIMED ?? 3));
const WARMUP_WRITES = Math.max(1, Number(process.env.WARMUP_WRITES ?? 4));
/** The naive writer's statement: one MENTIONS row, MERGEd, in its own transaction. */
const NAIVE_MENTION = `MATCH (p:Paper {id: $row.paper})
MATCH (c:Concept {key: $row.concept})
MERGE (p)-[r:MENTIONS]->(c)
SET r.count = toInteger($row.count), r.score = toFloat($row.score), r.evidence = [x IN $row.evidence | toInteger(x)]`;
/** The ceiling: the simplest statement that creates a relationship between two stored nodes. */
const FLOOR_MENTION = 'UNWIND $rows AS r MATCH (a:Paper {id: r.p}) MATCH (b:Concept {key: r.c}) CREATE (a)-[:MENTIONS]->(b)';

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
const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

const external = Boolean(process.env.NEO4J_URI);
const server = external ? undefined : await startThrowAwayServer({
  heap: HEAP,
  pageCache: PAGE_CACHE,
  onStatus: (m) => console.log(`neo4j: ${m}`),
});
/** CPU seconds the server's JVM has used (user + system), or NaN for an external server. */
const serverCpu = () => {
  if (!server) return NaN;
  const fields = readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
};
/** The server JVM's garbage collector threads (G1's or Parallel's), and its JIT compilers. */
const GC_THREADS = /^(GC Thread|G1 |VM Thread)/;
const JIT_THREADS = /^C[12] CompilerThre/;
/**
 * CPU seconds the server's threads named like `threads` have used, read from /proc per thread;
 * NaN for an external server. Threads that ended are not counted.
 */
const serverThreadsCpu = (threads) => {
  if (!server) return NaN;
  let ticks = 0;
  for (const task of readdirSync(`/proc/${server.pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${server.pid}/task/${task}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (!threads.test(name)) continue;
      const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the thread ended
    }
  }
  return ticks / 100;
};
const ownCpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const settings = server
  ? { uri: server.uri, user: server.user, password: server.password, database: 'neo4j' }
  : undefined;
const ctx = await openStore(settings);
try {
  console.log(`load average at start: ${loadAverage()}`);
  let t = performance.now();
  const { graph, communities } = generateCorpus();
  // The generated graph holds its MENTIONS as edges; the writer reads them from the mention store.
  const rows = graphToRows(toKnowledgeGraph(graph), communities);
  console.log(
    `corpus: ${fmt(rows.papers.length)} papers, ${fmt(rows.concepts.length)} concepts, ${fmt(rows.mentions.length)} MENTIONS, ` +
      `${fmt(rows.cooccurs.length)} CO_OCCURS, ${fmt(rows.conceptMembers.length + rows.paperMembers.length)} IN_COMMUNITY, ` +
      `${fmt(rows.aliases.length)} ALIAS_OF (generated in ${((performance.now() - t) / 1000).toFixed(1)} s)`,
  );
  const writeOptions = { batchSize: BATCH, concurrency: CONCURRENCY };

  await clearDatabase(ctx);
  let warmup = 'none';
  if (WARMUP === 'full') {
    const writes = [];
    for (let i = 0; i < WARMUP_WRITES; i++) {
      t = performance.now();
      const { relationships } = await writeRows(ctx, rows, writeOptions);
      const seconds = (performance.now() - t) / 1000;
      writes.push(`${seconds.toFixed(1)} s (${fmt(relationships / seconds)}/s)`);
      await clearDatabase(ctx);
    }
    warmup = `the whole corpus written and cleared ${WARMUP_WRITES} time(s): ${writes.join(', ')}`;
  } else if (Number(WARMUP) > 0) {
    await writeRows(ctx, sliceRows(rows, Number(WARMUP)), writeOptions);
    await clearDatabase(ctx);
    warmup = `the first ${fmt(Number(WARMUP))} MENTIONS rows with their nodes written and cleared`;
  }

  // 1. Batched writer: the whole corpus, nodes and relationships, step by step; TIMED runs on an
  // emptied database, the median one reported (one run moves ±15% with the machine's load).
  const runs = [];
  const loadBefore = loadAverage();
  for (let run = 0; run < TIMED; run++) {
    if (run > 0) await clearDatabase(ctx);
    const steps = [];
    let cpu0 = serverCpu();
    let own0 = ownCpu();
    const serverStart = cpu0;
    const ownStart = own0;
    const gcStart = serverThreadsCpu(GC_THREADS);
    const jitStart = serverThreadsCpu(JIT_THREADS);
    t = performance.now();
    const summary = await writeRows(ctx, rows, {
      ...writeOptions,
      onStep: (step) => {
        const cpu1 = serverCpu();
        const own1 = ownCpu();
        if (step.rows > 0 || step.name === 'prepare') steps.push({ ...step, server: cpu1 - cpu0, own: own1 - own0 });
        cpu0 = cpu1;
        own0 = own1;
      },
    });
    const seconds = (performance.now() - t) / 1000;
    const cpuEnd = serverCpu();
    const ownEnd = ownCpu();
    const gc = serverThreadsCpu(GC_THREADS) - gcStart;
    const jit = serverThreadsCpu(JIT_THREADS) - jitStart;
    const counts = await countGraph(ctx);
    const relationships = counts.mentions + counts.cooccurs + counts.inCommunity + counts.aliasOf;
    const expected = summary.relationships;
    if (relationships !== expected) throw new Error(`batched write stored ${relationships} relationships, expected ${expected}`);
    runs.push({ seconds, serverCpu: cpuEnd - serverStart, gc, jit, own: ownEnd - ownStart, steps, summary, counts, relationships });
  }
  const loadAfter = loadAverage();
  const median = [...runs].sort((a, b) => a.seconds - b.seconds)[(runs.length - 1) >> 1];
  const { steps, summary, counts, relationships } = median;
  const batchedSeconds = median.seconds;
  const batchedServerCpu = median.serverCpu;
  const batchedRate = relationships / batchedSeconds;

  // 2. Naive writer: nodes exist (batched), then one transaction per MENTIONS row.
  await clearDatabase(ctx);
  await writeRows(ctx, { ...emptyRows(), papers: rows.papers, concepts: rows.concepts }, writeOptions);
  const sample = rows.mentions.slice(0, NAIVE_SAMPLE);
  const session = ctx.driver.session({ database: ctx.database, defaultAccessMode: neo4j.session.WRITE });
  t = performance.now();
  for (const row of sample) {
    await session.executeWrite((tx) => tx.run(NAIVE_MENTION, { row }));
  }
  const naiveSeconds = (performance.now() - t) / 1000;
  const naiveRate = sample.length / naiveSeconds;

  // 3. Ceiling: the simplest CREATE of every MENTIONS row (no properties), same batches and
  // transactions in flight, after the sample's MENTIONS are deleted.
  await session.run('MATCH ()-[r:MENTIONS]->() DELETE r');
  await session.close();
  const floorRows = rows.mentions.map((m) => ({ p: m.paper, c: m.concept }));
  const floorCpu = serverCpu();
  t = performance.now();
  await runBatches(FLOOR_MENTION, floorRows, BATCH, CONCURRENCY);
  const floorSeconds = (performance.now() - t) / 1000;
  const floorServerCpu = serverCpu() - floorCpu;
  const floorRate = floorRows.length / floorSeconds;

  console.log('');
  console.log(`server: heap ${server ? HEAP : '(external)'}, page cache ${server ? PAGE_CACHE : '(external)'}; batched writer: ${CONCURRENCY} transaction(s) in flight`);
  console.log(`warm-up before timing (same for every writer): ${warmup}`);
  console.log('writer                          rows/tx  relationships  seconds  relationships/s');
  console.log(
    `batched (UNWIND, grouped)†      ${String(BATCH).padStart(7)}  ${fmt(relationships).padStart(13)}  ${batchedSeconds.toFixed(1).padStart(7)}  ${fmt(batchedRate).padStart(15)}`,
  );
  console.log(
    `naive (1 MERGE tx per row)*     ${'1'.padStart(7)}  ${fmt(sample.length).padStart(13)}  ${naiveSeconds.toFixed(1).padStart(7)}  ${fmt(naiveRate).padStart(15)}`,
  );
  console.log(
    `ceiling (bare CREATE)**         ${String(BATCH).padStart(7)}  ${fmt(floorRows.length).padStart(13)}  ${floorSeconds.toFixed(1).padStart(7)}  ${fmt(floorRate).padStart(15)}`,
  );
  console.log(`† the median of ${runs.length} timed writes of the whole corpus, each on an emptied database: ` +
    runs.map((r) => `${r.seconds.toFixed(1)} s (${fmt(r.relationships / r.seconds)}/s)`).join(', '));
  console.log('  server CPU s / its GC threads / its JIT compiler threads / bench CPU s of each: ' +
    runs.map((r) => `${r.serverCpu.toFixed(1)} / ${r.gc.toFixed(1)} / ${r.jit.toFixed(1)} / ${r.own.toFixed(1)}`).join(', '));
  console.log(`* naive timed on the first ${fmt(sample.length)} MENTIONS rows; extrapolated to the whole corpus: ` +
    `${fmt(relationships / naiveRate)} s`);
  console.log(`** ${FLOOR_MENTION}: every MENTIONS row, no properties; server CPU ${floorServerCpu.toFixed(1)} s = ` +
    `${((floorServerCpu / floorRows.length) * 1e6).toFixed(1)} µs per relationship`);
  console.log(`ratio batched / naive: ${(batchedRate / naiveRate).toFixed(1)}x (goal ≥ 20x); batched rate goal ≥ 50,000 relationships/s: ${batchedRate >= 50_000 ? 'met' : 'not met'}`);
  console.log(`load average before / after the batched writes: ${loadBefore} / ${loadAfter} (2 cores: above 2, the writer shares them)`);
  console.log('');
  console.log('the median batched write, step by step:');
  console.log('step                      rows  batches  seconds  server CPU s  bench CPU s');
  for (const step of steps) {
    console.log(
      `${step.name.padEnd(20)} ${fmt(step.rows).padStart(9)}  ${String(step.batches).padStart(7)}  ${(step.milliseconds / 1000).toFixed(2).padStart(7)}  ` +
        `${step.server.toFixed(2).padStart(12)}  ${step.own.toFixed(2).padStart(11)}`,
    );
  }
  console.log(`total                ${''.padStart(9)}  ${String(summary.batches).padStart(7)}  ${batchedSeconds.toFixed(2).padStart(7)}  ${batchedServerCpu.toFixed(2).padStart(12)}`);
  console.log(`database after the batched write: ${JSON.stringify(counts)}`);
} finally {
  await ctx.driver.close();
  if (server) await server.stop();
}

/** `statement` over `rows` in batches of `size`, `workers` transactions in flight. */
async function runBatches(statement, rows, size, workers) {
  let next = 0;
  await Promise.all(Array.from({ length: workers }, async () => {
    const s = ctx.driver.session({ database: ctx.database, defaultAccessMode: neo4j.session.WRITE });
    try {
      for (let i = next; i < rows.length; i = next) {
        next += size;
        await s.executeWrite((tx) => tx.run(statement, { rows: rows.slice(i, i + size) }));
      }
    } finally {
      await s.close();
    }
  }));
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
