/**
 * Publication dates from every source that has one: year and, where the source says, month.
 */
import { describe, expect, it } from 'vitest';
import { arxivIdDate, parseDate } from '../../src/ingest/text.js';
import { readAll, temporaryFiles } from './helpers.js';

const { write } = temporaryFiles('papergraph-dates-');

/** Year and month of a record (month absent when unknown). */
const when = (r: { year?: number; month?: number } | undefined) => ({ year: r?.year, month: r?.month });

describe('parseDate: common forms', () => {
  it.each([
    ['2019', 2019, undefined],
    ['2019-02', 2019, 2],
    ['2019-02-01', 2019, 2],
    ['2019/02/01', 2019, 2],
    ['02/2019', 2019, 2],
    ['2/2019', 2019, 2],
    ['Feb 2019', 2019, 2],
    ['February 2019', 2019, 2],
    ['01/02/2019', 2019, undefined],
    ['13/2019', 2019, undefined],
  ])('%s → year %s, month %s', (input, year, month) => {
    expect(when(parseDate(input))).toEqual({ year, month });
  });
});

describe('arXiv ids date the preprint', () => {
  it.each([
    ['2101.01234', 2021, 1],
    ['0704.0001', 2007, 4],
    ['1912.12345', 2019, 12],
    ['hep-th/9901001', 1999, 1],
    ['math.GT/0309136', 2003, 9],
    ['cond-mat/9105001', 1991, 5],
  ])('%s → %s-%s', (id, year, month) => {
    expect(when(arxivIdDate(id))).toEqual({ year, month });
  });

  it('reads no date from what is not an arXiv id', () => {
    expect(arxivIdDate('0612.0001')).toBeUndefined(); // new-style ids start in April 2007
    expect(arxivIdDate(undefined)).toBeUndefined();
  });

  it('dates a JSON record by its arXiv id, DOI or id when it has no date', async () => {
    const file = write(
      'arxiv.jsonl',
      [
        { title: 'A', abstract: 'a.', arxivId: '2101.01234' },
        { title: 'B', abstract: 'b.', doi: '10.48550/arXiv.1706.03762' },
        { title: 'C', abstract: 'c.', id: 'arXiv:hep-th/9901001v2' },
        { title: 'D', abstract: 'd.', arxivId: '2101.01234', year: 2021 },
        { title: 'E', abstract: 'e.', arxivId: '2101.01234', publication_date: '2022-03-04' },
      ]
        .map((r) => JSON.stringify(r))
        .join('\n'),
    );
    const { records } = await readAll(file);
    expect(records.map(when)).toEqual([
      { year: 2021, month: 1 },
      { year: 2017, month: 6 },
      { year: 1999, month: 1 },
      { year: 2021, month: 1 },
      // The published date given wins over the preprint's month.
      { year: 2022, month: 3 },
    ]);
    expect(records[1]?.arxivId).toBe('1706.03762');
  });
});

describe('BibTeX month', () => {
  it.each([
    ['month = feb', 2],
    ['month = {February}', 2],
    ['month = {2}', 2],
    ['month = 12', 12],
    ['month = {Sept.}', 9],
    ['month = {spring}', undefined],
  ])('%s → month %s', async (month, expected) => {
    const { records } = await readAll(write('m.bib', `@article{k, title={T}, abstract={A.}, year={2019}, ${month}}\n`));
    expect(when(records[0])).toEqual({ year: 2019, month: expected });
  });
});

describe('RIS dates', () => {
  it.each([
    ['DA  - FEB 1\nPY  - 2019\n', 2019, 2],
    ['PY  - 2019/02/01\n', 2019, 2],
    ['DA  - 2019/02/01\n', 2019, 2],
    ['PY  - 2019\n', 2019, undefined],
    ['DA  - FEB\n', undefined, undefined],
  ])('%j → %s-%s', async (tags, year, month) => {
    const { records } = await readAll(write('d.ris', `TY  - JOUR\nTI  - A Paper\nAB  - Text.\n${tags}ER  - \n`));
    expect(when(records[0])).toEqual({ year, month });
  });
});

describe('OpenAlex dates', () => {
  it.each([
    [{ publication_date: '2019-02-01', publication_year: 2019 }, 2019, 2],
    [{ publication_year: 2019 }, 2019, undefined],
  ])('%j → %s-%s', async (fields, year, month) => {
    const { records } = await readAll(write('w.jsonl', JSON.stringify({ id: 'https://openalex.org/W1', title: 'T', abstract: 'A.', ...fields })));
    expect(when(records[0])).toEqual({ year, month });
  });
});

describe('CSV and TSV date and year columns', () => {
  it.each([
    ['year', '2019', 2019, undefined],
    ['date', '2019-02', 2019, 2],
    ['date', '2019-02-01', 2019, 2],
    ['date', '02/2019', 2019, 2],
    ['date', 'Feb 2019', 2019, 2],
    ['publication_date', '2019/02/01', 2019, 2],
  ])('%s column "%s" → %s-%s', async (column, value, year, month) => {
    const csv = await readAll(write('d.csv', `title,abstract,${column}\nT,A.,"${value}"\n`));
    expect(when(csv.records[0])).toEqual({ year, month });
    const tsv = await readAll(write('d.tsv', `title\tabstract\t${column}\nT\tA.\t${value}\n`));
    expect(when(tsv.records[0])).toEqual({ year, month });
  });
});
