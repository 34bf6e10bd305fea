import { describe, expect, it } from 'vitest';
import { mergeWithBuild } from '../../src/ingest/merge-build.js';
import { titleHash } from '../../src/ingest/text.js';
import type { PaperRecord } from '../../src/model.js';

const NTK = 'Neural Tangent Kernel: Convergence and Generalization in Neural Networks';
const HOPFIELD = 'Hopfield Networks is All You Need';
const source = (file: string, line = 1) => ({ file, line, format: 'listing' as const });
const byTitle = (title: string, abstract = 'An abstract.', file = 'listing.txt'): PaperRecord => ({
  id: `title:${titleHash(title)}`,
  title,
  abstract,
  sources: [source(file)],
});

describe('mergeWithBuild', () => {
  it('finds a paper known by its title under its DOI, and the record gains the ids and the source', () => {
    const prior = [byTitle(NTK), byTitle(HOPFIELD)];
    const incoming: PaperRecord = {
      id: 'doi:10.5555/3327757.3327948',
      title: 'Neural tangent kernel: convergence and generalization in neural networks',
      abstract: 'An abstract.',
      doi: '10.5555/3327757.3327948',
      arxivId: '1806.07572',
      sources: [{ file: 'refs.bib', line: 15, format: 'bibtex' }],
    };
    const merged = mergeWithBuild(prior, [incoming]);
    expect(merged.added).toEqual([]);
    expect(merged.alreadyInBuild).toBe(1);
    expect(merged.replaced).toEqual(new Set([prior[0]!.id]));
    expect(merged.updated).toEqual([
      {
        id: 'doi:10.5555/3327757.3327948',
        title: NTK,
        abstract: 'An abstract.',
        doi: '10.5555/3327757.3327948',
        arxivId: '1806.07572',
        sources: [source('listing.txt'), { file: 'refs.bib', line: 15, format: 'bibtex' }],
      },
    ]);
  });

  it('finds a paper known by its arXiv id under its DOI (and the other way round)', () => {
    const prior: PaperRecord[] = [{ id: 'arxiv:2008.02217', title: HOPFIELD, abstract: 'A.', arxivId: '2008.02217', sources: [source('feed.xml')] }];
    const incoming: PaperRecord = { id: 'doi:10.1/hop', title: 'Other title spelling', abstract: 'A.', doi: '10.1/hop', arxivId: '2008.02217', sources: [source('refs.ris')] };
    const merged = mergeWithBuild(prior, [incoming]);
    expect(merged.added).toEqual([]);
    expect(merged.updated.map((p) => [p.id, p.doi, p.arxivId])).toEqual([['doi:10.1/hop', '10.1/hop', '2008.02217']]);
  });

  it('leaves an earlier paper as it is when the input adds nothing to it', () => {
    const prior = [byTitle(NTK)];
    const merged = mergeWithBuild(prior, [byTitle(NTK)]);
    expect(merged).toEqual({ added: [], updated: [], replaced: new Set(), alreadyInBuild: 1 });
  });

  it('takes the longer abstract, as a build from scratch would', () => {
    const merged = mergeWithBuild([byTitle(NTK, 'Short.')], [byTitle(NTK, 'A much longer abstract of the paper.', 'more.txt')]);
    expect(merged.updated.map((p) => p.abstract)).toEqual(['A much longer abstract of the paper.']);
  });

  it('keeps two papers with one title and different DOIs apart, and adds new papers', () => {
    const prior: PaperRecord[] = [{ id: 'doi:10.1/a', title: 'Introduction', abstract: 'A.', doi: '10.1/a', sources: [source('a.bib')] }];
    const other: PaperRecord = { id: 'doi:10.1/b', title: 'Introduction', abstract: 'B.', doi: '10.1/b', sources: [source('b.bib')] };
    const fresh = byTitle(HOPFIELD);
    const merged = mergeWithBuild(prior, [other, fresh]);
    expect(merged.added).toEqual([other, fresh]);
    expect(merged.alreadyInBuild).toBe(0);
  });

  it('matches an own id of the earlier build', () => {
    const prior: PaperRecord[] = [{ id: '2020.acl-main.1', title: 'Preface', abstract: 'A.', sources: [source('acl.jsonl')] }];
    const same: PaperRecord = { id: '2020.acl-main.1', title: 'Preface', abstract: 'A.', sources: [source('acl.jsonl')] };
    const other: PaperRecord = { id: '2021.acl-main.1', title: 'Preface', abstract: 'B.', sources: [source('acl.jsonl', 2)] };
    const merged = mergeWithBuild(prior, [same, other]);
    expect(merged.added).toEqual([other]);
    expect(merged.updated).toEqual([]);
    expect(merged.alreadyInBuild).toBe(1);
  });
});
