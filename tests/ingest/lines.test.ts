/**
 * Decoding: UTF-8 and UTF-16 (little and big endian, with or without a BOM) read alike in
 * every text format; long lines bounded.
 */
import { gzipSync } from 'node:zlib';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readLines, sniffEncoding } from '../../src/ingest/lines.js';
import { readAll, temporaryFiles } from './helpers.js';

const { write } = temporaryFiles('papergraph-lines-');

/** `text` as UTF-16 bytes, little or big endian, with or without a byte order mark. */
function utf16(text: string, endian: 'le' | 'be', bom = true): Buffer {
  const body = Buffer.from(`${bom ? '\uFEFF' : ''}${text}`, 'utf16le');
  if (endian === 'be') body.swap16();
  return body;
}

const INPUTS = {
  bib: '@article{k1,\r\n  title = {Graph Neural Networks für Zitationen},\r\n  year = {2020},\r\n  abstract = {We apply graph networks to citations — and find communities.}\r\n}\r\n',
  ris: 'TY  - JOUR\r\nTI  - Topic Models für Abstracts\r\nPY  - 2019\r\nAB  - We use latent Dirichlet allocation — on abstracts.\r\nER  - \r\n',
  jsonl: '{"title":"Normal Paper über Topics","abstract":"We study topic models — at scale."}\n{"title":"Second Paper","abstract":"Another one."}\n',
  csv: 'Title,Abstract\r\n"CSV Paper über Tables","Rows — and columns."\r\n',
  xml: '<feed><entry><title>Atom Paper über Feeds</title><summary>Entries — in XML.</summary></entry></feed>\n',
};

describe('UTF-16 input', () => {
  it.each(Object.keys(INPUTS).flatMap((ext) => [[ext, 'le', true], [ext, 'be', true], [ext, 'le', false], [ext, 'be', false]] as const))(
    'a .%s file in UTF-16 %s (BOM: %s) reads as its UTF-8 twin',
    async (ext, endian, bom) => {
      const text = INPUTS[ext as keyof typeof INPUTS];
      const twin = await readAll(write(`utf8-${ext}.${ext}`, text));
      const read = await readAll(write(`utf16-${endian}-${bom}.${ext}`, utf16(text, endian, bom)));
      expect(twin.records.length).toBeGreaterThan(0);
      expect(read.problems).toEqual([]);
      expect(read.records.map(({ source, ...r }) => ({ ...r, line: source.line }))).toEqual(
        twin.records.map(({ source, ...r }) => ({ ...r, line: source.line })),
      );
      expect(read.records[0]!.title).toMatch(/ü|Second/);
    },
  );

  it('reads a gzipped UTF-16 file', async () => {
    const { records } = await readAll(write('utf16.jsonl.gz', gzipSync(utf16(INPUTS.jsonl, 'le'))));
    expect(records.map((r) => r.title)).toEqual(['Normal Paper über Topics', 'Second Paper']);
  });
});

describe('sniffEncoding', () => {
  it.each([
    [Buffer.from('\uFEFFhello', 'utf8'), 'utf-8'],
    [Buffer.from('plain ascii text', 'utf8'), 'utf-8'],
    [utf16('hello there', 'le'), 'utf-16le'],
    [utf16('hello there', 'be'), 'utf-16be'],
    [utf16('hello there', 'le', false), 'utf-16le'],
    [utf16('hello there', 'be', false), 'utf-16be'],
    [Buffer.from([0xff, 0xfe, 0, 0, 0x41, 0, 0, 0]), 'utf-8'],
  ])('%o is %s', (bytes, encoding) => {
    expect(sniffEncoding(bytes)).toBe(encoding);
  });
});

describe('readLines', () => {
  const lines = async (chunks: string[], max?: number) => {
    const out = [];
    for await (const line of readLines(Readable.from(chunks), max)) out.push(line);
    return out;
  };

  it('keeps only the start of a line over the limit, and says how long it was', async () => {
    expect(await lines(['short\nabcdef', 'ghij\r\nnext'], 5)).toEqual([
      { number: 1, text: 'short' },
      { number: 2, text: 'abcde', length: 10 },
      { number: 3, text: 'next' },
    ]);
  });

  it('counts a last line over the limit too', async () => {
    expect(await lines(['abc', 'defgh'], 4)).toEqual([{ number: 1, text: 'abcd', length: 8 }]);
  });
});
