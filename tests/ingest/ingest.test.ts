import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { detectFormat, ingest } from '../../src/ingest/index.js';
import { fixture, readAll, where } from './helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'papergraph-ingest-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const write = (name: string, content: string | Buffer): string => {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
};

describe('deduplication', () => {
  it('merges the same paper from Atom (doi + arXiv id), BibTeX (arXiv id) and a listing (title)', async () => {
    const result = await ingest([fixture('feed.xml'), fixture('refs.bib'), fixture('listing-page.txt')]);
    const ntk = result.papers.filter((p) => /^Neural Tangent Kernel/.test(p.title));
    expect(ntk).toHaveLength(1);
    const paper = ntk[0]!;
    expect(paper.id).toBe('doi:10.5555/3327757.3327948');
    expect(paper.arxivId).toBe('1806.07572');
    expect(paper.sources.map((s) => `${s.file.split('/').pop()}:${s.line}:${s.format}`)).toEqual([
      'feed.xml:5:arxiv',
      'listing-page.txt:13:listing',
      'refs.bib:15:bibtex',
    ]);
    // The richest fields: the longest abstract (the listing's), every author list's longest, the precise date.
    expect(paper.abstract).toMatch(/^At initialization, artificial neural networks are equivalent .* described by a kernel\.$/);
    expect(paper.authors).toEqual(['Arthur Jacot', 'Franck Gabriel', 'Clément Hongler']);
    expect(paper.date).toBe('2018-06-20');
    expect(result.stats.duplicatesMerged).toBe(2);
    expect(result.stats.records).toBe(result.stats.papers + 2);
  });

  it('keeps the most upvotes and the most precise date when merging', async () => {
    const a = write('votes-a.jsonl', '{"title":"Same Paper","abstract":"Short.","upvotes":3,"year":2020}\n');
    const b = write('votes-b.jsonl', '{"title":"same paper!","abstract":"A longer abstract.","upvotes":9,"date":"2020-05-04"}\n');
    const { papers } = await ingest([a, b]);
    expect(papers).toHaveLength(1);
    expect(papers[0]).toMatchObject({ title: 'Same Paper', abstract: 'A longer abstract.', upvotes: 9, date: '2020-05-04', year: 2020 });
  });

  it('keeps two papers apart when they share a title but not their DOI', async () => {
    const path = write(
      'same-title.jsonl',
      '{"title":"Introduction","abstract":"One.","doi":"10.1000/a"}\n{"title":"Introduction","abstract":"Two.","doi":"10.1000/b"}\n' +
        '{"title":"introduction","abstract":"Three, no DOI."}\n',
    );
    const { papers, stats } = await ingest([path]);
    expect(papers.map((p) => p.id)).toEqual(['doi:10.1000/a', 'doi:10.1000/b']);
    expect(stats.duplicatesMerged).toBe(1);
  });

  it('reads the works of an OpenAlex API page saved as one JSON object', async () => {
    const path = write(
      'page.json',
      JSON.stringify({ meta: { count: 2 }, results: [{ display_name: 'Work One', abstract_inverted_index: { Hello: [0], world: [1] } }, { display_name: 'Work Two', abstract_inverted_index: { Bye: [0] } }] }),
    );
    const { papers } = await ingest([path]);
    expect(papers.map((p) => [p.title, p.abstract]).sort()).toEqual([
      ['Work One', 'Hello world'],
      ['Work Two', 'Bye'],
    ]);
  });

  it('gives the same papers, byte for byte, whatever order the inputs are named in', async () => {
    const inputs = [fixture('feed.xml'), fixture('refs.bib'), fixture('openalex.jsonl'), fixture('listing-one-line.txt')];
    const one = await ingest(inputs);
    const two = await ingest([...inputs].reverse());
    const ids = one.papers.map((p) => p.id);
    expect(ids).toEqual([...ids].sort());
    expect(JSON.stringify(two.papers.map((p) => p.id))).toBe(JSON.stringify(ids));
    expect(JSON.stringify(await ingest(inputs))).toBe(JSON.stringify(one));
  });
});

