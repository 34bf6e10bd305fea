import { describe, expect, it } from 'vitest';
import { rebuildInvertedIndex } from '../../src/ingest/jsonl.js';
import { fixture, readAll, temporaryFiles, where } from './helpers.js';

const { write } = temporaryFiles('papergraph-formats-');

describe('arXiv Atom', () => {
  it('reads entries: arXiv id without version, doi, authors, date, journal', async () => {
    const { records, problems } = await readAll(fixture('feed.xml'));
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({
      title: 'Neural Tangent Kernel: Convergence and Generalization in Neural Networks',
      arxivId: '1806.07572',
      doi: '10.5555/3327757.3327948',
      authors: ['Arthur Jacot', 'Franck Gabriel'],
      date: '2018-06-20',
      year: 2018,
      venue: 'NeurIPS 2018',
      url: 'http://arxiv.org/abs/1806.07572v4',
    });
    expect(records[0]!.abstract).toBe(
      'At initialization, artificial neural networks (ANNs) are equivalent to Gaussian processes in the infinite-width limit & beyond.',
    );
    expect(records[1]).toMatchObject({ arxivId: 'hep-th/9901001', abstract: 'Strings <b>and</b> branes.' });
    expect(where(problems)).toEqual(['feed.xml:28: missing-abstract']);
  });

  it('reports a truncated feed at the entry that was cut, keeping the entries before it', async () => {
    const { records, problems } = await readAll(fixture('truncated.xml'));
    expect(records.map((r) => r.arxivId)).toEqual(['2301.00002']);
    expect(where(problems)).toEqual(['truncated.xml:9: truncated-xml']);
  });
});

describe('BibTeX', () => {
  it('decodes LaTeX accents, reads authors, doi, arXiv eprint and @string macros', async () => {
    const { records, problems } = await readAll(fixture('refs.bib'));
    expect(records[0]).toMatchObject({
      title: 'On the Gödel Numbering of École Networks',
      abstract: 'We study ö-shaped networks & their numbering. The second line of the abstract.',
      authors: ['Jörg Müller', 'Anna Smith'],
      doi: '10.1234/abc.5678',
      year: 2020,
      venue: 'Journal of Examples',
    });
    expect(records[0]!.source.line).toBe(4);
    expect(records[1]).toMatchObject({
      arxivId: '1806.07572',
      venue: 'Advances in Neural Information Processing Systems',
      authors: ['Arthur Jacot', 'Franck Gabriel', 'Clément Hongler'],
    });
    expect(where(problems)).toEqual(['refs.bib:25: missing-abstract']);
  });

  it('reports an entry with an unclosed brace and reads the next one', async () => {
    const { records, problems } = await readAll(fixture('unclosed.bib'));
    expect(records.map((r) => r.title)).toEqual(['The Entry After the Broken One']);
    expect(where(problems)).toEqual(['unclosed.bib:1: bibtex-syntax']);
    expect(problems[0]!.reason).toMatch(/not closed/);
  });
});

describe('BibTeX: malformed entries', () => {
  it('reports a syntax error and an entry cut off by the end of the file, reading the good one between', async () => {
    const { records, problems } = await readAll(fixture('malformed.bib'));
    expect(records.map((r) => [r.title, r.source.line])).toEqual([['A Good Entry', 6]]);
    expect(where(problems)).toEqual(['malformed.bib:1: bibtex-syntax', 'malformed.bib:11: bibtex-syntax']);
    expect(problems[0]!.reason).toMatch(/^cannot parse @article entry: .*expected "}"/);
    expect(problems[1]!.reason).toMatch(/end of the file/);
  });
});

describe('RIS', () => {
  it('reads tags, joins continuation lines, and reports records without abstract or ER', async () => {
    const { records, problems } = await readAll(fixture('refs.ris'));
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      title: 'Scaling physics-informed hard constraints with mixture-of-experts',
      abstract:
        'Imposing known physical constraints, such as conservation laws, during neural network training introduces an inductive bias.',
      authors: ['Chalapathi, Nithin', 'Du, Yiheng'],
      date: '2024-02-20',
      doi: '10.48550/arxiv.2402.13412',
      venue: 'ICLR',
    });
    expect(where(problems)).toEqual(['refs.ris:12: missing-abstract', 'refs.ris:17: ris-unterminated']);
  });
});

