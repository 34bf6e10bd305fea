#!/usr/bin/env node
// Ingest throughput and memory on large generated inputs.
//
// Generates JSONL and one-line listing dumps at 1×, 4× and 16× a base size (from the bundled
// corpus, titles made unique so that every record is a new paper except one in ten, a
// deliberate duplicate) in a temporary folder, then measures each file in a fresh process:
//   stream  — `readRecords` only (records are counted, not kept): memory should stay flat.
//   ingest  — `ingest` with deduplication: it must keep every distinct paper, so memory grows
//             with the number of papers; reported apart, as the cost of the result itself.
// Ratios are against the 1× file of the same format and mode, measured in this run.
// BENCH_INGEST_MB sets the base size in MB (default 8, so the largest file is 128 MB).
// The temporary files are deleted at the end.
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = new URL('../dist/ingest/index.js', import.meta.url).href;
const dataDir = fileURLToPath(new URL('../data/', import.meta.url));

if (process.argv[2] === '--child') {
  await child(process.argv[3], process.argv[4]);
} else {
  await main();
}

/** Measures one file in this (fresh) process and prints one JSON line. */
async function child(mode, file) {
  const { readRecords, ingest } = await import(dist);
  // Live heap: heap in use right after a full collection, sampled as the file is read.
  let peakHeap = 0;
  const sample = () => {
    globalThis.gc?.();
    const { heapUsed } = process.memoryUsage();
    if (heapUsed > peakHeap) peakHeap = heapUsed;
  };
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  let records = 0;
  let papers = 0;
  if (mode === 'stream') {
    let n = 0;
    for await (const item of readRecords(file, 'auto')) {
      if ('record' in item) records++;
      if (++n % 5000 === 0) sample();
    }
  } else {
    let reports = 0;
    // Progress comes every MB read: sample there (the merged papers are live by then).
    const result = await ingest([file], { onProgress: () => ++reports % 16 === 0 && sample() });
    records = result.stats.records;
    papers = result.stats.papers;
    sample();
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  sample();
  const maxRss = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(`${JSON.stringify({ records, papers, seconds, cpuSeconds, peakHeap, maxRss })}\n`);
}

async function main() {
  const { ingest } = await import(dist);
  const base = Number(process.env.BENCH_INGEST_MB ?? 8) * 1024 * 1024;
  const corpus = (await ingest([dataDir])).papers;
  const dir = mkdtempSync(join(tmpdir(), 'papergraph-bench-ingest-'));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  process.on('SIGINT', () => {
    cleanup();
    process.exit(130);
  });
  try {
    const rows = [];
    for (const format of ['jsonl', 'listing']) {
      for (const scale of [1, 4, 16]) {
        const file = join(dir, `papers-${scale}x.${format === 'jsonl' ? 'jsonl' : 'txt'}`);
        const written = await generate(file, format, base * scale, corpus);
        const size = statSync(file).size;
        for (const mode of ['stream', 'ingest']) {
          const run = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), '--child', mode, file], {
            encoding: 'utf8',
            maxBuffer: 1 << 20,
          });
          if (run.status !== 0) throw new Error(`bench child failed (${format} ${scale}× ${mode}): ${run.stderr}`);
          const m = JSON.parse(run.stdout.trim().split('\n').pop());
          if (m.records !== written) throw new Error(`${format} ${scale}×: wrote ${written} records, read ${m.records}`);
          rows.push({ format, scale, mode, size, ...m });
        }
        rmSync(file);
      }
    }
    printTable(rows);
  } finally {
    cleanup();
  }
}

/** Writes records until the file reaches `bytes`; returns how many were written. */
async function generate(file, format, bytes, corpus) {
  const out = createWriteStream(file);
  let written = 0;
  let n = 0;
  while (written < bytes) {
    // One record in ten repeats the record five before it: a duplicate to merge.
    const id = n % 10 === 9 ? n - 5 : n;
    const paper = corpus[id % corpus.length];
    const title = `${paper.title} V${id}`;
    const line =
      format === 'jsonl'
        ? `${JSON.stringify({ title, abstract: paper.abstract, year: paper.year ?? 2023, upvotes: n % 7 })}\n`
        : `${n % 7 ? n % 7 : '-'} ${title} ${paper.abstract} ${1 + (n % 9)} authors · May ${1 + (n % 28)}, 2023\n`;
    written += Buffer.byteLength(line);
    n++;
    if (!out.write(line)) await new Promise((resolve) => out.once('drain', resolve));
  }
  await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())));
  return n;
}

function printTable(rows) {
  const mb = (b) => (b / 1024 / 1024).toFixed(1);
  const header = ['input', 'mode', 'size MB', 'records', 'papers', 'records/s', 'rec/CPU-s', 'MB/CPU-s', 'peak RSS MB', 'live heap MB', 'CPU speed ×1×', 'RSS ×1×', 'heap ×1×'];
  const lines = [header];
  for (const r of rows) {
    const first = rows.find((b) => b.format === r.format && b.mode === r.mode && b.scale === 1);
    const rate = r.records / r.seconds;
    const cpuRate = r.records / r.cpuSeconds;
    const baseCpuRate = first.records / first.cpuSeconds;
    lines.push([
      `${r.format} ${r.scale}×`,
      r.mode,
      mb(r.size),
      String(r.records),
      r.mode === 'ingest' ? String(r.papers) : '-',
      rate.toFixed(0),
      cpuRate.toFixed(0),
      (r.size / 1024 / 1024 / r.cpuSeconds).toFixed(1),
      mb(r.maxRss),
      mb(r.peakHeap),
      (cpuRate / baseCpuRate).toFixed(2),
      (r.maxRss / first.maxRss).toFixed(2),
      (r.peakHeap / first.peakHeap).toFixed(2),
    ]);
  }
  const widths = header.map((_, k) => Math.max(...lines.map((l) => l[k].length)));
  for (const [k, l] of lines.entries()) {
    console.log(l.map((c, j) => (j < 2 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join('  '));
    if (k === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
  console.log(
    '\nstream: readRecords alone, records counted and dropped (memory should not grow with the input).\n' +
      'ingest: with deduplication, which keeps every distinct paper in memory by design (grows with papers).\n' +
      'live heap: peak heap in use right after a full GC, sampled while reading; peak RSS: the process maximum.\n' +
      'records/s is wall-clock time (noisy on a busy machine); rec/CPU-s divides by the process CPU time (user + system).',
  );
}
