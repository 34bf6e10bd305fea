import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.js';
import { UserError } from '../src/errors.js';
import type { CommunitiesFile } from '../src/model.js';
import { exportBuild, runBuild, type BuildSummary } from '../src/pipeline.js';
import { formatBuildSummary } from '../src/cli/build-summary.js';
import type { ConceptRow, PaperRow } from '../src/build-dir/index.js';
import { captureOutputPerTest } from './helpers/output.js';

const SLOW = 600_000; // the whole bundled corpus, on a busy machine

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'papergraph-pipeline-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A small JSONL corpus: two fields, three papers each, sharing their vocabulary. */
const SMALL = [
  ['Spectral graph convolution', 'Graph neural networks learn node embeddings by message passing. Graph neural networks with spectral convolution generalize message passing.'],
  ['Message passing for molecules', 'Message passing graph neural networks predict molecular properties from node embeddings.'],
  ['Oversmoothing in deep graph networks', 'Deep graph neural networks suffer oversmoothing of node embeddings under repeated message passing.'],
  ['Protein folding with attention', 'Protein structure prediction uses multiple sequence alignments and attention over residue pairs.'],
  ['Sequence alignments for structure prediction', 'Multiple sequence alignments improve protein structure prediction of residue contacts.'],
  ['Residue contacts from language models', 'Protein language models predict residue contacts and protein structure without multiple sequence alignments.'],
].map(([title, abstract], i) => JSON.stringify({ id: `p${i}`, title, abstract, year: 2020 + i }));

describe('runBuild', () => {
  it('gives byte-identical graph.json and communities.json for the same input and seed', async () => {
    const input = join(dir, 'small.jsonl');
    await writeFile(input, `${SMALL.join('\n')}\n`);
    const outs = [join(dir, 'a'), join(dir, 'b')];
    for (const out of outs) await runBuild({ inputs: [input], out, seed: 7, workers: 0 });
    for (const file of ['graph.json', 'communities.json', 'concepts.jsonl', 'papers.jsonl']) {
      const [a, b] = await Promise.all(outs.map((o) => readFile(join(o, file), 'utf8')));
      expect(a!.length).toBeGreaterThan(0);
      expect(a === b).toBe(true);
    }
  });

  it('times every stage in order and reports progress', async () => {
    const input = join(dir, 'small.jsonl');
    await writeFile(input, `${SMALL.join('\n')}\n`);
    const started: string[] = [];
    let clock = 0;
    const summary = await runBuild({
      inputs: [input],
      out: join(dir, 'timed'),
      workers: 0,
      now: () => (clock += 1000),
      progress: (stage) => {
        started.push(stage);
        return { report: () => {}, stop: () => {} };
      },
    });
    const stages = ['ingest', 'extract', 'graph', 'communities', 'metrics', 'layout', 'trends', 'write', 'reports', 'viewer'];
    expect(started).toEqual(stages);
    expect(summary.timings).toEqual(stages.map((stage) => ({ stage, ms: 1000 })));
    expect(summary).toMatchObject({ papers: 6, files: 1, records: 6, problems: [], written: ['graph.json', 'papers.jsonl', 'concepts.jsonl', 'communities.json', 'dropped-concepts.tsv', 'state/papers.jsonl.gz', 'report.md', 'report.json', 'report.csv', 'report.html', 'viewer-data.json', 'build-manifest.json'] });
    expect(formatBuildSummary(summary)).toMatch(/^time {9}ingest 1\.00s · extract 1\.00s · graph 1\.00s/m);
  });

  it('separates two unrelated fields into two fields', async () => {
    const input = join(dir, 'small.jsonl');
    await writeFile(input, `${SMALL.join('\n')}\n`);
    const out = join(dir, 'fields');
    await runBuild({ inputs: [input], out, workers: 0, minDf: 2 });
    const rows = (await readFile(join(out, 'papers.jsonl'), 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l) as PaperRow);
    // Ingest gives papers their own ids; find them by title.
    const field = (title: string) => rows.find((r) => r.title.startsWith(title))!.field;
    expect(field('Spectral graph')).toBeDefined();
    expect(field('Message passing')).toBe(field('Spectral graph'));
    expect(field('Oversmoothing')).toBe(field('Spectral graph'));
    expect(field('Sequence alignments')).toBe(field('Protein folding'));
    expect(field('Residue contacts')).toBe(field('Protein folding'));
    expect(field('Protein folding')).not.toBe(field('Spectral graph'));
  });

  it('leaves papers in other languages out by default, lists them, and keeps them with --languages', async () => {
    const french = [
      ['Traduction automatique statistique', 'Nous présentons un système de traduction automatique statistique et nous l’évaluons sur des textes journalistiques de plusieurs sources.'],
      ['Analyse syntaxique du français', 'Cet article décrit un analyseur syntaxique en dépendances pour le français et ses résultats sur un corpus arboré de référence.'],
    ].map(([title, abstract], i) => JSON.stringify({ id: `fr${i}`, title, abstract }));
    const input = join(dir, 'mixed.jsonl');
    await writeFile(input, `${[...SMALL, ...french].join('\n')}\n`);
    const english = await runBuild({ inputs: [input], out: join(dir, 'en-only'), workers: 0 });
    expect(english.papers).toBe(6);
    expect(english.languages).toEqual({
      kept: ['en'],
      leftOutByLanguage: [['fr', 2]],
      leftOut: [
        { id: 'fr0', title: 'Traduction automatique statistique', language: 'fr' },
        { id: 'fr1', title: 'Analyse syntaxique du français', language: 'fr' },
      ],
    });
    expect(formatBuildSummary(english)).toMatch(/^languages {4}en kept; 2 papers in other languages left out \(fr 2; --languages changes it\)\n {2}fr {2}fr0 {2}Traduction automatique statistique\n/m);
    const rows = (await readFile(join(dir, 'en-only', 'papers.jsonl'), 'utf8')).trimEnd().split('\n');
    expect(rows.map((r) => (JSON.parse(r) as PaperRow).id).filter((id) => id.startsWith('fr'))).toEqual([]);

    const both = await runBuild({ inputs: [input], out: join(dir, 'en-fr'), workers: 0, languages: ['en', 'fr'] });
    expect(both.papers).toBe(8);
    expect(both.languages?.leftOut).toEqual([]);
    const all = await runBuild({ inputs: [input], out: join(dir, 'all-languages'), workers: 0, languages: 'all' });
    expect(all.papers).toBe(8);
    expect(all.languages).toBeUndefined();
    expect(formatBuildSummary(all)).not.toMatch(/^languages/m);
  });

  it('says so when every paper is in another language', async () => {
    const input = join(dir, 'french.jsonl');
    await writeFile(input, `${JSON.stringify({ title: 'Traduction automatique statistique', abstract: 'Nous présentons un système de traduction automatique statistique et nous l’évaluons sur des textes journalistiques.' })}\n`);
    await expect(runBuild({ inputs: [input], out: join(dir, 'french'), workers: 0 })).rejects.toThrow(/1 paper is in other languages than en \(fr 1\): --languages all keeps them/);
  });

  it('rejects a missing thesaurus and bad options with a UserError', async () => {
    await expect(runBuild({ inputs: [join(dir, 'small.jsonl')], out: join(dir, 'x'), thesaurus: join(dir, 'nope.txt') })).rejects.toThrow(UserError);
    await expect(runBuild({ inputs: [join(dir, 'small.jsonl')], out: join(dir, 'x'), minDf: 0 })).rejects.toThrow(UserError);
    await expect(runBuild({ inputs: [join(dir, 'small.jsonl')], out: join(dir, 'x'), resolution: -1 })).rejects.toThrow(UserError);
    await expect(runBuild({ inputs: [join(dir, 'small.jsonl')], out: join(dir, 'x'), trends: { gamma: -1 } })).rejects.toThrow(/--burst-gamma/);
  });
});

