import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  extractConcepts,
  extractConceptsParallel,
  parseThesaurus,
  resolveAnalyses,
  type ExtractOptions,
} from '../../src/extract/index.js';
import { analyzeInWorkers, batchSizeFor, extractInWorkers } from '../../src/extract/parallel.js';
import { DEFAULT_WEIGHTS } from '../../src/extract/corpus/index.js';
import { useBundledAnalyses } from '../helpers/bundled-analyses.js';

const bundled = useBundledAnalyses();

const thesaurus = parseThesaurus(
  'label\treplace by\nPINN\tphysics-informed neural network\nneural network\t\ndeep learning\tdeep neural learning\n',
  't.txt',
);

describe('the corpus pass split across worker threads', () => {
  // Each row: options, papers; the result must be the serial one, byte for byte.
  const cases: Array<[string, number, Partial<ExtractOptions>]> = [
    ['defaults', 223, {}],
    ['minDf 2', 223, { minDf: 2 }],
    ['a thesaurus that merges and drops', 223, { thesaurus }],
    ['a thesaurus with minDf 3', 120, { thesaurus, minDf: 3 }],
    ['top 3 without shared concepts', 120, { top: 3, keepShared: false }],
    ['hand weights, no ranker', 120, { ranker: null, minRelativeScore: 0 }],
  ];
  // Two threads keep pass 2 on this one; three share it out.
  const runs = cases.flatMap(([name, n, options]) => [2, 3].map((workers) => [name, n, workers, options] as const));
  it.each(runs)('gives the serial result with %s (%i papers, %i threads)', async (_name, n, workers, options) => {
    const serial = JSON.stringify(resolveAnalyses(bundled.papers.slice(0, n), bundled.analyses.slice(0, n), options));
    const parallel = JSON.stringify(await extractConceptsParallel(bundled.papers.slice(0, n), { ...options, workers }));
    expect(parallel).toBe(serial);
  }, 120_000);

  it('gives the same result with three shares and uneven batches', async () => {
    // 61 papers in batches of 20: three full batches and one of one paper.
    const some = bundled.papers.slice(0, 61);
    expect(batchSizeFor(some.length, 3)).toBe(20);
    const serial = JSON.stringify(extractConcepts(some, { workers: 0 }));
    expect(serial).toBe(JSON.stringify(resolveAnalyses(some, bundled.analyses.slice(0, 61))));
    expect(JSON.stringify(await extractConceptsParallel(some, { workers: 3 }))).toBe(serial);
  }, 120_000);

  it('gives the same result with one worker thread (this thread then only assembles)', async () => {
    const some = bundled.papers.slice(0, 70);
    expect(JSON.stringify(await extractConceptsParallel(some, { workers: 1 }))).toBe(JSON.stringify(resolveAnalyses(some, bundled.analyses.slice(0, 70))));
  }, 120_000);

  it('the thesaurus changes the result (so the cases above test something)', () => {
    const plain = resolveAnalyses(bundled.papers, bundled.analyses);
    const mapped = resolveAnalyses(bundled.papers, bundled.analyses, { thesaurus });
    const keys = (r: typeof plain) => new Set(r.concepts.map((c) => c.key));
    expect(keys(plain).has('neural network')).toBe(true);
    expect(keys(mapped).has('neural network')).toBe(false);
  }, 120_000);

  it('an empty corpus gives an empty result', async () => {
    expect(await extractConceptsParallel([], { workers: 2 })).toEqual({ papers: [], concepts: [], ambiguousAcronyms: [] });
  });
});

describe('batch sizes', () => {
  it.each([
    [10, 2, 20],
    [223, 2, 20],
    [3000, 2, 188],
    [100_000, 2, 250],
    [100_000, 0, 250],
  ])('%i papers for %i workers: batches of %i', (n, workers, size) => {
    expect(batchSizeFor(n, workers)).toBe(size);
  });
});

describe('a worker that dies', () => {
  const dir = mkdtempSync(join(tmpdir(), 'papergraph-worker-'));
  const dying = join(dir, 'dying.mjs');
  writeFileSync(dying, 'process.exit(3);\n');
  const throwing = join(dir, 'throwing.mjs');
  writeFileSync(throwing, "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => { throw new Error('tagger broke'); });\n");

  it('fails pass 1 with its exit code instead of waiting forever', async () => {
    await expect(analyzeInWorkers(bundled.papers.slice(0, 50), () => {}, { script: dying, workers: 2 })).rejects.toThrow(/exited with code 3/);
  });

  it('fails the corpus pass when a worker thread exits, while this thread works too', async () => {
    const options = { top: 0, minRelativeScore: 0.2, keepShared: true, weights: DEFAULT_WEIGHTS, ranker: null };
    await expect(extractInWorkers(bundled.papers.slice(0, 80), options, { script: dying, workers: 3 })).rejects.toThrow(/exited with code 3/);
  });

  it('fails the corpus pass with the error the worker threw', async () => {
    const options = { top: 0, minRelativeScore: 0.2, keepShared: true, weights: DEFAULT_WEIGHTS, ranker: null };
    await expect(extractInWorkers(bundled.papers.slice(0, 50), options, { script: throwing, workers: 2 })).rejects.toThrow(/tagger broke/);
  });
});
