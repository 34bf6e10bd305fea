import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { printable } from '../../src/cli/printable.js';
import { captureOutputPerTest } from '../helpers/output.js';

describe('printable', () => {
  it.each([
    ['plain', 'plain'],
    ['two\nlines\tand a tab', 'two\nlines\tand a tab'],
    ['clear\u001b[2J screen', 'clear\\x1b[2J screen'],
    ['over\rwrite', 'over\\x0dwrite'],
    ['nul\u0000', 'nul\\x00'],
    ['rtl \u202eoverride', 'rtl \\u202eoverride'],
  ])('%j → %j', (input, expected) => expect(printable(input)).toBe(expected));

  it('cuts each line to 2,000 characters', () => {
    const out = printable(`${'x'.repeat(5_000)}\nshort`).split('\n');
    expect(out[0]).toHaveLength(2_000);
    expect(out[1]).toBe('short');
  });
});

describe('error lines quoting input', () => {
  const output = captureOutputPerTest();

  it('escape the control characters of a file name', async () => {
    expect(await runCli(['ingest', '/nowhere/\u001b]0;owned\u0007\u001b[2J.bib'])).toBe(1);
    const text = output.stderr;
    expect(text).toContain('\\x1b]0;owned\\x07\\x1b[2J.bib');
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
  });
});
