/**
 * Binary content and foreign encodings are refused with one line saying what the file is;
 * nothing in them becomes a record.
 */
import { deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { readAll, temporaryFiles, where } from './helpers.js';

const { write } = temporaryFiles('papergraph-detect-');

/** A small, real PNG image (noise, so that its compressed data is varied bytes). */
function png(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const b of bytes) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const size = 64;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8);
  let seed = 7;
  const pixels = Buffer.alloc(size * (size * 3 + 1), 0);
  for (let k = 0; k < pixels.length; k++) if (k % (size * 3 + 1)) pixels[k] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(pixels)), chunk('IEND', Buffer.alloc(0))]);
}

describe('binary input', () => {
  it.each([
    ['figure.png', png(), /a PNG image/],
    ['figure.txt', png(), /a PNG image/],
    ['papers.jsonl', gzipSync('{"title":"T","abstract":"A"}\n'), /gzip-compressed data: name the file with a \.gz ending/],
    ['export.csv', Buffer.concat([Buffer.from('PK\u0003\u0004', 'latin1'), Buffer.alloc(200, 0x41)]), /a ZIP archive/],
    ['paper.bib', Buffer.from('%PDF-1.7\n1 0 obj\n', 'latin1'), /a PDF file/],
    ['photo.ris', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100, 0x41)]), /a JPEG image/],
    ['wide.txt', Buffer.from([0xff, 0xfe, 0, 0, 0x41, 0, 0, 0]), /UTF-32/],
  ])('%s is refused with one line, no junk records', async (name, bytes, what) => {
    const { records, problems } = await readAll(write(name, bytes));
    expect(records).toEqual([]);
    expect(problems).toEqual([expect.objectContaining({ kind: 'wrong-format', line: 1, reason: expect.stringMatching(what) })]);
  });

  it('does not stop the other inputs', async () => {
    const text = write('good.jsonl', '{"title":"Good Paper","abstract":"Read on."}\n');
    const result = await ingest([write('image.png', png()), text]);
    expect(result.papers.map((p) => p.title)).toEqual(['Good Paper']);
    expect(where(result.problems)).toEqual(['image.png:1: wrong-format']);
  });
});

describe('text in another encoding', () => {
  it('Latin-1 is named, with the command that converts it', async () => {
    const latin1 = Buffer.from('Title,Abstract\nRéseaux de neurones,Une étude des réseaux à grande échelle.\nDeuxième,Données complètes.\n', 'latin1');
    const { records, problems } = await readAll(write('latin1.csv', latin1));
    expect(records).toEqual([]);
    expect(problems).toEqual([expect.objectContaining({ kind: 'unknown-encoding', line: 1 })]);
    expect(problems[0]!.reason).toMatch(/^not UTF-8 or UTF-16 text: it looks like (ISO-8859-1|windows-1252); convert it with `iconv -f \S+ -t UTF-8`$/);
  });

  it('UTF-8 cut inside a character at the end of the sample is still UTF-8', async () => {
    // 16 KiB are sniffed; "é" (2 bytes) straddles that boundary here.
    const { records, problems } = await readAll(write('long.jsonl', `{"title":"T1","abstract":"${'a'.repeat(16_344)}"}\n{"title":"Été","abstract":"é"}\n`));
    expect(problems).toEqual([]);
    expect(records.map((r) => r.title)).toEqual(['T1', 'Été']);
  });
});
