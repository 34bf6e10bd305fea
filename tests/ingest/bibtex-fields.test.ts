import { describe, expect, it } from 'vitest';
import { shortenFields } from '../../src/ingest/bibtex-fields.js';
import { RECORD_LIMITS } from '../../src/ingest/index.js';
import { readAll, temporaryFiles } from './helpers.js';

const { write } = temporaryFiles('papergraph-bibtex-fields-');

/** Brace depth at the end of `text`, escaped braces aside (0: balanced). */
function depth(text: string): number {
  let d = 0;
  for (let k = 0; k < text.length; k++) {
    if (text[k] === '\\') k++;
    else if (text[k] === '{') d++;
    else if (text[k] === '}') d--;
  }
  return d;
}

const UNIT = 'We use \\emph{graph {kernels}} and M{\\"u}ller nets. ';
/** An abstract of about `n` characters with LaTeX markup, braces balanced. */
const marked = (n: number) => UNIT.repeat(Math.round(n / UNIT.length));
const entry = (abstract: string, open = '{', close = '}') => `@article{k,\n  title = {T},\n  abstract = ${open}${abstract}${close},\n  year = 2020\n}\n`;

describe('shortenFields', () => {
  it('cuts an 800,000-character abstract with markup to about its limit, braces balanced, other fields kept', () => {
    const { text, lengths, plainAbstract } = shortenFields(entry(marked(800_000)), RECORD_LIMITS);
    expect(plainAbstract).toBeUndefined();
    expect(text.length).toBeLessThan(RECORD_LIMITS.maxAbstractChars * 1.5);
    expect(text.length).toBeGreaterThan(RECORD_LIMITS.maxAbstractChars);
    expect(depth(text)).toBe(0);
    expect(text).toMatch(/,\n {2}year = 2020\n\}\n$/);
    expect(lengths).toEqual({ abstract: marked(800_000).length });
  });

  it('takes a long plain abstract out of the entry as it is', () => {
    const plain = 'Plain words, numbers 1-2 and state-of-the-art (p = 0.5). '.repeat(20);
    const { text, lengths, plainAbstract } = shortenFields(entry(plain), RECORD_LIMITS);
    expect(plainAbstract).toBe(plain);
    expect(text).not.toContain('abstract');
    expect(text).toContain('year = 2020');
    expect(lengths).toEqual({});
  });

  it.each([
    ['a percent sign (a comment)', '50% of '],
    ['a less-than sign', 'a < b '],
    ['a double dash', 'pages 1--2 '],
    ['a tilde', 'Fig.~1 '],
  ])('keeps an abstract with %s for the parser', (_what, words) => {
    const { plainAbstract } = shortenFields(entry(words.repeat(200)), RECORD_LIMITS);
    expect(plainAbstract).toBeUndefined();
  });

  it('cuts a quoted value, braces closed, and never leaves a backslash before the closing quote or brace', () => {
    const limits = { ...RECORD_LIMITS, maxAbstractChars: 100 };
    const quoted = shortenFields(entry('{\\"o}'.repeat(1000), '"', '"'), limits).text;
    expect(quoted.length).toBeLessThan(400);
    expect(quoted).toMatch(/abstract = "(\{\\"o\})+",\n {2}year/);
    const escapes = shortenFields(entry('\\&'.repeat(1000)), limits).text;
    expect(escapes).toMatch(/abstract = \{(\\&)+\},\n {2}year/);
  });

  it('leaves short entries alone', () => {
    const short = entry('Short abstract.');
    expect(shortenFields(short, RECORD_LIMITS)).toEqual({ text: short, lengths: {} });
  });
});

describe('BibTeX abstracts of 800,000 characters', () => {
  // The parser costs some 50 µs a character of markup: a small limit keeps this test quick.
  it('with markup are parsed to a cut abstract, LaTeX decoded', async () => {
    const { records, warnings } = await readAll(write('marked.bib', entry(marked(800_000))), 'auto', { maxAbstractChars: 2_000 });
    expect(records).toHaveLength(1);
    expect(records[0]!.abstract).toMatch(/^We use graph kernels and Müller nets\. We use/);
    expect(records[0]!.abstract.length).toBeLessThanOrEqual(2_000);
    expect(records[0]!.abstract.length).toBeGreaterThan(1_800);
    expect(warnings[0]!.reason).toContain(`about ${marked(800_000).length.toLocaleString('en-US')} characters`);
  });
});
