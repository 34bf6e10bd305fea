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
    ['=1+1', '=1+1'],
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