describe('CSV and TSV', () => {
  it('maps headers by common names, reads quoted multi-line fields, reports a row with a missing column', async () => {
    const { records, problems } = await readAll(fixture('papers.csv'));
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      title: 'Benign Oscillation of Stochastic Gradient Descent with Large Learning Rates',
      abstract: 'We investigate "benign oscillation" of SGD. It spans two lines.',
      year: 2023,
      doi: '10.1000/xyz',
      url: 'https://example.org/a',
      authors: ['Lu, Miao', 'Wu, Beining'],
    });
    expect(records[0]!.source.line).toBe(2);
    expect(where(problems)).toEqual(['papers.csv:4: csv-column-count', 'papers.csv:5: missing-abstract']);
    expect(problems[0]!.reason).toBe('row has 4 columns, the header has 6');
  });

  it('reads TSV with Web of Science style headers (article title, AB, PY)', async () => {
    const { records } = await readAll(fixture('papers.tsv'));
    expect(records).toEqual([
      expect.objectContaining({ title: 'Monotone deep Boltzmann machines', year: 2023, source: expect.objectContaining({ line: 2, format: 'csv' }) }),
    ]);
  });
});

describe('JSON and JSONL', () => {
  it('reads OpenAlex works: inverted-index abstract, doi URL, authorships, landing page', async () => {
    const { records, problems } = await readAll(fixture('openalex.jsonl'));
    expect(problems).toEqual([]);
    expect(records[0]).toMatchObject({
      title: 'Light Schrödinger Bridge',
      abstract: 'Despite the recent advances in the field',
      doi: '10.1000/oa.1',
      date: '2023-10-02',
      authors: ['Alexander Korotin', 'Nikita Gushchin'],
      venue: 'arXiv',
    });
    expect(records[1]).toMatchObject({ arxivId: '2001.01234', upvotes: 5, year: 2020 });
  });

  it('skips invalid lines, non-objects and records without abstract, with their lines', async () => {
    const { records, problems } = await readAll(fixture('bad.jsonl'));
    expect(records.map((r) => [r.title, r.source.line])).toEqual([
      ['Good Line', 1],
      ['Last Good', 6],
    ]);
    expect(where(problems)).toEqual(['bad.jsonl:2: invalid-json', 'bad.jsonl:4: not-an-object', 'bad.jsonl:5: missing-abstract']);
  });

  it('streams the elements of a JSON array file', async () => {
    const { records, problems } = await readAll(fixture('array.json'));
    expect(problems).toEqual([]);
    expect(records.map((r) => [r.title, r.source.line])).toEqual([
      ['First In Array', 2],
      ['Second In Array', 3],
    ]);
    expect(records[0]!.abstract).toBe('Braces } and [brackets] inside "strings" are fine.');
    expect(records[1]!.doi).toBe('10.1000/arr.2');
  });

  it.each([
    [{ b: [1], a: [0], c: [2, 4], d: [3] }, 'a b c d c'],
    [{}, ''],
    [null, ''],
  ])('rebuilds inverted index %j', (index, text) => {
    expect(rebuildInvertedIndex(index)).toBe(text);
  });
});

describe('Web of Science dates', () => {

  it.each([
    ['DA  - FEB 1\nPY  - 2019\n', { date: '2019-02-01', year: 2019 }],
    ['PY  - 2019\nDA  - FEB\n', { date: '2019-02', year: 2019 }],
    ['DA  - SPR\nPY  - 2019\n', { date: '2019', year: 2019 }],
    ['DA  - 2020/05/03/\nPY  - 2020\n', { date: '2020-05-03', year: 2020 }],
    ['Y1  - 2018///\n', { date: '2018', year: 2018 }],
  ])('RIS %j keeps the year', async (tags, expected) => {
    const { records } = await readAll(write('wos.ris', `TY  - JOUR\nTI  - A WoS Paper\nAB  - Text.\n${tags}ER  - \n`));
    expect(records[0]).toMatchObject(expected);
  });

  it('CSV PD beside PY keeps the year', async () => {
    const { records } = await readAll(write('wos.csv', 'TI,AB,PD,PY\nA WoS Paper,Text.,FEB 1,2019\n'));
    expect(records[0]).toMatchObject({ date: '2019-02-01', year: 2019 });
  });
});