describe('inputs', () => {
  it('reads directories recursively (known extensions only) and globs', async () => {
    const dir = join(tmp, 'tree');
    mkdirSync(join(dir, 'sub'), { recursive: true });
    writeFileSync(join(dir, 'a.jsonl'), '{"title":"Dir Paper A","abstract":"A."}\n');
    writeFileSync(join(dir, 'sub', 'b.ris'), 'TY  - JOUR\nTI  - Dir Paper B\nAB  - B.\nER  - \n');
    writeFileSync(join(dir, 'notes.md'), '# not an input\n');
    const fromDir = await ingest([dir]);
    expect(fromDir.papers.map((p) => p.title).sort()).toEqual(['Dir Paper A', 'Dir Paper B']);
    expect(fromDir.stats.files).toBe(2);
    const fromGlob = await ingest([join(dir, '**/*.ris')]);
    expect(fromGlob.papers.map((p) => p.title)).toEqual(['Dir Paper B']);
  });

  it('reports an empty and a missing file as one problem each, and reads the rest', async () => {
    const empty = write('empty.jsonl', '');
    const missing = join(tmp, 'missing.bib');
    const result = await ingest([empty, missing, fixture('openalex.jsonl')]);
    expect(result.papers).toHaveLength(2);
    expect(where(result.problems)).toEqual(['empty.jsonl:-: empty-file', 'missing.bib:-: unreadable-file']);
    expect(result.stats.skipped).toEqual({ 'empty-file': 1, 'unreadable-file': 1 });
  });

  it('throws a UserError when no input file exists at all', async () => {
    await expect(ingest([join(tmp, 'nothing-here.txt')])).rejects.toBeInstanceOf(UserError);
    await expect(ingest([join(tmp, 'none/*.csv')])).rejects.toMatchObject({ code: 'E_INPUT' });
  });

  it('rejects an unknown format', async () => {
    await expect(ingest([fixture('refs.bib')], { format: 'word' as never })).rejects.toBeInstanceOf(UserError);
    await expect(readAll(fixture('refs.bib'), 'word' as never)).rejects.toMatchObject({ code: 'E_USAGE' });
  });

  it('keeps the default format when an option is passed as undefined', async () => {
    const result = await ingest([fixture('refs.bib')], { format: undefined });
    expect(result.papers.map((p) => p.arxivId ?? p.doi)).toEqual(['1806.07572', '10.1234/abc.5678']);
  });

  it('honours --format over the extension', async () => {
    const path = write('feed.data', '<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/abs/2202.00001v1</id><title>X Feed</title><summary>Y.</summary></entry></feed>');
    expect(await detectFormat(path)).toBe('arxiv');
    const asJsonl = await readAll(path, 'jsonl');
    expect(where(asJsonl.problems)).toEqual(['feed.data:1: wrong-format']);
    expect((await readAll(path, 'arxiv')).records[0]!.arxivId).toBe('2202.00001');
  });

  it.each([
    ['TY  - JOUR\nTI  - T\n', 'ris'],
    ['% comment\n@article{k, title={T}}\n', 'bibtex'],
    ['title,abstract\nT,A\n', 'csv'],
    ['{"title":"T"}\n', 'jsonl'],
    ['<?xml version="1.0"?><feed/>', 'arxiv'],
    ['- Some Title Some abstract. 2 authors · Feb 3\n', 'listing'],
  ])('detects %j as %s from content', async (content, format) => {
    expect(await detectFormat(write(`detect-${format}.txt`, content))).toBe(format);
  });
});

describe('a file that is plainly not the format', () => {
  it.each([
    ['notes.md', '# Title\n\nSome text about the project.\n\n## Usage\n\nRun it.\n', 'auto', /not an input format PaperGraph reads: it looks like Markdown text/],
    ['paper.pdf', '%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n', 'auto', /it looks like a PDF file/],
    ['image.jsonl', '\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR\u0000\u0000\u0001', 'auto', /it looks like a binary file/],
    ['refs.ris', '@article{k, title={T}, abstract={A}}\n', 'auto', /it looks like BibTeX/],
    ['refs.bib', 'TY  - JOUR\nTI  - T\nAB  - A\nER  - \n', 'auto', /it looks like RIS/],
    ['feed.xml', '{"title": "T", "abstract": "A"}\n', 'auto', /it looks like JSON/],
    ['data.txt', '<feed><entry/></feed>\n', 'listing', /not listing as --format says: it looks like XML; try --format arxiv/],
    ['data.txt', 'Title,Abstract\nT,A\n', 'ris', /not ris as --format says: it does not start like ris/],
  ])('%s as %s gives one wrong-format line', async (name, content, format, reason) => {
    const { records, problems } = await readAll(write(name, content), format as 'auto');
    expect(records).toEqual([]);
    expect(problems).toEqual([expect.objectContaining({ kind: 'wrong-format', line: 1, reason: expect.stringMatching(reason) })]);
  });

  it('reads the other records of a text file with a stray NUL byte', async () => {
    const path = write('nul.jsonl', '{"title":"First","abstract":"A.\u0000"}\n{"title":"Second","abstract":"B."}\n');
    const { records, problems } = await readAll(path);
    expect(records.map((r) => r.title)).toEqual(['Second']);
    expect(where(problems)).toEqual(['nul.jsonl:1: invalid-json']);
  });

  it('reads CSV cells that look like other formats, and listings with a # in a title', async () => {
    const csv = write('odd.csv', 'Title,Abstract\n"TY  - A Title","# not markdown\n@article{x, y}"\n');
    expect((await readAll(csv)).records).toHaveLength(1);
    const listing = write('odd.txt', '- #InsTag: Tagging Instructions We tag instructions for tuning. 2 authors · Feb 3, 2024\n');
    expect((await readAll(listing)).records).toHaveLength(1);
  });
});