describe('the bundled corpus', () => {
  let summary: BuildSummary;
  let communities: CommunitiesFile;
  let concepts: Map<string, ConceptRow>;
  const out = () => join(dir, 'bundled');

  beforeAll(async () => {
    summary = await runBuild({ out: out() });
    communities = JSON.parse(await readFile(join(out(), 'communities.json'), 'utf8')) as CommunitiesFile;
    concepts = new Map(
      (await readFile(join(out(), 'concepts.jsonl'), 'utf8'))
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as ConceptRow)
        .map((r) => [r.key, r]),
    );
  }, SLOW);

  it('has clear community structure, every community non-empty', () => {
    expect(summary.papers).toBeGreaterThan(200);
    // Topics are found on the concepts of 3+ papers; measured on the whole concept graph (pairs
    // of one paper included) their modularity is lower than a partition of that graph reaches.
    expect(summary.modularity).toBeGreaterThan(0.15);
    expect(summary.fields).toBeGreaterThan(2);
    expect(summary.fields).toBeLessThan(summary.communities);
    expect(formatBuildSummary(summary)).toMatch(/^modularity {3}0\.\d{4}$/m);
    expect(communities.communities.length).toBeGreaterThan(3);
    for (const c of communities.communities) {
      expect(c.concepts.length).toBeGreaterThan(0);
      expect(c.label.length).toBeGreaterThan(0);
    }
    // Every paper that mentions a graph concept is in exactly one community.
    const placed = communities.communities.flatMap((c) => c.papers);
    expect(new Set(placed).size).toBe(placed.length);
  });

  // Each named concept (its key, or the first of several spellings extraction may settle on),
  // and terms that mark its field: one of them must be among the 10 most central concepts of
  // the concept's community.
  it.each([
    [['neural tangent kernel'], ['neural tangent kernel', 'neural tangent', 'kernel', 'infinite width', 'gradient descent', 'loss landscape', 'overparameterization']],
    [['physics informed neural network'], ['physics informed neural network', 'partial differential equation', 'partial differential equation solution', 'neural operator', 'collocation point', 'navier stoke']],
    [['state space model'], ['state space model', 'HiPPO', 'long range', 'long range arena benchmark', 'long sequence', 'structured state space', 'mamba']],
    [['diffusion model'], ['diffusion model', 'score based diffusion', 'score matching', 'denoising', 'generative model', 'fokker planck', 'probability density', 'density function']],
    [['hopfield network', 'hopfield'], ['hopfield network', 'hopfield', 'associative memory', 'associative neural network', 'spin glass', 'hebbian', 'storage capacity']],
  ])('puts %j in a community labelled by its field', (keys, fieldTerms) => {
    const key = keys.find((k) => concepts.has(k));
    expect(key, `one of ${keys.join(', ')}`).toBeDefined();
    const row = concepts.get(key!)!;
    const community = communities.communities[row.community!]!;
    const top = new Set(community.topConcepts.map((k) => k.toLowerCase()));
    expect(fieldTerms.some((t) => top.has(t.toLowerCase())), `${key}: ${community.label}`).toBe(true);
  });
});

