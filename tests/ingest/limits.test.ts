/**
 * Record limits: an oversized field is cut with one warning, an oversized record is skipped
 * with one problem, and the records around it are read, in every format.
 */
import { describe, expect, it } from 'vitest';
import { ingest, RECORD_LIMITS } from '../../src/ingest/index.js';
import { UserError } from '../../src/errors.js';
import { readAll, temporaryFiles, where } from './helpers.js';

const { write } = temporaryFiles('papergraph-limits-');

/** `n` characters of words, spaces between them. */
const words = (n: number): string => 'message passing on graphs '.repeat(Math.ceil(n / 26)).slice(0, n);

const normal = (k: number) => JSON.stringify({ title: `Normal paper ${k}`, abstract: `Topic models of corpus ${k}.` });

describe('an abstract over the limit', () => {
  it('is cut at a word, with one warning naming file:line and both sizes (JSONL)', async () => {
    const path = write('long.jsonl', [normal(1), JSON.stringify({ title: 'Long', abstract: words(30_000) }), normal(2)].join('\n'));
    const { records, problems, warnings } = await readAll(path);
    expect(problems).toEqual([]);
    expect(records.map((r) => r.title)).toEqual(['Normal paper 1', 'Long', 'Normal paper 2']);
    const cut = records[1]!.abstract;
    expect(cut.length).toBeLessThanOrEqual(RECORD_LIMITS.maxAbstractChars);
    expect(cut.length).toBeGreaterThan(RECORD_LIMITS.maxAbstractChars - 200);
    expect(words(30_000).startsWith(cut)).toBe(true);
    expect(cut.endsWith(' ')).toBe(false);
    expect(where(warnings)).toEqual(['long.jsonl:2: abstract-cut']);
    expect(warnings[0]!.reason).toMatch(/30,000 characters, over the limit of 20,000 \(--max-abstract-chars\): cut to \d{2},\d{3}/);
  });

  it.each([
    ['bib', 1, `@article{a,\n  title = {Long},\n  abstract = {${words(5_000)}}\n}\n@article{b,\n  title = {Next},\n  abstract = {Short.}\n}\n`],
    ['ris', 1, `TY  - JOUR\nTI  - Long\nAB  - ${words(5_000)}\nER  - \nTY  - JOUR\nTI  - Next\nAB  - Short.\nER  - \n`],
    ['csv', 2, `title,abstract\nLong,"${words(5_000)}"\nNext,Short.\n`],
    ['xml', 1, `<feed><entry><title>Long</title><summary>${words(5_000)}</summary></entry><entry><title>Next</title><summary>Short.</summary></entry></feed>\n`],
    ['txt', 1, `Long Title Here\n${words(5_000)}\nNext Title Here\nShort abstract.\n`],
  ])('is cut to --max-abstract-chars in a .%s file (record at line %i)', async (ext, line, content) => {
    const { records, warnings } = await readAll(write(`long.${ext}`, content), 'auto', { maxAbstractChars: 1_000 });
    expect(records).toHaveLength(2);
    expect(records[0]!.abstract.length).toBeLessThanOrEqual(1_000);
    expect(records[0]!.abstract.length).toBeGreaterThan(800);
    expect(warnings).toEqual([expect.objectContaining({ kind: 'abstract-cut', line })]);
  });

  it('of 400,000 and 800,000 characters in BibTeX is read and cut, not dropped', async () => {
    for (const n of [400_000, 800_000]) {
      const path = write(`abs-${n}.bib`, `@article{big,\n  title = {Big},\n  abstract = {${words(n)}}\n}\n@article{next,\n  title = {Next},\n  abstract = {Read.}\n}\n`);
      const { records, problems, warnings } = await readAll(path);
      expect(problems).toEqual([]);
      expect(records.map((r) => r.title)).toEqual(['Big', 'Next']);
      expect(records[0]!.abstract.length).toBeLessThanOrEqual(RECORD_LIMITS.maxAbstractChars);
      expect(warnings[0]!.reason).toContain(`about ${n.toLocaleString('en-US')} characters`);
    }
  });
});

describe('a record over the limit', () => {
  it('of more than 10 million characters is skipped with one line, the rest read (JSONL)', async () => {
    const huge = JSON.stringify({ title: 'Huge', abstract: 'x'.repeat(RECORD_LIMITS.maxRecordChars) });
    const path = write('huge.jsonl', [huge, ...[1, 2, 3, 4, 5].map(normal)].join('\n'));
    const { records, problems } = await readAll(path);
    expect(records.map((r) => r.title)).toEqual([1, 2, 3, 4, 5].map((k) => `Normal paper ${k}`));
    expect(where(problems)).toEqual(['huge.jsonl:1: record-too-long']);
    expect(problems[0]!.reason).toMatch(/^record is 10,000,0\d\d characters, over the limit of 10,000,000 \(--max-record-chars\): skipped$/);
  });

  it.each([
    ['jsonl', [JSON.stringify({ title: 'Big', abstract: words(3_000) }), normal(1)].join('\n'), 1],
    ['json', `[\n${JSON.stringify({ title: 'Big', abstract: words(3_000) })},\n${normal(1)}\n]\n`, 2],
    ['bib', `@article{a,\n  title = {Big},\n  abstract = {${words(3_000)}}\n}\n@article{b,\n  title = {Normal paper 1},\n  abstract = {Short.}\n}\n`, 1],
    ['ris', `TY  - JOUR\nTI  - Big\nAB  - ${words(3_000)}\nER  - \nTY  - JOUR\nTI  - Normal paper 1\nAB  - Short.\nER  - \n`, 1],
    ['txt', `- Big Title ${words(3_000)} 2 authors · Feb 3, 2024\n- Normal paper 1 Short abstract of it. 2 authors · Feb 4, 2024\n`, 1],
  ])('is skipped at --max-record-chars in a .%s file, and the next record read', async (ext, content, line) => {
    const { records, problems } = await readAll(write(`big.${ext}`, content), 'auto', { maxRecordChars: 2_000 });
    expect(records.map((r) => r.title)).toEqual(['Normal paper 1']);
    expect(problems).toEqual([expect.objectContaining({ line, kind: expect.stringMatching(/too-long$/) })]);
    expect(problems[0]!.reason).toMatch(/over the limit of 2,000 \(--max-record-chars\): skipped/);
  });

  it('is skipped in a CSV file with one line naming the limit, and the rows around it read', async () => {
    const csv = `title,abstract\nFirst,Short.\nBig,"${words(3_000)}"\nLast,Short too.\n`;
    const { records, problems } = await readAll(write('big.csv', csv), 'auto', { maxRecordChars: 2_000 });
    expect(records.map((r) => r.title)).toEqual(['First', 'Last']);
    expect(where(problems)).toEqual(['big.csv:3: record-too-long']);
    expect(problems[0]!.reason).toMatch(/^row is 3,00\d characters, over the limit of 2,000 \(--max-record-chars\): skipped$/);
  });
});

describe('limits as options', () => {
  it('counts the records cut in the stats and returns their warnings', async () => {
    const path = write('two.jsonl', [JSON.stringify({ title: 'Long', abstract: words(600) }), normal(1)].join('\n'));
    const result = await ingest([path], { maxAbstractChars: 500 });
    expect(result.stats.cut).toBe(1);
    expect(result.warnings.map((w) => w.kind)).toEqual(['abstract-cut']);
    expect(result.problems).toEqual([]);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses a limit of %s with a UserError', async (value) => {
    await expect(ingest([write('one.jsonl', normal(1))], { maxAbstractChars: value })).rejects.toBeInstanceOf(UserError);
  });
});
