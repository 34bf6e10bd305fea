import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonChunks, writeChunks } from '../../src/build-dir/chunked-file.js';

const long = Array.from({ length: 10_001 }, (_, i) => (i % 7 === 0 ? -i : i % 5 === 0 ? `"q${i}"\n` : i / 3));

describe('jsonChunks', () => {
  it.each<[string, Record<string, unknown>]>([
    ['an empty object', {}],
    ['scalars, nested objects and empty arrays', { a: 1, b: 'x"y', c: null, d: { e: [1, [2, 3]] }, f: [] }],
    ['keys JSON.stringify leaves out', { a: undefined, b: 2, c: () => 1, d: [undefined, () => 1, 3] }],
    ['arrays longer than a slice', { mentions: long, sentences: long.map(String), n: long.length }],
    ['a one-element array', { one: [42] }],
  ])('gives the bytes of JSON.stringify for %s', (_name, value) => {
    const chunks = [...jsonChunks(value, 1000)];
    expect(chunks.join('')).toBe(JSON.stringify(value));
  });

  it('writes a long array in several pieces, none of them the whole array', () => {
    const chunks = [...jsonChunks({ mentions: long }, 1000)];
    expect(chunks.length).toBeGreaterThan(10);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(JSON.stringify(long).length / 5);
  });
});

describe('writeChunks', () => {
  it('writes the pieces in order', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'papergraph-chunks-'));
    try {
      const path = join(dir, 'out.json');
      await writeChunks(path, jsonChunks({ mentions: long }, 1000), 64);
      expect(await readFile(path, 'utf8')).toBe(JSON.stringify({ mentions: long }));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
