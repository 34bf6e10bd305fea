import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { isFurniture } from '../../src/ingest/listing.js';
import { BUNDLED_DATA_DIR } from '../../src/paths.js';
import { fixture, readAll, where } from './helpers.js';

describe('listing dumps: one line per paper', () => {
  it('keeps upvotes, author count and the dated listing date', async () => {
    const { records, problems } = await readAll(fixture('listing-one-line.txt'));
    expect(problems).toEqual([]);
    expect(records.map((r) => r.title)).toEqual([
      'Kernelised Normalising Flows',
      'Diffusion Nets',
      'Why do networks have inhibitory/negative connections?',
    ]);
    expect(records[0]).toMatchObject({ upvotes: 12, authorsCount: 3, date: '2023-05-26', year: 2023 });
    expect(records[0]!.abstract).toMatch(/^Normalising Flows are non-parametric/);
    expect(records[0]!.source).toMatchObject({ line: 1, format: 'listing' });
  });

  it('leaves the date out when the listing shows no year, and "-" means no upvotes', async () => {
    const { records } = await readAll(fixture('listing-one-line.txt'));
    expect(records[1]!.date).toBeUndefined();
    expect(records[1]!.year).toBeUndefined();
    expect(records[1]!.upvotes).toBeUndefined();
    expect(records[1]!.authorsCount).toBe(2);
    // A trailing count after the date is not part of the date.
    expect(records[2]).toMatchObject({ date: '2021-01-05', authorsCount: 1 });
  });
});

describe('listing dumps: page layout', () => {
  it('pairs title and abstract paragraphs, skips page furniture, reports a title without abstract', async () => {
    const { records, problems } = await readAll(fixture('listing-page.txt'));
    expect(records.map((r) => [r.title, r.source.line])).toEqual([
      ['Neural Tangent Kernel: Convergence and Generalization in Neural Networks', 13],
      ['How Powerful are Shallow Neural Networks with Bandlimited Random Weights?', 17],
      ['Why do Learning Rates Transfer? Reconciling Optimization and Scaling Limits for Deep Learning', 23],
    ]);
    expect(records[2]!.abstract).toMatch(/^Recently, there has been/);
    expect(where(problems)).toEqual(['listing-page.txt:21: missing-abstract']);
  });

  it.each([
    ['Subscribe', true],
    ['Get trending papers in your email inbox!', true],
    ['byAK and the research community', true],
    ['Mar 12', true],
    ['7 authors', true],
    ['42', true],
    ['On Neural Differential Equations', false],
    ['Monotone deep Boltzmann machines', false],
  ])('furniture %s → %s', (text, expected) => {
    expect(isFurniture(text)).toBe(expected);
  });
});

describe('the bundled corpus', () => {
  it('has 265 records and 223 distinct papers, each with a title and an abstract', async () => {
    const result = await ingest([BUNDLED_DATA_DIR]);
    expect(result.stats).toMatchObject({ files: 4, records: 265, papers: 223, duplicatesMerged: 42, skipped: {} });
    expect(result.problems).toEqual([]);
    for (const paper of result.papers) {
      expect(paper.title.length).toBeGreaterThan(3);
      expect(paper.abstract.length).toBeGreaterThan(50);
    }
    // A paper of the one-line dump also listed in a page-layout dump is merged and keeps both sources.
    const hiss = result.papers.find((p) => p.title === 'Hierarchical State Space Models for Continuous Sequence-to-Sequence Modeling');
    expect(hiss?.sources.map((s) => s.file.split('/').pop())).toEqual(['000_e39fb4f984795cf6.txt', '002_6631015e680066d9.txt']);
    expect(hiss).toMatchObject({ upvotes: 14, authorsCount: 7, date: '2024-02-15' });
  });
});