describe('CLI', () => {
  const output = captureOutputPerTest();

  it('exits 2 and names the skipped record when ingest skips one', async () => {
    const input = join(dir, 'with-bad.jsonl');
    await writeFile(input, `${SMALL.join('\n')}\n{not json\n`);
    const code = await runCli(['build', input, '--out', join(dir, 'partial'), '--no-neo4j']);
    expect(code).toBe(2);
    expect(output.stderr).toMatch(/skipped .*with-bad\.jsonl:7: /);
    expect(output.stdout).toMatch(/^papers {7}6 \(6 records in 1 files, 0 duplicates merged, 1 skipped\)$/m);
    const rows = (await readFile(join(dir, 'partial', 'papers.jsonl'), 'utf8')).trimEnd().split('\n');
    expect(rows).toHaveLength(6);
  });

  it('exits 1 and writes nothing when the inputs hold no paper', async () => {
    const input = join(dir, 'feed.xml');
    await writeFile(input, '<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n<title>Empty</title>\n</feed>\n');
    const out = join(dir, 'no-papers');
    expect(await runCli(['build', input, '--format', 'jsonl', '--out', out, '--no-neo4j'])).toBe(1);
    // After the ingest stage's progress line (one line per stage when not on a terminal).
    expect(output.stderr).toMatch(/^papergraph: build: no papers in the inputs \(1 file, 0 records read\); nothing written\n {2}.*feed\.xml:1: not jsonl as --format says: it looks like XML; try --format arxiv/m);
    expect(output.stderr).not.toMatch(/\bat .*\.ts:\d+/);
    expect(existsSync(out)).toBe(false);
    await expect(runBuild({ inputs: [input], out, workers: 0 })).rejects.toMatchObject({ code: 'E_INPUT' });
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    [['build', '--algorithm', 'walktrap']],
    [['build', '--resolution', '0']],
    [['build', '--min-df', 'two']],
    [['build', '--languages', 'english']],
    [['build', '--languages', ',']],
    [['export', 'nowhere-to-be-found', '--format', 'gexf']],
    [['export', 'out']],
  ])('exits 1 on a usage mistake: %j', async (argv) => {
    expect(await runCli(argv)).toBe(1);
    expect(output.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('exports a built folder as GEXF, GraphML and CSV', async () => {
    const input = join(dir, 'small.jsonl');
    await writeFile(input, `${SMALL.join('\n')}\n`);
    const out = join(dir, 'to-export');
    expect(await runCli(['build', input, '--out', out, '--no-neo4j'])).toBe(0);
    expect(await runCli(['export', out, '--format', 'gexf'])).toBe(0);
    expect(await readFile(join(out, 'graph.gexf'), 'utf8')).toMatch(/^<\?xml/);
    const written = await exportBuild(out, 'csv', join(out, 'tables'));
    expect(written).toEqual([join(out, 'tables', 'nodes.csv'), join(out, 'tables', 'edges.csv')]);
    await expect(exportBuild(join(dir, 'missing'), 'graphml')).rejects.toThrow(/missing: no such build folder/);
    await expect(exportBuild(dir, 'graphml')).rejects.toThrow(/graph\.json: no such file/);
  });
});
