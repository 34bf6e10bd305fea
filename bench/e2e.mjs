#!/usr/bin/env node
// End-to-end build on real abstracts: the ACL Anthology corpus (58,918 abstracts) sampled down
// to 10k, whole, and resampled up to 100k (sentences of real abstracts recombined into new ones,
// seeded). Each size is built (files only, no Neo4j) in a child process, so peak memory is that
// run's own; the child reports per-stage time and peak RSS. Ratios are against the smallest size
// measured in the same run.
//
//   npm run bench -- e2e                       # 10k, 58918, 100k
//   E2E_SIZES=10000 npm run bench -- e2e       # one size (comma-separated list)
//   E2E_SIZES=bundled,10000 npm run bench -- e2e --base 9263daf
//                                              # each size by that commit's code and by the
//                                              # working tree, alternating, E2E_REPEAT times
//                                              # (default 3); medians side by side
//   E2E_CORPUS=path.jsonl.gz E2E_KEEP=1 ...     # another corpus; keep the temp folder
//   E2E_HEAP=1 ...                             # also the live heap after each stage (forces a GC)
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';
import { createRng } from '../dist/rng.js';
import { checkoutBaseline, describeRef, removeBaseline } from './lib/baseline.mjs';

// Relative to the repository, as every bench path: ../shared beside the clone, or E2E_CORPUS.
const CORPUS = process.env.E2E_CORPUS ?? fileURLToPath(new URL('../../shared/corpora/acl-anthology-abstracts.jsonl.gz', import.meta.url));
const SEED = 20261123;
const REPO = fileURLToPath(new URL('..', import.meta.url));
// The size `bundled` is the repository's own corpus.
const BUNDLED = join(REPO, 'data');
const argv = process.argv.slice(2);
const BASE_REF = argv.includes('--base') ? argv[argv.indexOf('--base') + 1] : process.env.E2E_BASE;
const REPEAT = Math.max(1, Number(process.env.E2E_REPEAT ?? 3) || 1);

/** Builds one input in this process with the code in `codeDir` and prints the stage table as one JSON line. */
async function child(codeDir, input, out) {
  const { runBuild } = await import(join(codeDir, 'dist/pipeline.js'));
  const { fullGarbageCollection } = await import(join(codeDir, 'dist/memory.js'));
  const stages = [];
  let peak = 0;
  // RSS sampled while the event loop is free (workers run); maxRSS covers synchronous stages.
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  const start = performance.now();
  const summary = await runBuild({
    inputs: [input],
    out,
    neo4j: false,
    // As the CLI does (E2E_HEAP=1 collects in onStageEnd already).
    betweenStages: globalThis.gc ? undefined : fullGarbageCollection(),
    onStageEnd: (stage, ms) => {
      const usage = process.resourceUsage();
      const maxRss = usage.maxRSS * 1024;
      // CPU time of all threads (workers too): less sensitive than wall time to a busy machine.
      const cpu = (usage.userCPUTime + usage.systemCPUTime) / 1000;
      // E2E_HEAP=1: the live heap after each stage (a full GC first; it lowers the peaks a little).
      let live;
      if (globalThis.gc) {
        globalThis.gc();
        const m = process.memoryUsage();
        live = m.heapUsed + m.external;
      }
      stages.push({ stage, ms, cpu: cpu - stages.reduce((n, s) => n + s.cpu, 0), maxRss, live });
      if (process.env.E2E_VERBOSE) process.stderr.write(`  … ${stage} ${(ms / 1000).toFixed(1)}s ${(maxRss / 2 ** 20).toFixed(0)} MB\n`);
    },
  });
  clearInterval(sampler);
  const ms = performance.now() - start;
  const usage = process.resourceUsage();
  const cpu = (usage.userCPUTime + usage.systemCPUTime) / 1000;
  const maxRss = Math.max(peak, process.resourceUsage().maxRSS * 1024);
  process.stdout.write(
    `${JSON.stringify({
      ms,
      cpu,
      maxRss,
      stages,
      papers: summary.papers,
      concepts: summary.concepts,
      mentions: summary.mentions,
      edges: summary.edges,
      communities: summary.communities,
      modularity: summary.modularity,
      topEdges: summary.topEdges,
      minDf: summary.minDf,
    })}\n`,
  );
}


async function readCorpus(file) {
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  const records = [];
  for await (const line of lines) if (line.trim()) records.push(JSON.parse(line));
  return records;
}

const splitSentences = (text) => text.split(/(?<=[.!?])\s+(?=[A-Z(])/).filter((s) => s.length > 0);

async function writeJsonl(file, records) {
  const out = createWriteStream(file);
  for (const r of records) if (!out.write(`${JSON.stringify(r)}\n`)) await new Promise((resolve) => out.once('drain', resolve));
  await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())));
}

/**
 * The input of one size: a seeded sample of the corpus (kept in corpus order), the corpus itself,
 * or the corpus plus new abstracts, each built around one real abstract's sentences (half kept)
 * with the rest drawn from the whole corpus, under that abstract's title and a distinct DOI.
 */
