/**
 * Record limits on the command line
 * =================================
 *
 * `--max-abstract-chars` and `--max-record-chars`, shared by `ingest` and `build`, so that both
 * say the same thing in `--help` and read the same numbers.
 */
import { type Command, InvalidArgumentError, Option } from 'commander';
import { RECORD_LIMITS } from '../ingest/types.js';
import { printable } from './printable.js';

/** The limits a command was given (undefined: the default). */
export interface LimitOptions {
  maxAbstractChars?: number;
  maxRecordChars?: number;
}

/** A whole number of characters, 1 or more (`20000`, `20_000` and `20,000` alike). */
function parseChars(value: string): number {
  const n = Number(value.trim().replace(/[_,]/g, ''));
  if (value.trim() === '' || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of characters, 1 or more');
  return n;
}

const count = (n: number) => n.toLocaleString('en-US');

/** Adds the record-limit options to `command`. */
export function addLimitOptions(command: Command): Command {
  return command
    .addOption(
      new Option(
        '--max-abstract-chars <n>',
        `cut abstracts longer than N characters (at a word), with a warning naming FILE:LINE (default: ${count(RECORD_LIMITS.maxAbstractChars)})`,
      ).argParser(parseChars),
    )
    .addOption(
      new Option(
        '--max-record-chars <n>',
        `skip input records (a JSON line, a BibTeX entry, a RIS record, a CSV row, a listing line) longer than N characters, unparsed (default: ${count(RECORD_LIMITS.maxRecordChars)})`,
      ).argParser(parseChars),
    );
}

/**
 * The warnings of records kept with a field cut, one line each, as `papergraph: warning:
 * FILE:LINE: reason` (the first `max`, then how many more).
 */
export function formatWarnings(warnings: readonly { file: string; line?: number; reason: string }[], max = 20): string {
  const lines = warnings.slice(0, max).map((w) => printable(`papergraph: warning: ${w.file}${w.line === undefined ? '' : `:${w.line}`}: ${w.reason}\n`));
  if (warnings.length > max) lines.push(`papergraph: … and ${warnings.length - max} more warnings\n`);
  return lines.join('');
}
