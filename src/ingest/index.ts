/**
 * Ingest
 * ======
 *
 * Reads abstracts from listing dumps, arXiv Atom feeds, BibTeX, RIS, CSV/TSV and JSON/JSONL
 * (OpenAlex works included), and returns clean, deduplicated paper records. Every file is
 * streamed; a malformed record becomes a problem (`file:line: reason`) and the rest goes
 * through. The CLI (`papergraph ingest`) and `build` call `ingest`; callers with huge inputs
 * can stream one file's records with `readRecords`.
 */
import { stat } from 'node:fs/promises';
import { resolveDefaults } from '../defaults.js';
import { UserError } from '../errors.js';
import type { InputFormat, PaperRecord, ProgressReporter } from '../model.js';
import { readArxiv } from './arxiv.js';
import { readBibtex } from './bibtex.js';
import { readCsv } from './csv.js';
import { contentMismatch, detectFormat } from './detect.js';
import { expandInputs } from './inputs.js';
import { peekText } from './lines.js';
import { readJsonl } from './jsonl.js';
import { readListing } from './listing.js';
import { PaperMerger } from './merge.js';
import { readRis } from './ris.js';
import { problem, type IngestProblem, type RawRecord, type ReadItem, type ReaderContext } from './types.js';

export type { IngestProblem, RawRecord, ReadItem } from './types.js';
export { detectFormat } from './detect.js';
export { splitTitle, type TitleSplit } from './title-split.js';
export { normalizeTitle, titleHash, paperId } from './text.js';
export { expandInputs } from './inputs.js';
export { mergeWithBuild, type BuildMerge } from './merge-build.js';
export { filterByLanguage, knownLanguages, type LanguageFilterResult, type LeftOutPaper } from './language.js';

/** Every format `--format` accepts. */
export const INPUT_FORMATS: readonly InputFormat[] = ['listing', 'arxiv', 'bibtex', 'ris', 'csv', 'jsonl'];

/** Options of `ingest`. */
export interface IngestOptions {
  /** Input format of every file, or `auto` to detect each file's format. */
  format: InputFormat | 'auto';
  /** Progress in bytes read over all input files. */
  onProgress?: ProgressReporter;
}

/** Counts of one ingest run, as the summary prints them. */
export interface IngestStats {
  /** Input files read. */
  files: number;
  /** Input records parsed into a paper (before deduplication). */
  records: number;
  /** Distinct papers after deduplication. */
  papers: number;
  /** Records merged into a paper seen before. */
  duplicatesMerged: number;
  /** Skipped records and files by problem kind. */
  skipped: Record<string, number>;
}

/** What `ingest` returns. */
export interface IngestResult {
  /** Deduplicated papers, sorted by id. */
  papers: PaperRecord[];
  stats: IngestStats;
  /** Every skipped record or file, in input order. */
  problems: IngestProblem[];
}

/** Defaults of `ingest`: detect each file's format. */
export const DEFAULTS: IngestOptions = { format: 'auto' };

/** Options of `readRecords`. */
export interface ReadRecordsOptions {
  /** Called with the bytes read so far in this file. */
  onBytes?: (bytesRead: number) => void;
}

/**
 * Streams the records of one file (an async generator): each item is a parsed `record` or a
 * `problem` that replaced one. An unreadable or empty file yields one problem. Memory stays
 * flat however large the file is.
 */
