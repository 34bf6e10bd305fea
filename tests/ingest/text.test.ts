import { describe, expect, it } from 'vitest';
import { cleanText, normalizeArxivId, normalizeDoi, normalizeTitle, paperId, parseDate, titleHash } from '../../src/ingest/text.js';

describe('normalizeTitle', () => {
  it.each([
    ['Kernelised Normalising Flows', 'kernelised normalising flows'],
    ['On the  Gödel Numbering of École  Networks!', 'on the godel numbering of ecole networks'],
    ['PFGM++: Unlocking the Potential', 'pfgm unlocking the potential'],
    ['Light Schro\u0308dinger Bridge', 'light schrodinger bridge'],
    ['  Why do Learning Rates Transfer?  ', 'why do learning rates transfer'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeTitle(input)).toBe(expected);
  });

  it('gives one hash to titles that differ in case, accents and punctuation only', () => {
    expect(titleHash('Multi-marginal Schrödinger Bridges')).toBe(titleHash('multi marginal schrodinger bridges.'));
    expect(titleHash('Multi-marginal Schrödinger Bridges')).not.toBe(titleHash('Multi-marginal Schrödinger Bridge'));
    expect(titleHash('x')).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('identifiers', () => {
  it.each([
    ['https://doi.org/10.1000/ABC.1', '10.1000/abc.1'],
    ['doi:10.48550/arXiv.2402.13412', '10.48550/arxiv.2402.13412'],
    ['10.1145/3292500.3330701.', '10.1145/3292500.3330701'],
    ['not a doi', undefined],
    ['', undefined],
  ])('doi %s → %s', (input, expected) => {
    expect(normalizeDoi(input)).toBe(expected);
  });

  it.each([
    ['http://arxiv.org/abs/1806.07572v4', '1806.07572'],
    ['arXiv:2310.01174', '2310.01174'],
    ['https://arxiv.org/pdf/2101.00001v2.pdf', '2101.00001'],
    ['http://arxiv.org/abs/hep-th/9901001v1', 'hep-th/9901001'],
    ['2001.01234v3', '2001.01234'],
    ['https://example.org/paper', undefined],
  ])('arXiv %s → %s', (input, expected) => {
    expect(normalizeArxivId(input)).toBe(expected);
  });

  it('prefers doi over arXiv id over the title hash', () => {
    expect(paperId({ doi: '10.1/X', arxivId: '1806.07572', title: 'T' })).toBe('doi:10.1/x');
    expect(paperId({ arxivId: '1806.07572', title: 'T' })).toBe('arxiv:1806.07572');
    expect(paperId({ title: 'T' })).toBe(`title:${titleHash('T')}`);
  });
});

describe('parseDate', () => {
  it.each([
    ['May 26, 2023', '2023-05-26'],
    ['2018-06-20T09:11:13Z', '2018-06-20'],
    ['2024/02/20/', '2024-02-20'],
    ['2020///', '2020'],
    ['2021', '2021'],
    ['26 May 2023', '2023-05-26'],
    ['Sep 2022', '2022-09'],
  ])('%s → %s', (input, expected) => {
    expect(parseDate(input)?.date).toBe(expected);
  });

  it('leaves a month and day without a year undated', () => {
    expect(parseDate('Feb 13')).toBeUndefined();
    expect(parseDate('')).toBeUndefined();
  });
});

describe('cleanText', () => {
  it('removes control and zero-width characters and folds whitespace', () => {
    expect(cleanText('\uFEFFa\u0000b\u0007 c\r\n\td\u200B')).toBe('a b c d');
    expect(cleanText(undefined)).toBe('');
  });

  it.each([
    [String.raw`Schr\"odinger equation`, 'Schrödinger equation'],
    [String.raw`Schr\"{o}dinger`, 'Schrödinger'],
    [String.raw`{\"o}`, 'ö'],
    [String.raw`Poincar\'e map`, 'Poincaré map'],
    [String.raw`{\'e}t{\'e}`, 'été'],
    [String.raw`Erd\H{o}s`, 'Erdős'],
    [String.raw`Fran\c{c}ois {\c c}a`, 'François ça'],
    [String.raw`\v{C}ech complex`, 'Čech complex'],
    [String.raw`na\"{\i}ve`, 'naïve'],
    [String.raw`Gau{\ss}`, 'Gauß'],
    [String.raw`\`a la carte`, 'à la carte'],
  ])('decodes the LaTeX accent in %s', (raw, clean) => {
    expect(cleanText(raw)).toBe(clean);
  });

  it.each([
    [String.raw`see \cite{x} and \ref{y}`],
    [String.raw`$\alpha + \beta$`],
    [String.raw`a \\ b`],
    [String.raw`trailing \"`],
  ])('leaves other LaTeX alone: %s', (raw) => {
    expect(cleanText(raw)).toBe(raw);
  });
});