describe('damage costs the damaged record only', () => {
  const entry = (n: number, title = `Paper ${n}`) =>
    `<entry>\n<id>http://arxiv.org/abs/2101.0000${n}v1</id>\n<title>${title}</title>\n<summary>Abstract ${n}.</summary>\n</entry>\n`;

  it('an Atom feed with a broken header, a stray end tag or a bare & keeps its other entries', async () => {
    const feed = (header: string, middle: string) => `${header}\n${entry(1)}${middle}${entry(3)}</feed>\n`;
    const cases = [
      feed('<feed xmlns="http://www.w3.org/2005/Atom"><title>R&D feed</title>', entry(2)),
      feed('<feed xmlns="http://www.w3.org/2005/Atom">', `</feed>\n${entry(2)}`),
      feed('<feed xmlns="http://www.w3.org/2005/Atom">', entry(2, 'Bad &ent ity')),
    ];
    const results = await Promise.all(cases.map((c, i) => readAll(write(`damaged-${i}.xml`, c))));
    expect(results[0]!.records.map((r) => r.title)).toEqual(['Paper 1', 'Paper 2', 'Paper 3']);
    expect(results[1]!.records.map((r) => r.title)).toEqual(['Paper 1', 'Paper 2', 'Paper 3']);
    expect(results[2]!.records.map((r) => r.title)).toEqual(['Paper 1', 'Paper 3']);
    expect(where(results[2]!.problems)).toEqual(['damaged-2.xml:7: xml-syntax']);
  });

  it('reads Atom entries cut across read chunks, with their lines', async () => {
    const big = (n: number) => entry(n).replace(`Abstract ${n}.`, `Abstract ${n} ${'word '.repeat(30_000)}`);
    const path = write('big.xml', `<feed xmlns="http://www.w3.org/2005/Atom">\n${big(1)}${big(2)}${big(3)}</feed>\n`);
    const { records, problems } = await readAll(path);
    expect(problems).toEqual([]);
    expect(records.map((r) => [r.title, r.source.line])).toEqual([['Paper 1', 2], ['Paper 2', 7], ['Paper 3', 12]]);
  });

  it('an Atom entry with bad XML is a problem and the entries after it are read', async () => {
    const path = write('bad-char.xml', `<feed xmlns="http://www.w3.org/2005/Atom">\n${entry(1)}${entry(2, 'Bad \u0001 character')}${entry(3)}</feed>\n`);
    const { records, problems } = await readAll(path);
    expect(records.map((r) => r.title)).toEqual(['Paper 1', 'Paper 3']);
    expect(where(problems)).toEqual(['bad-char.xml:7: xml-syntax']);
  });

  it('an Atom entry whose end tag is missing is a problem, and the next entry is read', async () => {
    const path = write('no-end.xml', `<feed xmlns="http://www.w3.org/2005/Atom">\n${entry(1).replace('</entry>\n', '')}${entry(2)}</feed>\n`);
    const { records, problems } = await readAll(path);
    expect(records.map((r) => r.title)).toEqual(['Paper 2']);
    expect(where(problems)).toEqual(['no-end.xml:2: xml-syntax']);
  });

  it('a JSON array with a missing comma or a stray ] keeps every readable element', async () => {
    const a = '{"title":"A","abstract":"a."}';
    const b = '{"title":"B","abstract":"b."}';
    const c = '{"title":"C","abstract":"c."}';
    expect((await readAll(write('no-comma.json', `[\n${a}\n${b},\n${c}\n]\n`))).records.map((r) => r.title)).toEqual(['A', 'B', 'C']);
    const stray = await readAll(write('stray.json', `[\n${a}\n],\n${b},\n${c}\n]\n`));
    expect(stray.records.map((r) => r.title)).toEqual(['A', 'B', 'C']);
    expect(stray.problems).toEqual([]);
    const broken = await readAll(write('broken.json', `[\n${a},\n{"title": "B", "abstract" 1},\n${c}\n]\n`));
    expect(broken.records.map((r) => r.title)).toEqual(['A', 'C']);
    expect(where(broken.problems)).toEqual(['broken.json:3: invalid-json']);
  });
});

describe('large JSON array elements', () => {
  it('reads a 2 MB element in linear time', async () => {
    const path = write('big.json', `[\n${JSON.stringify({ title: 'Big', abstract: 'word '.repeat(400_000) })}\n]\n`);
    const started = performance.now();
    const { records } = await readAll(path);
    expect(records.map((r) => r.title)).toEqual(['Big']);
    // A trim of the element per character (quadratic) took minutes here.
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});

describe('problem lines', () => {

  it('are one line with a line number, even when they quote text with line breaks', async () => {
    const csv = write('no-title.csv', `"Name\nwith a break",Abstract\nx,y\n`);
    const empty = write('nothing.bib', '@comment{only a comment}\n');
    const { problems } = await readAll(csv);
    const noRecords = await readAll(empty);
    for (const p of [...problems, ...noRecords.problems]) {
      expect(p.line).toBe(1);
      expect(p.reason).not.toMatch(/\n/);
    }
    expect(problems).toHaveLength(1);
    expect(noRecords.problems).toEqual([expect.objectContaining({ kind: 'no-records', line: 1 })]);
  });

  it('read the elements of a JSON array whose opening bracket went missing', async () => {
    const path = write('no-bracket.json', '{"title":"A","abstract":"a."},\n{"title":"B","abstract":"b."}\n]\n');
    const { records, problems } = await readAll(path);
    expect(records.map((r) => r.title)).toEqual(['A', 'B']);
    expect(problems).toEqual([]);
  });
});
