/**
 * Build state
 * ===========
 *
 * What a build keeps so that papers can be added later without reprocessing the old ones:
 * every paper's record and its pass-1 analysis (tagged chunks, sentences, acronym
 * definitions), one JSON line per paper in `state/papers.jsonl.gz` under the output folder.
 * `papergraph build NEW --into DIR` reads it back, analyzes the new papers only and re-runs the
 * corpus pass (aliases, document frequencies, scoring) over old + new analyses.
 *
 * The file is gzip-compressed JSON Lines, streamed both ways so large corpora never sit in
 * memory as one string. The first line is a header naming the format and the package version
 * that wrote it. Files are written to a temporary name and renamed, so a crash never leaves
 * half a state behind.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip, createGzip } from 'node:zlib';
import { UserError } from '../errors.js';
// A type only: the state stores the extract stage's pass-1 analyses, never runs the stage.
import type { PaperAnalysis } from '../extract/index.js';
import type { PaperRecord } from '../model.js';
import { PACKAGE_VERSION } from '../version.js';
import { BUILD_FILES, badFile, checkBuildFolder, missingFile } from './folder.js';

/** Where the state lives, relative to a build's output folder. */
export const BUILD_STATE_FILE = BUILD_FILES.state;

/**
 * The `format` of the header line. Its revision changes whenever the stored analyses change
 * shape, so an older state is refused (and rebuilt) rather than resolved into different concepts.
 */
const FORMAT = 'papergraph-build-state/2';

/** The first line of the file. */
export interface StateHeader {
  format: typeof FORMAT;
  /** Package version that wrote the file. */
  version: string;
  /** Paper lines that follow (a shorter file was cut off). */
  papers: number;
}

/** Every other line: one paper and its pass-1 analysis. */
export interface StateLine {
  paper: PaperRecord;
  analysis: PaperAnalysis;
}

/** Writes a build state line by line (see {@link openBuildState}). */
export interface BuildStateWriter {
  /** Adds the next paper and its analysis (papers in id order; the caller keeps the order). */
  add(paper: PaperRecord, analysis: PaperAnalysis): Promise<void>;
  /** Finishes the file and puts it in place; returns its path. */
  close(): Promise<string>;
  /** Drops the unfinished file (the previous state, if any, stays). */
  abort(): Promise<void>;
}

/**
 * A plain (uncompressed) copy of the state, `<out>/state/papers.jsonl`: what a build writes
 * first and reads back several times (the corpus pass reads every paper once per phase, and
 * decompressing each time would cost more than the reading), then compresses into place with
 * {@link compressBuildState}.
 */
export const BUILD_STATE_SCRATCH = BUILD_FILES.stateScratch;

/** Whether a state file is stored gzip-compressed (by its name). */
const isCompressed = (file: string): boolean => file.endsWith('.gz');

/**
 * Opens `<out>/state/papers.jsonl.gz` (or `file` under `out`; compressed when its name ends in
 * `.gz`) for writing `count` papers. Lines go to a temporary file as they are added, and nothing
 * is held: a 100k-paper state never sits in memory.
 */
