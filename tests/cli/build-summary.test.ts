import { describe, expect, it } from 'vitest';
import { formatBuildSummary, formatSeconds } from '../../src/cli/build-summary.js';
import type { BuildSummary } from '../../src/pipeline.js';

const summary: BuildSummary = {
  out: 'out',
  files: 1,
  records: 7,
  duplicatesMerged: 1,
  skipped: { 'no-abstract': 2 },
  problems: [],
  papers: 6,
  undated: 0,
  concepts: 20,
  mentions: 40,
  edges: 30,
  minDf: 2,
  topEdges: 0,
  communities: 13,
  fields: 4,
  genericDropped: 0,
  modularity: 0.41234,
  algorithm: 'louvain',
  resolution: 1,
  seed: 42,
  weighting: 'association',
  topCommunities: [{ id: 0, label: 'neural networks · training', concepts: 5, papers: 3 }],
  timings: [
    { stage: 'ingest', ms: 1000 },
    { stage: 'extract', ms: 12 },
    { stage: 'graph', ms: 45_600 },
  ],
  written: ['graph.json', 'communities.json'],
};

describe('formatSeconds', () => {
  it.each([
    [12, '0.012s'],
    [1230, '1.23s'],
    [45_600, '45.6s'],
    [99, '0.099s'],
    [100, '0.10s'],
  ])('%d ms is %s', (ms, text) => {
    expect(formatSeconds(ms)).toBe(text);
  });
});

describe('formatBuildSummary', () => {
  it('names the generic concepts left out and where they are listed', () => {
    expect(formatBuildSummary({ ...summary, genericDropped: 7 })).toMatch(/; 7 generic left out, see dropped-concepts\.tsv\)$/m);
    expect(formatBuildSummary(summary)).not.toMatch(/generic/);
  });

  it('counts the undated papers, and says nothing when all are dated', () => {
    expect(formatBuildSummary({ ...summary, undated: 2 })).toMatch(/^papers {7}6 \(.*; 2 undated\)$/m);
    expect(formatBuildSummary(summary)).not.toMatch(/undated/);
  });

  it('prints the counts, the top communities, the times and the files', () => {
    const text = formatBuildSummary(summary);
    expect(text).toMatch(/^papers {7}6 \(7 records in 1 files, 1 duplicates merged, 2 skipped\)$/m);
    expect(text).toMatch(/^modularity {3}0\.4123$/m);
    expect(text).toMatch(/^ {4}0 {2}neural networks · training {2}\(5 concepts, 3 papers\)$/m);
    expect(text).toMatch(/^ {2}… 12 more in communities\.json$/m);
    expect(text).toMatch(/^time {9}ingest 1\.00s · extract 0\.012s · graph 45\.6s$/m);
    expect(text).toMatch(/^wrote {8}out\/graph\.json, out\/communities\.json$/m);
    expect(text).not.toMatch(/^added/m);
    expect(text.endsWith('\n')).toBe(true);
  });

  it('says what a --into build added and changed', () => {
    const text = formatBuildSummary({
      ...summary,
      incremental: { previousPapers: 4, newPapers: 2, alreadyInBuild: 1, updatedPapers: 0, newConcepts: 3, changes: ['community 2 grew'] },
    });
    expect(text).toMatch(/^added {8}2 new papers to 4 \(1 already in the build\), 3 new concepts\n {2}community 2 grew$/m);
  });
});

describe('the --into summary', () => {
  const incremental = { previousPapers: 5, newPapers: 1, alreadyInBuild: 0, updatedPapers: 0, newConcepts: 2, changes: ['community 0 grew from 4 to 5 concepts (1 new)'] };

  it.each([
    [{}, 'communities  4 fields, 13 topics (louvain warm-started from the previous build, resolution 1, seed 42)'],
    [{ refinedByLeiden: true }, 'communities  4 fields, 13 topics (louvain warm-started from the previous build, refined by one Leiden pass, resolution 1, seed 42)'],
  ])('names the algorithm asked for (%j)', (extra, line) => {
    const text = formatBuildSummary({ ...summary, ...extra, incremental });
    expect(text.split('\n')).toContain(line);
    expect(text).not.toMatch(/\(leiden/);
  });
});
