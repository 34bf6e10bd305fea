/**
 * CSV writing
 * ===========
 *
 * Every CSV file PaperGraph writes (the report, the graph export, neo4j-admin import files,
 * query results) goes through csv-stringify, the writer of the csv-parse project the ingest
 * stage reads with. RFC 4180 quoting: a field is quoted when it holds a comma, a quote, a
 * carriage return or a line feed (inner quotes doubled); numbers as `String(n)`, booleans as
 * `true`/`false`, null and undefined as an empty field. No BOM; every record, the last one
 * too, ends with the record delimiter.
 *
 * CSV formula injection: a spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (and,
 * in some, a tab or carriage return) as a formula — `=HYPERLINK("http://…"&A1)` sends data
 * away, `+cmd|' /C calc'!A0` starts a program. Titles and abstracts come from anywhere, so by
 * default such a string cell is written with a leading `'`, which spreadsheets show as text
 * (as OWASP advises); a plain number such as `-2.5` is left as it is. Files read by programs
 * that need exact values (the neo4j-admin import files) turn this off.
 */
import { stringify, type Options } from 'csv-stringify/sync';
import { resolveDefaults } from './defaults.js';

/** One field's value. */
export type CsvValue = string | number | boolean | null | undefined;

/** Options of {@link formatCsv}. */
export interface CsvOptions {
  /** Ends every record: LF (`\n`), or CRLF (`\r\n`) as RFC 4180 has it. */
  recordDelimiter: '\n' | '\r\n';
  /** Quote every string, empty ones too (`""`), not only those that need it; numbers stay bare. */
  quoteStrings: boolean;
  /**
   * Write a string cell that a spreadsheet would run as a formula (one starting with `=`, `+`,
   * `-`, `@`, a tab or a carriage return, and not a plain number) with a leading `'`.
   */
  neutralizeFormulas: boolean;
}

export const CSV_DEFAULTS: CsvOptions = { recordDelimiter: '\n', quoteStrings: false, neutralizeFormulas: true };

// What a spreadsheet reads as the start of a formula, and a number it reads as a number.
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** `value` as a spreadsheet shows it as text: a leading `'` when it would start a formula. */
export function neutralizeFormula(value: string): string {
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

function stringifyOptions(options: CsvOptions, eof: boolean): Options {
  return {
    record_delimiter: options.recordDelimiter,
    quoted_string: options.quoteStrings,
    // A line break of either kind quotes the field, whatever ends the records (by default
    // csv-stringify looks only for the record delimiter once one is given).
    quoted_match: /[\r\n]/,
    eof,
    // csv-stringify's own default writes `1` and an empty field.
    cast: {
      boolean: (value: boolean) => String(value),
      ...(options.neutralizeFormulas ? { string: neutralizeFormula } : {}),
    },
  };
}

/** Rows (the header, if any, is the first) as CSV text. */
export function formatCsv(rows: readonly (readonly CsvValue[])[], options: Partial<CsvOptions> = {}): string {
  return stringify(rows as CsvValue[][], stringifyOptions(resolveDefaults<CsvOptions>(CSV_DEFAULTS, options), true));
}

/** One field as {@link formatCsv} writes it (quoted when it holds a separator, quote or line break). */
export function csvField(value: CsvValue): string {
  return stringify([[value]], stringifyOptions(CSV_DEFAULTS, false));
}