describe('encodings and line ends', () => {
  it('handles a UTF-8 BOM, CRLF line ends and stray control characters', async () => {
    const listing = write(
      'crlf.txt',
      '\uFEFF- Diffusion Nets Non-linear manifold learning\u0007 enables data analysis. 2 authors · Feb 13, 2020\r\n' +
        '3 Toy Models of Superposition Neural networks often pack many unrelated concepts into a neuron. 5 authors · Sep 21, 2022\r\n',
    );
    const { records, problems } = await readAll(listing);
    expect(problems).toEqual([]);
    expect(records.map((r) => r.title)).toEqual(['Diffusion Nets', 'Toy Models of Superposition']);
    expect(records[0]!.abstract).toBe('Non-linear manifold learning enables data analysis.');
    expect(records[1]).toMatchObject({ upvotes: 3, date: '2022-09-21', source: expect.objectContaining({ line: 2 }) });

    const csv = write('bom.csv', '\uFEFFTitle,Abstract\r\n"A CRLF Paper","Line one\r\nline two"\r\n');
    const fromCsv = await readAll(csv);
    expect(fromCsv.records).toEqual([expect.objectContaining({ title: 'A CRLF Paper', abstract: 'Line one line two' })]);

    const bib = write('crlf.bib', '\uFEFF@article{k,\r\n  title = {CRLF Entry},\r\n  abstract = {Read fine.}\r\n}\r\n');
    expect((await readAll(bib)).records.map((r) => r.title)).toEqual(['CRLF Entry']);
  });

  it('reads gzipped inputs and reports a broken gzip file', async () => {
    const gz = write('papers.jsonl.gz', gzipSync('{"title":"Zipped Paper","abstract":"Compressed."}\n'));
    expect((await readAll(gz)).records.map((r) => r.title)).toEqual(['Zipped Paper']);
    const broken = write('broken.jsonl.gz', Buffer.from('this is not gzip at all'));
    expect(where((await readAll(broken)).problems)).toEqual(['broken.jsonl.gz:-: unreadable-file']);
  });
});

describe('progress', () => {
  it('reports bytes read, ending at the total size', async () => {
    const calls: [number, number][] = [];
    await ingest([fixture('refs.bib'), fixture('feed.xml')], { onProgress: (done, total) => calls.push([done, total]) });
    expect(calls.length).toBeGreaterThan(0);
    const [done, total] = calls[calls.length - 1]!;
    expect(done).toBe(total);
    expect(total).toBeGreaterThan(1000);
  });
});

describe('a JSONL id', () => {
  const line = (id: unknown, title = 'Hopfield Networks is All You Need') => `${JSON.stringify({ id, title, abstract: 'We revisit Hopfield networks.' })}\n`;

  it.each([
    ['arXiv:2508.00614', 'arxiv:2508.00614', { arxivId: '2508.00614' }],
    ['2508.00614v2', 'arxiv:2508.00614', { arxivId: '2508.00614' }],
    ['https://arxiv.org/abs/hep-th/9901001v1', 'arxiv:hep-th/9901001', { arxivId: 'hep-th/9901001' }],
    ['doi:10.1145/3292500.3330701', 'doi:10.1145/3292500.3330701', { doi: '10.1145/3292500.3330701' }],
    ['https://doi.org/10.18653/v1/2020.acl-main.1', 'doi:10.18653/v1/2020.acl-main.1', { doi: '10.18653/v1/2020.acl-main.1' }],
    ['2020.acl-main.1', '2020.acl-main.1', {}],
    [42, '42', {}],
  ])('%j is the identity %s', async (id, expected, fields) => {
    const { papers } = await ingest([write(`id-${expected.replace(/\W/g, '_')}.jsonl`, line(id))]);
    expect(papers).toHaveLength(1);
    expect(papers[0]).toMatchObject({ id: expected, ...fields });
    // An own id is the identity, not a field of its own.
    expect(Object.keys(papers[0]!)).not.toContain('givenId');
  });

  it('reads papers.jsonl ids back as they were written', async () => {
    const { papers } = await ingest([write('own.jsonl', line('title:0123456789abcdef') + line('doi:10.1/x', 'Second Paper'))]);
    expect(papers.map((p) => p.id)).toEqual(['doi:10.1/x', expect.stringMatching(/^title:[0-9a-f]{16}$/)]);
  });

  it('keeps two papers with the same title and different own ids apart, and merges the same id', async () => {
    const path = write('same-title.jsonl', line('2020.acl-main.1', 'Preface') + line('2021.acl-main.1', 'Preface') + line('2020.acl-main.1', 'preface'));
    const { papers, stats } = await ingest([path]);
    expect(papers.map((p) => p.id)).toEqual(['2020.acl-main.1', '2021.acl-main.1']);
    expect(stats.duplicatesMerged).toBe(1);
  });

  it('a DOI field wins over an own id, so the paper matches other formats', async () => {
    const path = write('both.jsonl', `${JSON.stringify({ id: 'P7', doi: '10.5555/3327757.3327948', title: 'Neural Tangent Kernel: Convergence and Generalization in Neural Networks', abstract: 'A.' })}\n`);
    const { papers } = await ingest([path, fixture('feed.xml')]);
    expect(papers.filter((p) => p.id === 'doi:10.5555/3327757.3327948')).toHaveLength(1);
  });
});