async function prepareInput(size, records, dir) {
  if (size === 'bundled') return BUNDLED;
  if (size === records.length) return CORPUS;
  const random = createRng(SEED + size);
  let chosen;
  if (size < records.length) {
    const order = records.map((_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    chosen = order.slice(0, size).sort((a, b) => a - b).map((i) => records[i]);
  } else {
    const sentences = records.map((r) => splitSentences(r.abstract ?? ''));
    const pool = sentences.flat();
    // Every paper gets a DOI: papers sharing a title but not a DOI would be merged by ingest.
    chosen = records.map((r, i) => ({ ...r, doi: `10.5555/original.${i}` }));
    for (let i = records.length; i < size; i++) {
      const b = Math.floor(random() * records.length);
      const base = records[b];
      const own = sentences[b];
      const text = own.map((s) => (random() < 0.5 ? s : pool[Math.floor(random() * pool.length)])).join(' ');
      chosen.push({ title: base.title, abstract: text, year: base.year, venue: base.venue, doi: `10.5555/resampled.${i}` });
    }
  }
  const file = join(dir, `corpus-${size}.jsonl`);
  await writeJsonl(file, chosen);
  return file;
}

function runChild(codeDir, input, out) {
  return new Promise((resolve, reject) => {
    const flags = process.env.E2E_HEAP ? ['--expose-gc'] : [];
    rmSync(out, { recursive: true, force: true });
    const proc = spawn(process.execPath, [...flags, fileURLToPath(import.meta.url), '--child', codeDir, input, out], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    proc.stdout.on('data', (d) => (stdout += d));
    proc.on('error', reject);
    proc.on('exit', (code, signal) => {
      if (code !== 0 && code !== 2) return reject(new Error(`build exited with ${signal ? `signal ${signal}` : `code ${code}`}`));
      resolve(JSON.parse(stdout.trim().split('\n').pop()));
    });
  });
}

const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const sec = (ms) => `${(ms / 1000).toFixed(1)}s`;
const pad = (s, n) => String(s).padStart(n);

/** The stage table of one build: time, CPU, peak RSS and each stage's share of the build's time. */
function printStages(r) {
  console.log(`  ${'stage'.padEnd(12)} ${pad('time', 8)} ${pad('share', 6)} ${pad('CPU', 8)} ${pad('peak RSS', 10)}${r.stages[0]?.live ? pad('live heap', 11) : ''}`);
  for (const s of r.stages) {
    const share = `${((100 * s.ms) / r.ms).toFixed(1)}%`;
    console.log(`  ${s.stage.padEnd(12)} ${pad(sec(s.ms), 8)} ${pad(share, 6)} ${pad(sec(s.cpu), 8)} ${pad(mb(s.maxRss), 10)}${s.live ? pad(mb(s.live), 11) : ''}`);
  }
  console.log(
    `  ${'total'.padEnd(12)} ${pad(sec(r.ms), 8)} ${pad('', 6)} ${pad(sec(r.cpu), 8)} ${pad(mb(r.maxRss), 10)}   ${(r.papers / (r.ms / 1000)).toFixed(0)} abstracts/s` +
      ` (load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores)`,
  );
  console.log(
    `  ${r.papers} papers, ${r.concepts} concepts, ${r.mentions} mentions, ${r.edges} edges` +
      `${r.topEdges ? ` (top ${r.topEdges} per concept)` : ''}, min df ${r.minDf}, ${r.communities} communities, modularity ${r.modularity.toFixed(3)}`,
  );
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const spread = (values) => `${sec(Math.min(...values))}–${sec(Math.max(...values))}`;

/**
 * One input built by the baseline's code and by the current code, alternating (the order swaps
 * each round, so a machine that slows down over the run weighs on both), REPEAT times each.
 * Prints median times per stage and in total, the range of the totals, and current ÷ baseline.
 */
async function compareSides(baseDir, input, out) {
  const runs = { baseline: [], current: [] };
  for (let round = 0; round < REPEAT; round++) {
    const order = round % 2 ? ['current', 'baseline'] : ['baseline', 'current'];
    for (const side of order) runs[side].push(await runChild(side === 'baseline' ? baseDir : REPO, input, out));
  }
  const stageMs = (side, stage) => {
    const times = runs[side].map((r) => r.stages.find((s) => s.stage === stage)?.ms).filter((ms) => ms !== undefined);
    return times.length ? median(times) : undefined;
  };
  const stages = [...new Set([...runs.current, ...runs.baseline].flatMap((r) => r.stages.map((s) => s.stage)))];
  const total = { baseline: median(runs.baseline.map((r) => r.ms)), current: median(runs.current.map((r) => r.ms)) };
  const cell = (ms) => (ms === undefined ? '—' : sec(ms));
  const ratio = (a, b) => (a === undefined || b === undefined || b === 0 ? '' : `×${(a / b).toFixed(2)}`);
  console.log(`  medians of ${REPEAT} runs each  ${pad('baseline', 9)} ${pad('current', 9)} ${pad('ratio', 7)} ${pad('share', 6)}`);
  for (const stage of stages) {
    const [b, c] = [stageMs('baseline', stage), stageMs('current', stage)];
    const share = c === undefined ? '' : `${((100 * c) / total.current).toFixed(1)}%`;
    console.log(`  ${stage.padEnd(28)} ${pad(cell(b), 9)} ${pad(cell(c), 9)} ${pad(ratio(c, b), 7)} ${pad(share, 6)}`);
  }
  console.log(`  ${'total'.padEnd(28)} ${pad(sec(total.baseline), 9)} ${pad(sec(total.current), 9)} ${pad(ratio(total.current, total.baseline), 7)}`);
  const cpu = { baseline: median(runs.baseline.map((r) => r.cpu)), current: median(runs.current.map((r) => r.cpu)) };
  console.log(`  ${'CPU'.padEnd(28)} ${pad(sec(cpu.baseline), 9)} ${pad(sec(cpu.current), 9)} ${pad(ratio(cpu.current, cpu.baseline), 7)}`);
  const rss = { baseline: median(runs.baseline.map((r) => r.maxRss)), current: median(runs.current.map((r) => r.maxRss)) };
  console.log(`  ${'peak RSS'.padEnd(28)} ${pad(mb(rss.baseline), 9)} ${pad(mb(rss.current), 9)} ${pad(ratio(rss.current, rss.baseline), 7)}`);
  console.log(`  totals ranged ${spread(runs.baseline.map((r) => r.ms))} (baseline), ${spread(runs.current.map((r) => r.ms))} (current)` +
    `; load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores`);
  const last = runs.current[runs.current.length - 1];
  console.log(`  current: ${last.papers} papers, ${last.concepts} concepts, ${last.mentions} mentions, ${last.communities} communities`);
}

/** Time and memory of each size against the first, and the memory growth exponent. */
function printScaling(results) {
  const base = results[0];
  console.log(`\n${'abstracts'.padStart(9)} ${pad('time', 8)} ${pad('CPU', 8)} ${pad('peak RSS', 10)} ${pad('abstracts/s', 12)} ${pad('× size', 7)} ${pad('× time', 7)} ${pad('× memory', 9)}`);
  for (const r of results) {
    console.log(
      `${pad(r.papers, 9)} ${pad(sec(r.ms), 8)} ${pad(sec(r.cpu), 8)} ${pad(mb(r.maxRss), 10)} ${pad((r.papers / (r.ms / 1000)).toFixed(0), 12)} ` +
        `${pad((r.papers / base.papers).toFixed(2), 7)} ${pad((r.ms / base.ms).toFixed(2), 7)} ${pad((r.maxRss / base.maxRss).toFixed(2), 9)}`,
    );
  }
  const last = results[results.length - 1];
  if (results.length > 1) {
    const exponent = Math.log(last.maxRss / base.maxRss) / Math.log(last.papers / base.papers);
    console.log(`peak memory grows as size^${exponent.toFixed(2)} from ${base.papers} to ${last.papers} abstracts (1 = linear)`);
  }
  console.log(`goal for 100k: under 10 min and 4 GB peak`);
}

async function parent() {
  if (!existsSync(CORPUS)) {
    console.log(`e2e: corpus ${CORPUS} not found; set E2E_CORPUS`);
    return;
  }
  const records = await readCorpus(CORPUS);
  const sizes = (process.env.E2E_SIZES ?? `10000,${records.length},100000`)
    .split(',')
    .map((s) => (s.trim() === 'bundled' ? 'bundled' : Number(s.trim())))
    .filter((n) => n === 'bundled' || (Number.isInteger(n) && n > 0));
  const dir = mkdtempSync(join(tmpdir(), 'papergraph-e2e-'));
  const results = [];
  let baseDir;
  try {
    if (BASE_REF) {
      const { hash, subject } = describeRef(REPO, BASE_REF);
      console.log(`e2e: baseline ${BASE_REF} = ${hash} ${subject}; current = the working tree (dist/)`);
      baseDir = checkoutBaseline(REPO, BASE_REF, join(dir, 'base'));
    }
    for (const size of sizes) {
      const input = await prepareInput(size, records, dir);
      const out = join(dir, `out-${size}`);
      const what = input === CORPUS ? 'the whole corpus' : input === BUNDLED ? 'data/' : `${mb(statSync(input).size)} input`;
      console.log(`\n${size === 'bundled' ? 'the bundled corpus' : `${size} abstracts`} (${what})`);
      try {
        if (baseDir) {
          await compareSides(baseDir, input, out);
          continue;
        }
        const r = await runChild(REPO, input, out);
        results.push({ size, ...r });
        printStages(r);
      } catch (error) {
        // E.g. the JavaScript heap limit (about 4 GB by default) reached: say so, go on.
        console.log(`  failed: ${error.message}`);
      }
    }
  } finally {
    if (baseDir) removeBaseline(REPO, baseDir);
    if (process.env.E2E_KEEP) console.log(`\nkept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
  if (results.length > 0) printScaling(results);
}

if (process.argv[2] === '--child') await child(process.argv[3], process.argv[4], process.argv[5]);
else await parent();
