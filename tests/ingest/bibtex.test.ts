import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readAll } from './helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'papergraph-bibtex-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let count = 0;
const entry = async (fields: string) => {
  const path = join(tmp, `entry-${count++}.bib`);
  const defaults = [/^\s*title\s*=/m.test(fields) ? '' : '  title = {A Title},\n', /^\s*abstract\s*=/m.test(fields) ? '' : '  abstract = {An abstract.},\n'];
  writeFileSync(path, `@article{key,\n${defaults.join('')}  ${fields}\n}\n`);
  const { records, problems } = await readAll(path);
  expect(problems).toEqual([]);
  return records[0]!;
};

describe('BibTeX text fields are plain text', () => {
  it.each([
    [String.raw`title = {On \emph{modern Hopfield networks}}`, 'title', 'On modern Hopfield networks'],
    [String.raw`title = {A \textbf{bold} and \textit{italic} {\em word}}`, 'title', 'A bold and italic word'],
    [String.raw`abstract = {We use \emph{NTK} ideas, see \url{https://example.org/x}.}`, 'abstract', 'We use NTK ideas, see https://example.org/x.'],
    [String.raw`abstract = {A {\sc Small Caps} name and \texttt{code}.}`, 'abstract', 'A Small Caps name and code.'],
    [String.raw`title = {Na{\"\i}ve Bayes}`, 'title', 'Naïve Bayes'],
    [String.raw`title = {Na\"{\i}ve and na\'{\i}ve}`, 'title', 'Naïve and naíve'],
    [String.raw`abstract = {Kernels \cite{jacot2018} work; as shown \citep[p.~3]{a,b}, they \citet{c} converge.}`, 'abstract', 'Kernels work; as shown, they converge.'],
    [String.raw`abstract = {Units of \emph{{NTK}} grow \cite{foo}.}`, 'abstract', 'Units of NTK grow.'],
  ])('%s', async (field, key, expected) => {
    const record = await entry(field);
    expect(record[key as 'title' | 'abstract']).toBe(expected);
  });

  it('keeps math and the authors plain', async () => {
    const record = await entry(String.raw`abstract = {Rates of $x<y$ and $a>b$ hold.},
  author = {M{\"u}ller, J{\"o}rg and \textsc{Smith}, Anna}`);
    expect(record.abstract).toBe('Rates of x<y and a>b hold.');
    expect(record.authors).toEqual(['Jörg Müller', 'Anna Smith']);
  });
});

describe('BibTeX dates', () => {
  it.each([
    ['year = 2019,\n  month = dec', '2019-12'],
    ['year = {2019},\n  month = {12}', '2019-12'],
    ['year = {2019},\n  month = {February}', '2019-02'],
    ['year = 2019,\n  month = 3', '2019-03'],
    ['year = 2019', '2019'],
    ['date = {2019-05-04},\n  month = dec', '2019-05-04'],
  ])('%j gives %s', async (fields, date) => {
    expect(await entry(fields)).toMatchObject({ date, year: 2019 });
  });
});

describe('BibTeX entries out of all proportion', () => {
  it('skips an entry over 100,000 characters with one problem and reads the next', async () => {
    const path = join(tmp, 'long.bib');
    writeFileSync(path, `@article{long,\n  title = {Long},\n  abstract = {${'x'.repeat(120_000)}}\n}\n@article{next,\n  title = {Next},\n  abstract = {Read.}\n}\n`);
    const { records, problems } = await readAll(path);
    expect(records.map((r) => r.title)).toEqual(['Next']);
    expect(problems).toEqual([expect.objectContaining({ line: 1, kind: 'bibtex-too-long' })]);
  });
});
