import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { BUNDLED_DATA_DIR } from '../../src/paths.js';
import { analyzePapers, clearExtractionMemos, extractConcepts, resolveAnalyses, type PaperAnalysis } from '../../src/extract/index.js';
import type { PaperText } from '../../src/model.js';

const ROOT = new URL('../../', import.meta.url).pathname;
let papers: PaperText[] = [];

beforeAll(async () => {
  // The worker script runs from dist/ (type errors elsewhere still emit JS).
  try {
    execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', ROOT], { stdio: 'ignore' });
  } catch {
    /* emitted anyway */
  }
  const ingested = await ingest([BUNDLED_DATA_DIR]);
  papers = ingested.papers.slice(0, 80).map((p) => ({ id: p.id, title: p.title, abstract: p.abstract }));
}, 180_000);

/** Every value reachable from `v` is JSON data (no Map, Set, class instance, undefined or function). */
function nonJson(v: unknown, path = '$'): string[] {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return [];
  if (typeof v === 'number') return Number.isFinite(v) ? [] : [path];
  if (Array.isArray(v)) return v.flatMap((x, i) => nonJson(x, `${path}[${i}]`));
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    return Object.entries(v as Record<string, unknown>).flatMap(([k, x]) => nonJson(x, `${path}.${k}`));
  }
  return [path];
}

describe('two passes: analyzePapers then resolveAnalyses', () => {
  it('analyses are plain JSON data, and a JSON round trip gives the identical result', async () => {
    const analyses = await analyzePapers(papers, { workers: 0 });
    expect(analyses.map((a) => a.id)).toEqual(papers.map((p) => p.id));
    expect(analyses.flatMap((a, i) => nonJson(a, `analyses[${i}]`))).toEqual([]);
    const copied = JSON.parse(JSON.stringify(analyses)) as PaperAnalysis[];
    const direct = JSON.stringify(resolveAnalyses(papers, analyses));
    expect(JSON.stringify(resolveAnalyses(papers, copied))).toBe(direct);
    expect(direct).toBe(JSON.stringify(extractConcepts(papers)));
  }, 60_000);

  it('worker threads give the same analyses, in input order', async () => {
    const serial = await analyzePapers(papers, { workers: 0 });
    const parallel = await analyzePapers(papers, { workers: 2 });
    expect(JSON.stringify(parallel)).toBe(JSON.stringify(serial));
  }, 60_000);

  it('pass 2 over old + new analyses equals one run over all papers (incremental builds)', async () => {
    const old = await analyzePapers(papers.slice(0, 50), { workers: 0 });
    const added = await analyzePapers(papers.slice(50), { workers: 0 });
    const stored = JSON.parse(JSON.stringify(old)) as PaperAnalysis[];
    expect(JSON.stringify(resolveAnalyses(papers, [...stored, ...added]))).toBe(JSON.stringify(extractConcepts(papers)));
  }, 60_000);

  it.each([
    ['one analysis short', (a: PaperAnalysis[]) => a.slice(1), /79 analyses for 80 papers/],
    ['papers out of order', (a: PaperAnalysis[]) => [a[1]!, a[0]!, ...a.slice(2)], /analysis 0 is of paper/],
  ])('rejects mismatched analyses: %s', async (_name, mangle, message) => {
    const analyses = await analyzePapers(papers, { workers: 0 });
    expect(() => resolveAnalyses(papers, mangle(analyses))).toThrow(message);
  });
});

describe('per-word memos', () => {
  it('never change a result: a first run, a run on full memos and a run after emptying them agree', () => {
    clearExtractionMemos();
    const first = JSON.stringify(extractConcepts(papers, { workers: 0 }));
    // Another order fills the memos in another order before the same input runs again.
    extractConcepts([...papers].reverse(), { workers: 0 });
    const warm = JSON.stringify(extractConcepts(papers, { workers: 0 }));
    clearExtractionMemos();
    const cleared = JSON.stringify(extractConcepts(papers, { workers: 0 }));
    expect(warm).toBe(first);
    expect(cleared).toBe(first);
    expect(JSON.parse(first).concepts.length).toBeGreaterThan(50);
  });
});
