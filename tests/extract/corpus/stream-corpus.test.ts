import { describe, expect, it } from 'vitest';
import {
  analyzePapersInOrder,
  parseThesaurus,
  resolveAnalyses,
  resolveAnalysesStreamed,
  type AnalyzedPaper,
  type PaperAnalysis,
} from '../../../src/extract/index.js';
import type { ExtractionResult } from '../../../src/model.js';
import { useBundledAnalyses } from '../../helpers/bundled-analyses.js';

const bundled = useBundledAnalyses();

/** The corpus as storage gives it back: a fresh JSON copy per read, counted. */
function storage(): { read: () => AsyncIterable<AnalyzedPaper>; reads: () => number } {
  let reads = 0;
  return {
    reads: () => reads,
    read: async function* () {
      reads++;
      for (let i = 0; i < bundled.papers.length; i++) {
        yield { paper: bundled.papers[i]!, analysis: JSON.parse(JSON.stringify(bundled.analyses[i])) as PaperAnalysis };
      }
    },
  };
}

async function streamed(options: Parameters<typeof resolveAnalysesStreamed>[0]): Promise<{ result: ExtractionResult; reads: number }> {
  const corpus = resolveAnalysesStreamed(options);
  for (const a of bundled.analyses) corpus.define(a);
  const store = storage();
  const result = await corpus.resolve(store.read);
  return { result, reads: store.reads() };
}

describe('the corpus pass streamed from storage', () => {
  it.each([1, 2, 3])('gives the same result as the in-memory pass (minDf %i)', async (minDf) => {
    const { result, reads } = await streamed({ minDf });
    expect(JSON.stringify(result)).toBe(JSON.stringify(resolveAnalyses(bundled.papers, bundled.analyses, { minDf })));
    // minDf 1 needs no sketch of document frequencies: statistics, then ranking.
    expect(reads).toBe(minDf > 1 ? 3 : 2);
  }, 60_000);

  it('with a thesaurus too', async () => {
    const thesaurus = parseThesaurus('label\treplace by\nPINN\tphysics-informed neural network\nneural network\t\n', 't.txt');
    const { result } = await streamed({ minDf: 2, thesaurus });
    expect(JSON.stringify(result)).toBe(JSON.stringify(resolveAnalyses(bundled.papers, bundled.analyses, { minDf: 2, thesaurus })));
    expect(result.concepts.some((c) => c.key === 'neural network')).toBe(false);
  }, 60_000);

  it('minDf keeps only concepts of that many papers, and each paper only those', async () => {
    const cut = resolveAnalyses(bundled.papers, bundled.analyses, { minDf: 3 });
    expect(cut.concepts.length).toBeGreaterThan(100);
    for (const c of cut.concepts) expect(c.df).toBeGreaterThanOrEqual(3);
    // The named concepts users look for first are there.
    const keys = new Set(cut.concepts.map((c) => c.key));
    for (const key of ['neural tangent kernel', 'physics informed neural network', 'state space model', 'diffusion model']) {
      expect(keys).toContain(key);
    }
    // Each concept's document frequency is the number of papers that keep it.
    const df = new Map<string, number>();
    for (const pc of cut.papers) for (const c of pc.concepts) df.set(c.key, (df.get(c.key) ?? 0) + 1);
    expect(cut.concepts.map((c) => [c.key, c.df])).toEqual([...df].sort(([a], [b]) => (a < b ? -1 : 1)));
  }, 60_000);

  it('rejects a bad minDf', () => {
    expect(() => resolveAnalysesStreamed({ minDf: 0 })).toThrow(/invalid `minDf`/);
    expect(() => resolveAnalyses(bundled.papers, bundled.analyses, { minDf: 1.5 })).toThrow(/invalid `minDf`/);
  });
});

describe('pass 1 as a stream', () => {
  it.each([0, 2])('hands every analysis over in input order (%i workers)', async (workers) => {
    const seen: number[] = [];
    const got: PaperAnalysis[] = [];
    await analyzePapersInOrder(bundled.papers, (a, i) => {
      seen.push(i);
      got.push(a);
    }, { workers });
    expect(seen).toEqual(bundled.papers.map((_p, i) => i));
    expect(JSON.stringify(got)).toBe(JSON.stringify(bundled.analyses));
  }, 120_000);

  it('stops with the error a sink throws', async () => {
    await expect(
      analyzePapersInOrder(bundled.papers, (_a, i) => {
        if (i === 100) throw new Error('disk full');
      }, { workers: 2 }),
    ).rejects.toThrow('disk full');
  }, 120_000);
});
