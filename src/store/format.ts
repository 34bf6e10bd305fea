/**
 * Result formatting
 * =================
 *
 * A query result as an aligned text table (for people), JSON (an array of row objects) or CSV
 * (RFC 4180 quoting). Lists and maps inside cells are written as compact JSON in the table and
 * CSV; long table cells are cut with an ellipsis so rows stay on one line, and the table's last line
 * says how many were cut.
 */
import { formatCsv } from '../csv.js';
import { resolveDefaults } from '../defaults.js';
import type { QueryResult } from './query.js';

export type ResultFormat = 'table' | 'json' | 'csv';
export const RESULT_FORMATS: readonly ResultFormat[] = ['table', 'json', 'csv'];

/** Options of {@link formatResult}. */
export interface FormatOptions {
  /** Table cells longer than this are cut (0 = never). */
  maxCellWidth: number;
}

export const FORMAT_DEFAULTS: FormatOptions = { maxCellWidth: 80 };

/** Renders the result; ends with a newline. */
export function formatResult(result: QueryResult, format: ResultFormat, options: Partial<FormatOptions> = {}): string {
  const opts = resolveDefaults(FORMAT_DEFAULTS, options);
  switch (format) {
    case 'json':
      return `${JSON.stringify(result.rows, null, 2)}\n`;
    case 'csv':
      return formatResultCsv(result);
    case 'table':
      return formatTable(result, opts.maxCellWidth);
  }
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** RFC 4180 with CRLF line ends: what spreadsheets and most CSV readers expect of query output. */
function formatResultCsv(result: QueryResult): string {
  const rows = result.rows.map((row) => result.columns.map((c) => cellText(row[c])));
  return formatCsv([result.columns, ...rows], { recordDelimiter: '\r\n' });
}

function formatTable(result: QueryResult, maxCellWidth: number): string {
  if (result.columns.length === 0) return '(no rows)\n';
  let cutCells = 0;
  const cut = (s: string) => {
    const one = s.replace(/\s+/g, ' ');
    if (maxCellWidth <= 0 || one.length <= maxCellWidth) return one;
    cutCells++;
    return `${one.slice(0, maxCellWidth - 1)}…`;
  };
  const cells = result.rows.map((row) => result.columns.map((c) => cut(cellText(row[c]))));
  const widths = result.columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i]!.length)));
  const line = (parts: string[]) => parts.map((p, i) => p.padEnd(widths[i]!)).join(' | ').trimEnd();
  const out = [line(result.columns), widths.map((w) => '-'.repeat(w)).join('-+-')];
  for (const r of cells) out.push(line(r));
  const rows = `${result.rows.length} row${result.rows.length === 1 ? '' : 's'}`;
  // Say so when text was cut: a cut sentence must not pass for the whole evidence.
  const note = cutCells
    ? `; ${cutCells} cell${cutCells === 1 ? '' : 's'} cut to ${maxCellWidth} characters (…); --format json or csv gives them whole`
    : '';
  out.push(`(${rows}${note})`);
  return `${out.join('\n')}\n`;
}
