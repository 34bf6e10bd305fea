/**
 * Paper identity in the database, without one: which stored node a paper of a write updates,
 * by the rules of ingest's deduplication (DOI, arXiv id, own id, title; differing ids apart).
 */
import { describe, expect, it } from 'vitest';
import { paperId } from '../../src/ingest/index.js';
import type { PaperRecord } from '../../src/model.js';
import {
  bestId,
  candidateIds,
  identityFromId,
  matchStoredPapers,
  paperIdentities,
  type PaperIdentity,
  type StoredPaper,
} from '../../src/store/paper-identity.js';

const TITLE = 'Neural Tangent Kernel: Convergence and Generalization in Neural Networks';
const titleId = (title: string) => paperId({ title });
const NONE: PaperIdentity = { doi: null, arxivId: null, givenId: null, titleId: null };
const stored = (id: string, ids: Partial<PaperIdentity> = {}): StoredPaper => ({ ...NONE, ...ids, id });

function record(fields: Partial<PaperRecord> & { title: string }): PaperRecord {
  const paper = { abstract: '', sources: [], ...fields };
  return { ...paper, id: fields.id ?? paperId(paper) };
}

describe('identityFromId', () => {
  it.each([
    ['doi:10.1/x', { doi: '10.1/x' }],
    ['arxiv:1806.07572', { arxivId: '1806.07572' }],
    ['title:0123456789abcdef', { titleId: 'title:0123456789abcdef' }],
    ['2020.acl-main.1', { givenId: '2020.acl-main.1' }],
  ])('%s', (id, expected) => {
    expect(identityFromId(id)).toEqual({ ...NONE, ...expected });
  });
});

describe('paperIdentities', () => {
  it("takes the record's DOI, arXiv id and ingest's title id; the id is the best of them", () => {
    const paper = record({ title: TITLE, doi: '10.5555/NTK', arxivId: '1806.07572' });
    const identity = paperIdentities([paper], titleId).get(paper.id)!;
    expect(identity).toEqual({ doi: '10.5555/ntk', arxivId: '1806.07572', givenId: null, titleId: paperId({ title: TITLE }) });
    expect(bestId(identity)).toBe(paper.id);
    expect(candidateIds(identity)).toEqual([paper.id, 'arxiv:1806.07572', paperId({ title: TITLE })]);
  });

  it('keeps an own id that was the paper id', () => {
    const paper = record({ id: '2020.acl-main.1', title: 'A title' });
    expect(paperIdentities([paper], titleId).get('2020.acl-main.1')!.givenId).toBe('2020.acl-main.1');
  });
});

describe('matchStoredPapers', () => {
  const byTitle = paperId({ title: TITLE });
  const withDoi = { ...NONE, doi: '10.1/ntk', titleId: byTitle };

  it('a paper stored by its title only is updated under its DOI and gains it', () => {
    const matches = matchStoredPapers([{ id: 'doi:10.1/ntk', identity: withDoi }], new Map([['doi:10.1/ntk', [stored(byTitle)]]]));
    expect(matches.get('doi:10.1/ntk')).toEqual({ stored: byTitle, id: 'doi:10.1/ntk', identity: withDoi });
  });

  it('the other way round: a title-only paper updates the node stored under its DOI, which keeps its id', () => {
    const matches = matchStoredPapers(
      [{ id: byTitle, identity: { ...NONE, titleId: byTitle } }],
      new Map([[byTitle, [stored('doi:10.1/ntk', { doi: '10.1/ntk', titleId: byTitle })]]]),
    );
    expect(matches.get(byTitle)).toEqual({ stored: 'doi:10.1/ntk', id: 'doi:10.1/ntk', identity: withDoi });
  });

  it('a node written before ids were kept is known by what its id tells', () => {
    const matches = matchStoredPapers([{ id: 'doi:10.1/ntk', identity: withDoi }], new Map([['doi:10.1/ntk', [stored('doi:10.1/ntk')]]]));
    expect(matches.get('doi:10.1/ntk')).toMatchObject({ stored: 'doi:10.1/ntk', id: 'doi:10.1/ntk' });
  });

  it('the same title with another DOI is another paper', () => {
    const matches = matchStoredPapers(
      [{ id: 'doi:10.1/ntk', identity: withDoi }],
      new Map([['doi:10.1/ntk', [stored('doi:10.1/other', { doi: '10.1/other', titleId: byTitle })]]]),
    );
    expect(matches.size).toBe(0);
  });

  it('a DOI match wins over a title match, whatever order the database returns them in', () => {
    const candidates = [stored(byTitle), stored('doi:10.1/ntk', { doi: '10.1/ntk' })];
    for (const list of [candidates, [...candidates].reverse()]) {
      const matches = matchStoredPapers([{ id: 'doi:10.1/ntk', identity: withDoi }], new Map([['doi:10.1/ntk', list]]));
      expect(matches.get('doi:10.1/ntk')?.stored).toBe('doi:10.1/ntk');
    }
  });

  it('a stored node goes to the first paper of the write only', () => {
    const rowsIn = [
      { id: 'arxiv:1806.07572', identity: { ...NONE, arxivId: '1806.07572', titleId: byTitle } },
      { id: 'doi:10.1/ntk', identity: withDoi },
    ];
    const matches = matchStoredPapers(
      rowsIn,
      new Map([
        ['arxiv:1806.07572', [stored(byTitle, { titleId: byTitle })]],
        ['doi:10.1/ntk', [stored(byTitle, { titleId: byTitle })]],
      ]),
    );
    expect([...matches.keys()]).toEqual(['arxiv:1806.07572']);
  });
});