export async function* readRecords(
  file: string,
  format: InputFormat | 'auto' = 'auto',
  options: Partial<ReadRecordsOptions> = {},
): AsyncGenerator<ReadItem> {
  if (format !== 'auto' && !INPUT_FORMATS.includes(format)) throw unknownFormat(format);
  let size: number;
  try {
    const info = await stat(file);
    if (!info.isFile()) {
      yield problem(file, undefined, 'unreadable-file', 'not a regular file');
      return;
    }
    size = info.size;
  } catch (error) {
    yield problem(file, undefined, 'unreadable-file', `cannot read file (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    return;
  }
  if (size === 0) {
    yield problem(file, undefined, 'empty-file', 'file is empty');
    return;
  }
  let resolved: InputFormat;
  let mismatch: string | undefined;
  try {
    resolved = format === 'auto' ? await detectFormat(file) : format;
    mismatch = contentMismatch(await peekText(file, 16 * 1024), resolved, format === 'auto');
  } catch (error) {
    yield problem(file, undefined, 'unreadable-file', `cannot read file (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    return;
  }
  // A file that is plainly not the format: one line, not one problem per line.
  if (mismatch) {
    yield problem(file, 1, 'wrong-format', mismatch);
    return;
  }
  const ctx: ReaderContext = { file, format: resolved, onBytes: options.onBytes };
  let any = false;
  try {
    for await (const item of READERS[resolved](ctx)) {
      any = true;
      yield item;
    }
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'Z_DATA_ERROR' || e.code === 'Z_BUF_ERROR') {
      yield problem(file, undefined, 'unreadable-file', 'not a valid gzip file');
    } else if (e.code && /^E[A-Z]+$/.test(e.code)) {
      yield problem(file, undefined, 'unreadable-file', `cannot read file (${e.code})`);
    } else {
      throw error;
    }
    return;
  }
  // A file with content but no record: said of its first line, where a reader would look.
  if (!any) yield problem(file, 1, 'no-records', `no ${resolved} records found`);
}

const unknownFormat = (format: string): UserError =>
  new UserError(`ingest: unknown format "${format}". Expecting auto or ${INPUT_FORMATS.join(', ')}.`, 'E_USAGE');

const READERS: Record<InputFormat, (ctx: ReaderContext) => AsyncGenerator<ReadItem>> = {
  listing: readListing,
  arxiv: readArxiv,
  bibtex: readBibtex,
  ris: readRis,
  csv: readCsv,
  jsonl: readJsonl,
};

/**
 * Reads paths, directories (recursively, files with known extensions) and globs, and returns
 * deduplicated papers with counts and problems. An unreadable or empty file is a problem, not
 * a throw; no input file at all is a `UserError`.
 */
export async function ingest(inputs: string[], options: Partial<IngestOptions> = {}): Promise<IngestResult> {
  const opts = resolveDefaults(DEFAULTS, options);
  if (opts.format !== 'auto' && !INPUT_FORMATS.includes(opts.format)) throw unknownFormat(opts.format);
  const files = await expandInputs(inputs);
  const sizes = await Promise.all(files.map((f) => stat(f).then((s) => s.size, () => -1)));
  if (!sizes.some((s) => s >= 0)) {
    throw new UserError(`ingest: no input files found (${inputs.join(', ') || 'nothing given'})`, 'E_INPUT');
  }
  const total = sizes.reduce((a, b) => a + Math.max(b, 0), 0);
  let before = 0;
  const merger = new PaperMerger();
  const problems: IngestProblem[] = [];
  const skipped: Record<string, number> = {};
  let records = 0;
  let lastReport = 0;
  for (const [k, file] of files.entries()) {
    const onBytes = opts.onProgress
      ? (bytes: number) => {
          const done = before + bytes;
          if (done - lastReport >= 1 << 20 || done === total) {
            lastReport = done;
            opts.onProgress!(done, total);
          }
        }
      : undefined;
    for await (const item of readRecords(file, opts.format, { onBytes })) {
      if ('record' in item) {
        records++;
        merger.add(item.record as RawRecord);
      } else {
        problems.push(item.problem);
        skipped[item.problem.kind] = (skipped[item.problem.kind] ?? 0) + 1;
      }
    }
    before += Math.max(sizes[k]!, 0);
    opts.onProgress?.(before, total);
  }
  const papers = merger.result();
  return {
    papers,
    stats: { files: files.length, records, papers: papers.length, duplicatesMerged: merger.duplicatesMerged, skipped },
    problems,
  };
}
