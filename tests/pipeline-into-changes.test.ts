import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatBuildSummary } from '../src/cli/build-summary.js';
import type { CommunitiesFile } from '../src/model.js';
import { runBuild, type BuildSummary } from '../src/pipeline.js';
import type { ReportModel } from '../src/report/index.js';

/** Two themes of twelve papers each, then four more papers on graphs that name a new method. */
const GRAPHS = [
  'Graph neural networks learn node embeddings by message passing over the edges of a graph.',
  'Message passing in graph neural networks aggregates neighbour features for node classification.',
  'Node classification on citation graphs improves with graph neural networks and message passing.',
  'We study the expressive power of graph neural networks for node classification and link prediction.',
  'Link prediction with node embeddings from graph neural networks outperforms matrix factorization.',
  'Message passing layers of graph neural networks suffer from oversquashing on long paths.',
];
const PROTEINS = [
  'Protein structure prediction from the amino acid sequence uses multiple sequence alignments.',
  'Multiple sequence alignments of the amino acid sequence give contact maps for protein structure prediction.',
  'Contact maps predicted from amino acid sequences guide protein folding simulations.',
  'Protein folding simulations with molecular dynamics reproduce the native protein structure.',
  'Molecular dynamics of protein folding reveal intermediate states of the amino acid chain.',
  'Protein structure prediction benefits from contact maps and molecular dynamics refinement.',
];
const NEW_METHOD = 'spectral graph wavelet';
const ADDED = [
  `A ${NEW_METHOD} transform gives node embeddings for graph neural networks and message passing.`,
  `Graph neural networks with a ${NEW_METHOD} filter improve node classification on citation graphs.`,
  `The ${NEW_METHOD} basis replaces message passing in graph neural networks for link prediction.`,
  `Node classification with ${NEW_METHOD} features and graph neural networks needs fewer layers.`,
];

const paper = (id: string, abstract: string, year: number) => JSON.stringify({ id, title: abstract.split(' ').slice(0, 6).join(' '), abstract, year });
const EARLIER = [
  ...[...GRAPHS, ...GRAPHS].map((a, i) => paper(`g${i}`, a, 2018 + (i % 4))),
  ...[...PROTEINS, ...PROTEINS].map((a, i) => paper(`p${i}`, a, 2018 + (i % 4))),
];
const LATER = ADDED.map((a, i) => paper(`n${i}`, a, 2022));

let dir: string;
let summary: BuildSummary;
const read = async (out: string, name: string) => readFile(join(dir, out, name), 'utf8');
const communities = async (out: string) => JSON.parse(await read(out, 'communities.json')) as CommunitiesFile;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'papergraph-into-changes-'));
  await writeFile(join(dir, 'earlier.jsonl'), `${EARLIER.join('\n')}\n`);
  await writeFile(join(dir, 'later.jsonl'), `${LATER.join('\n')}\n`);
  await runBuild({ inputs: [join(dir, 'earlier.jsonl')], out: join(dir, 'first'), workers: 0 });
  await runBuild({ inputs: [join(dir, 'earlier.jsonl')], out: join(dir, 'into'), workers: 0 });
  summary = await runBuild({ inputs: [join(dir, 'later.jsonl')], into: join(dir, 'into'), workers: 0 });
  await runBuild({ inputs: [join(dir, 'earlier.jsonl'), join(dir, 'later.jsonl')], out: join(dir, 'scratch'), workers: 0 });
}, 300_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The topic of `into` whose concepts hold `key`. */
const topicOf = (file: CommunitiesFile, key: string) => file.communities.find((c) => c.concepts.includes(key));

describe('build --into: what changed', () => {
  it('stores the papers before and after and the new concept with its papers and topic', async () => {
    const into = await communities('into');
    const topic = topicOf(into, NEW_METHOD);
    expect(topic).toBeDefined();
    expect(into.changes?.papers).toEqual({ before: EARLIER.length, after: EARLIER.length + LATER.length });
    expect(into.changes?.partition.newConcepts).toBe(1);
    expect(into.changes?.topNewConcepts).toEqual([{ key: NEW_METHOD, label: NEW_METHOD, papers: ADDED.length, community: topic!.id }]);
  });

  it('stores the topic that grew, with its papers and concepts before and after', async () => {
    const [first, into] = await Promise.all([communities('first'), communities('into')]);
    const after = topicOf(into, NEW_METHOD)!;
    // The graph topic keeps its id: the same id held graph neural networks before.
    const before = first.communities.find((c) => c.id === after.id)!;
    expect(before.concepts).toContain('graph neural network');
    expect(into.changes?.partition.grown).toEqual([{ id: after.id, before: before.concepts.length, after: after.concepts.length, newConcepts: 1 }]);
    expect(into.changes?.topics).toEqual([
      {
        id: after.id,
        before: { label: before.label, papers: before.papers.length, concepts: before.concepts.length },
        after: { label: after.label, papers: after.papers.length, concepts: after.concepts.length },
      },
    ]);
    expect(after.papers.length - before.papers.length).toBe(ADDED.length);
  });

  it('says the same in the report (md, html, json) as in the build summary', async () => {
    const into = await communities('into');
    const grown = into.changes!.partition.grown[0]!;
    const { before, after } = into.changes!.topics.find((t) => t.id === grown.id)!;
    expect(formatBuildSummary(summary)).toContain(`community ${grown.id} grew from ${grown.before} to ${grown.after} concepts (1 new)`);
    expect(summary.incremental?.newConcepts).toBe(into.changes!.partition.newConcepts);

    const md = await read('into', 'report.md');
    expect(md).toContain('## What changed');
    expect(md).toContain(`Papers: ${EARLIER.length} → ${EARLIER.length + LATER.length} (+${LATER.length}). 1 new concept.`);
    expect(md).toContain(`| ${NEW_METHOD} | ${ADDED.length} | [${grown.id}](#community-${grown.id}): `);
    expect(md).toMatch(new RegExp(`^\\| \\[${grown.id}\\]\\(#community-${grown.id}\\) \\| .* \\| ${before!.papers} → ${after!.papers} \\| ${grown.before} → ${grown.after} \\| 1 \\|$`, 'm'));

    const html = await read('into', 'report.html');
    expect(html).toContain('<section id="changes">');
    expect(html).toContain('<li><a href="#changes">What changed</a></li>');
    expect(html).toContain(`<td class="n">${before!.papers} → ${after!.papers}</td><td class="n">${grown.before} → ${grown.after}</td>`);

    const json = JSON.parse(await read('into', 'report.json')) as ReportModel;
    expect(json.changes).toEqual(into.changes);
  });

  it('has no changes and no section in a build from scratch', async () => {
    const scratch = await communities('scratch');
    expect(scratch).not.toHaveProperty('changes');
    expect(await read('scratch', 'report.md')).not.toContain('What changed');
    expect(await read('scratch', 'report.html')).not.toContain('id="changes"');
    expect(JSON.parse(await read('scratch', 'report.json'))).not.toHaveProperty('changes');
  });
});
