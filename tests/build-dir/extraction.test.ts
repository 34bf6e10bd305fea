import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractThroughState, readBuildState, writeBuildState, type ExtractionPasses } from '../../src/build-dir/index.js';
import { BUILD_STATE_SCRATCH } from '../../src/build-dir/state.js';
import type { PaperAnalysis } from '../../src/extract/index.js';
import type { PaperRecord } from '../../src/model.js';

const paper = (id: string): PaperRecord => ({ id, title: `T ${id}`, abstract: `A ${id}.`, sources: [] });
// The smallest analysis the state accepts (its checks look at these fields only).
const analysis = (id: string) => ({ id, sentences: [[], []], lengths: [0, 0], chunks: [], acronyms: [] }) as unknown as PaperAnalysis;

/** Fake passes that record what pass 2 was given, and when. */
function recordingPasses(failAt?: number) {
  const defined: string[] = [];
  const readBack: string[] = [];
  const passes: ExtractionPasses = {
    async analyze(papers, onAnalysis) {
      papers.forEach((p, i) => {
        if (i === failAt) throw new Error('pass 1 failed');
        onAnalysis(analysis(p.id), i);
      });
    },
    corpus: {
      define: (a) => void defined.push(a.id),
      async resolve(read) {
        for await (const line of read()) readBack.push(`${line.paper.id}/${line.analysis.id}`);
        return { papers: [], concepts: [], ambiguousAcronyms: [] };
      },
    },
  };
  return { passes, defined, readBack };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pg-extraction-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('extractThroughState', () => {
  it('hands pass 1 to pass 2 through the state, then compresses it into place', async () => {
    const out = join(dir, 'scratch');
    const { passes, defined, readBack } = recordingPasses();
    const fresh = [paper('a'), paper('b')];
    const result = await extractThroughState(out, fresh, undefined, 2, passes);
    expect(result.papers.map((p) => p.id)).toEqual(['a', 'b']);
    expect(defined).toEqual(['a', 'b']);
    expect(readBack).toEqual(['a/a', 'b/b']);
    expect(await result.stateSaved()).toBe(join(out, 'state/papers.jsonl.gz'));
    expect(existsSync(join(out, BUILD_STATE_SCRATCH))).toBe(false);
    expect((await readBuildState(out)).papers.map((p) => p.id)).toEqual(['a', 'b']);
  });

  it('with `into`, merges the earlier papers and the new ones by id', async () => {
    const earlier = join(dir, 'earlier');
    await writeBuildState(earlier, [paper('a'), paper('c')], [analysis('a'), analysis('c')]);
    const out = join(dir, 'merged');
    const { passes, defined, readBack } = recordingPasses();
    const result = await extractThroughState(out, [paper('b'), paper('d')], earlier, 4, passes);
    expect(result.papers.map((p) => p.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(defined).toEqual(['a', 'b', 'c', 'd']);
    expect(readBack).toEqual(['a/a', 'b/b', 'c/c', 'd/d']);
    await result.stateSaved();
    expect((await readBuildState(out)).papers.map((p) => p.id)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('leaves no half-written state when pass 1 fails', async () => {
    const out = join(dir, 'failed');
    const { passes } = recordingPasses(1);
    await expect(extractThroughState(out, [paper('a'), paper('b')], undefined, 2, passes)).rejects.toThrow(/pass 1 failed/);
    expect(existsSync(join(out, BUILD_STATE_SCRATCH))).toBe(false);
    expect(existsSync(join(out, `${BUILD_STATE_SCRATCH}.tmp`))).toBe(false);
    expect(existsSync(join(out, 'state/papers.jsonl.gz'))).toBe(false);
  });
});
