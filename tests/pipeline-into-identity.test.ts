import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPriorBuild } from '../src/build-dir/index.js';
import type { PaperRecord } from '../src/model.js';
import { runBuild, type BuildSummary } from '../src/pipeline.js';
import { formatBuildSummary } from '../src/cli/build-summary.js';

const NTK = 'Neural Tangent Kernel: Convergence and Generalization in Neural Networks';
const HOPFIELD = 'Hopfield Networks is All You Need';

/** The earlier build's papers: known by their titles only. */
const EARLIER = [
  [NTK, 'At initialization, wide neural networks are equivalent to Gaussian processes. During training, the neural tangent kernel describes the evolution of wide neural networks.'],
  [HOPFIELD, 'Modern Hopfield networks store many patterns with an energy function. Attention in transformers is the update rule of modern Hopfield networks.'],
  ['Wide networks as Gaussian processes', 'Infinitely wide neural networks are Gaussian processes, and the neural tangent kernel of wide neural networks stays constant in training.'],
  ['Associative memory with attention', 'Attention layers in transformers act as associative memory, like modern Hopfield networks with an energy function.'],
].map(([title, abstract]) => JSON.stringify({ title, abstract }));

// The same two papers, now with their DOI and arXiv ids, and one new paper.
const BIBTEX = `@inproceedings{jacot2018,
  title = {Neural Tangent Kernel: Convergence and Generalization in Neural Networks},
  abstract = {At initialization, wide neural networks are equivalent to Gaussian processes. During training, the neural tangent kernel describes the evolution of wide neural networks.},
  doi = {10.5555/3327757.3327948},
  eprint = {1806.07572},
  archiveprefix = {arXiv},
  year = {2018}
}
@article{kernel2020,
  title = {Kernel regime of wide neural networks},
  abstract = {In the kernel regime, wide neural networks train like a linear model with the neural tangent kernel, close to Gaussian processes.},
  year = {2020}
}
`;
const ATOM = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <entry>
    <id>http://arxiv.org/abs/2008.02217v3</id>
    <title>Hopfield Networks is All You Need</title>
    <summary>Modern Hopfield networks store many patterns with an energy function. Attention in transformers is the update rule of modern Hopfield networks.</summary>
  </entry>
</feed>
`;

let dir: string;
let summary: BuildSummary;
/** The paper records a build holds (its state: the records with every field). */
const records = async (out: string): Promise<PaperRecord[]> => (await loadPriorBuild(out)).papers;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'papergraph-into-identity-'));
  await writeFile(join(dir, 'earlier.jsonl'), `${EARLIER.join('\n')}\n`);
  await writeFile(join(dir, 'refs.bib'), BIBTEX);
  await writeFile(join(dir, 'feed.xml'), ATOM);
  const inputs = [join(dir, 'refs.bib'), join(dir, 'feed.xml')];
  await runBuild({ inputs: [join(dir, 'earlier.jsonl')], out: join(dir, 'into'), workers: 0 });
  summary = await runBuild({ inputs, into: join(dir, 'into'), workers: 0 });
  await runBuild({ inputs: [join(dir, 'earlier.jsonl'), ...inputs], out: join(dir, 'scratch'), workers: 0 });
}, 300_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('build --into across kinds of ids', () => {
  it('finds the papers the earlier build knew by title under their DOI and arXiv id', () => {
    expect(summary.papers).toBe(5);
    expect(summary.incremental).toMatchObject({ previousPapers: 4, newPapers: 1, alreadyInBuild: 2, updatedPapers: 2 });
    expect(formatBuildSummary(summary)).toMatch(/^added {8}1 new papers to 4 \(2 already in the build, 2 of them updated with new ids, sources or text\)/m);
  });

  it('holds each paper once, with the new ids, as a build from scratch does', async () => {
    const [into, scratch] = await Promise.all([records(join(dir, 'into')), records(join(dir, 'scratch'))]);
    expect(into.filter((r) => r.title === NTK)).toEqual([expect.objectContaining({ id: 'doi:10.5555/3327757.3327948', doi: '10.5555/3327757.3327948', arxivId: '1806.07572' })]);
    expect(into.filter((r) => r.title === HOPFIELD)).toEqual([expect.objectContaining({ id: 'arxiv:2008.02217', arxivId: '2008.02217' })]);
    const shape = (r: PaperRecord) => [r.id, r.title, r.doi, r.arxivId, r.sources.length];
    expect(into.map(shape)).toEqual(scratch.map(shape));
  });

  it('lists the papers as a build from scratch does', async () => {
    const ids = async (out: string) => (await readFile(join(out, 'papers.jsonl'), 'utf8')).trimEnd().split('\n').map((l) => (JSON.parse(l) as { id: string }).id);
    expect(await ids(join(dir, 'into'))).toEqual(await ids(join(dir, 'scratch')));
  });

  it('gives the concepts of a build from scratch', async () => {
    const concepts = async (out: string) =>
      (await readFile(join(out, 'concepts.jsonl'), 'utf8')).trimEnd().split('\n').map((l) => (JSON.parse(l) as { key: string; df: number }))
        .map((c) => `${c.key}:${c.df}`);
    const [into, scratch] = await Promise.all([concepts(join(dir, 'into')), concepts(join(dir, 'scratch'))]);
    expect(into.length).toBeGreaterThan(3);
    expect(into).toEqual(scratch);
  });
});