export async function openBuildState(out: string, count: number, file: string = BUILD_STATE_FILE): Promise<BuildStateWriter> {
  const path = join(out, file);
  const temporary = `${path}.tmp`;
  await mkdir(dirname(path), { recursive: true });
  const gzip = isCompressed(file) ? createGzip() : new PassThrough();
  const written = pipeline(gzip, createWriteStream(temporary));
  let failure: unknown;
  written.catch((error: unknown) => (failure = error));
  let added = 0;
  const put = async (text: string) => {
    if (failure) throw failure;
    if (!gzip.write(text)) await new Promise<void>((resolve) => gzip.once('drain', resolve));
  };
  const header: StateHeader = { format: FORMAT, version: PACKAGE_VERSION, papers: count };
  await put(`${JSON.stringify(header)}\n`);
  const writer: BuildStateWriter = {
    async add(paper, analysis) {
      if (analysis.id !== paper.id) {
        throw new RangeError(`build state: analysis ${added} is of paper "${analysis.id}", not "${paper.id}".`);
      }
      added++;
      const line: StateLine = { paper, analysis };
      await put(`${JSON.stringify(line)}\n`);
    },
    async close() {
      if (added !== count) {
        await writer.abort();
        throw new RangeError(`build state: ${added} papers written, ${count} announced.`);
      }
      gzip.end();
      try {
        await written;
        await rename(temporary, path);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
      return path;
    },
    async abort() {
      gzip.destroy();
      await written.catch(() => undefined);
      await rm(temporary, { force: true });
    },
  };
  return writer;
}

/**
 * Compresses the plain state `<out>/<from>` (see {@link BUILD_STATE_SCRATCH}) into
 * `<out>/state/papers.jsonl.gz`, replacing any previous state, and removes the plain one.
 * Returns the path written.
 */
export async function compressBuildState(out: string, from: string = BUILD_STATE_SCRATCH): Promise<string> {
  const path = join(out, BUILD_STATE_FILE);
  const temporary = `${path}.tmp`;
  try {
    await pipeline(createReadStream(join(out, from)), createGzip(), createWriteStream(temporary));
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await rm(join(out, from), { force: true });
  return path;
}

/**
 * Writes `papers` and their pass-1 `analyses` (same order, same ids) to
 * `<out>/state/papers.jsonl.gz`, replacing any previous state. Returns the path written.
 */
export async function writeBuildState(
  out: string,
  papers: readonly PaperRecord[],
  analyses: readonly PaperAnalysis[],
): Promise<string> {
  if (analyses.length !== papers.length) {
    throw new RangeError(`build state: ${analyses.length} analyses for ${papers.length} papers. Expecting one analysis per paper.`);
  }
  const writer = await openBuildState(out, papers.length);
  try {
    for (let i = 0; i < papers.length; i++) await writer.add(papers[i]!, analyses[i]!);
  } catch (error) {
    await writer.abort();
    throw error;
  }
  return writer.close();
}

/**
 * Reads the state a build wrote into `dir`. Throws a one-line `UserError` when `dir` has no
 * state, or naming file and line when the file is damaged.
 */
export async function readBuildState(
  dir: string,
): Promise<{ papers: PaperRecord[]; analyses: PaperAnalysis[]; version: string }> {
  const papers: PaperRecord[] = [];
  const analyses: PaperAnalysis[] = [];
  let version = '';
  for await (const line of streamBuildState(dir, (header) => (version = header.version))) {
    papers.push(line.paper);
    analyses.push(line.analysis);
  }
  return { papers, analyses, version };
}

/** The papers of the state in `dir` without their analyses (what a `--into` build holds). */
export async function readBuildStatePapers(dir: string): Promise<PaperRecord[]> {
  const papers: PaperRecord[] = [];
  for await (const line of streamBuildState(dir)) papers.push(line.paper);
  return papers;
}

/**
 * Every paper and its analysis from the state in `dir`, in file order, one at a time, each
 * line checked as it is read (errors as in {@link readBuildState}, thrown when reached; a file
 * cut short fails at its end).
 */
export async function* streamBuildState(
  dir: string,
  onHeader?: (header: StateHeader) => void,
  file: string = BUILD_STATE_FILE,
): AsyncGenerator<StateLine> {
  const path = join(dir, file);
  await checkBuildFolder(dir);
  const found = await stat(path).catch(() => undefined);
  if (!found?.isFile()) throw missingFile(dir, file);
  let header: StateHeader | undefined;
  let count = 0;
  const seen = new Set<string>();
  const bad = (line: number, reason: string) => badFile(dir, `${file}:${line}`, reason);

  let lineNumber = 0;
  const parse = (text: string): StateLine | undefined => {
    lineNumber++;
    if (text === '') throw bad(lineNumber, 'empty line');
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw bad(lineNumber, 'not valid JSON');
    }
    if (!header) {
      header = checkHeader(value, (reason) => bad(lineNumber, reason));
      onHeader?.(header);
      return undefined;
    }
    const line = checkLine(value, (reason) => bad(lineNumber, reason));
    if (seen.has(line.paper.id)) throw bad(lineNumber, `paper "${line.paper.id}" appears twice`);
    seen.add(line.paper.id);
    count++;
    return line;
  };

  const source = createReadStream(path);
  const gunzip = isCompressed(file) ? createGunzip() : new PassThrough();
  source.on('error', (error) => gunzip.destroy(error));
  source.pipe(gunzip);
  try {
    const decoder = new StringDecoder('utf8');
    let rest = '';
    for await (const chunk of gunzip) {
      const texts = (rest + decoder.write(chunk as Buffer)).split('\n');
      rest = texts.pop()!;
      for (const text of texts) {
        const line = parse(text);
        if (line) yield line;
      }
    }
    rest += decoder.end();
    if (rest !== '') {
      const line = parse(rest);
      if (line) yield line;
    }
  } catch (error) {
    if (error instanceof UserError) throw error;
    const reason = (error as NodeJS.ErrnoException).code?.startsWith('Z_')
      ? 'not a complete gzip file (damaged or cut off)'
      : (error as Error).message;
    throw badFile(dir, file, reason, error);
  } finally {
    source.destroy();
    gunzip.destroy();
  }
  if (!header) throw bad(1, 'empty file, expecting a build-state header');
  if (count !== header.papers) {
    throw bad(lineNumber, `the header announces ${header.papers} papers, the file holds ${count} (cut off?)`);
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function checkHeader(value: unknown, bad: (reason: string) => UserError): StateHeader {
  if (isObject(value) && typeof value.format === 'string' && value.format.startsWith('papergraph-build-state') && value.format !== FORMAT) {
    throw bad(`build state of another format (${value.format}, expecting ${FORMAT})`);
  }
  if (!isObject(value) || value.format !== FORMAT) throw bad(`not a build-state header (expecting "format": "${FORMAT}")`);
  if (typeof value.version !== 'string') throw bad('the header has no "version"');
  if (!Number.isInteger(value.papers) || (value.papers as number) < 0) throw bad('the header has no paper count');
  return value as unknown as StateHeader;
}

/** Checks the shape the later stages rely on (ids, texts, analysis arrays). */
function checkLine(value: unknown, bad: (reason: string) => UserError): StateLine {
  if (!isObject(value) || !isObject(value.paper) || !isObject(value.analysis)) {
    throw bad('expecting {"paper": {...}, "analysis": {...}}');
  }
  const { paper, analysis } = value;
  if (typeof paper.id !== 'string' || paper.id === '') throw bad('the paper has no "id"');
  if (typeof paper.title !== 'string' || typeof paper.abstract !== 'string') {
    throw bad(`paper "${paper.id}" has no "title" or "abstract" text`);
  }
  if (!Array.isArray(paper.sources)) throw bad(`paper "${paper.id}" has no "sources" list`);
  if (analysis.id !== paper.id) throw bad(`the analysis is of paper "${String(analysis.id)}", not "${paper.id}"`);
  const sentences = analysis.sentences;
  if (!Array.isArray(sentences) || sentences.length !== 2 || !sentences.every(Array.isArray)) {
    throw bad(`the analysis of "${paper.id}" has no "sentences" per field`);
  }
  if (!Array.isArray(analysis.lengths) || analysis.lengths.length !== 2) {
    throw bad(`the analysis of "${paper.id}" has no field "lengths"`);
  }
  if (!Array.isArray(analysis.chunks) || !Array.isArray(analysis.acronyms)) {
    throw bad(`the analysis of "${paper.id}" has no "chunks" or "acronyms" list`);
  }
  return value as unknown as StateLine;
}
