import { describe, expect, it } from 'vitest';
import { excerpt, problem } from '../../src/ingest/types.js';

describe('excerpt', () => {
  it.each([
    ['plain text', 'plain text'],
    ['two\nlines\r\nhere', 'two lines here'],
    ['nul\u0000byte', 'nul\\x00byte'],
    ['\u001b[31mred\u001b[0m', '\\x1b[31mred\\x1b[0m'],
    ['del\u007f and c1\u009b', 'del\\x7f and c1\\x9b'],
    ['bidi \u202eevil', 'bidi \\u202eevil'],
    ['  padded  ', 'padded'],
  ])('%j → %j', (input, expected) => {
    expect(excerpt(input)).toBe(expected);
  });

  it('cuts long text to the limit with an ellipsis, never inside a surrogate pair', () => {
    expect(excerpt('x'.repeat(1_000_000), 300)).toBe(`${'x'.repeat(299)}…`);
    expect(excerpt(`${'x'.repeat(8)}😀😀`, 10)).toBe(`${'x'.repeat(8)}…`);
  });

  it('makes every problem reason one short safe line', () => {
    const { problem: p } = problem('f.bib', 3, 'bibtex-syntax', `cannot parse: ${'@article{k, title={\u0000'.repeat(50_000)}`);
    expect(p.reason.length).toBeLessThanOrEqual(300);
    expect(p.reason).not.toMatch(/[\u0000-\u001f]/);
  });
});
