import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fullGarbageCollection } from '../src/memory.js';
import { runBuild } from '../src/pipeline.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'papergraph-memory-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A WeakRef to an object nothing else holds (made in its own function and job). */
async function unreachable(): Promise<WeakRef<object>> {
  const ref = new WeakRef({ payload: new Array(1000).fill('x') });
  // Targets of WeakRefs made in a job stay alive until the job ends.
  await new Promise((resolve) => setTimeout(resolve, 0));
  return ref;
}

describe('fullGarbageCollection', () => {
  it('collects what nothing holds, with or without --expose-gc', async () => {
    const gc = fullGarbageCollection();
    const ref = await unreachable();
    gc();
    expect(ref.deref()).toBeUndefined();
  });
});

describe('runBuild betweenStages', () => {
  it('is called once after every stage', async () => {
    const input = join(dir, 'papers.jsonl');
    const abstract = 'Neural tangent kernels describe wide networks. We study neural tangent kernels of deep networks.';
    await writeFile(
      input,
      ['a', 'b', 'c'].map((id) => JSON.stringify({ id: `doi:10.1/${id}`, title: `Neural tangent kernel ${id}`, abstract })).join('\n'),
    );
    let calls = 0;
    const summary = await runBuild({ inputs: [input], out: join(dir, 'out'), betweenStages: () => calls++ });
    expect(summary.timings.length).toBeGreaterThan(5);
    expect(calls).toBe(summary.timings.length);
  }, 60_000);
});
