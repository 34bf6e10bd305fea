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
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip, createGzip } from 'node:zlib';
import { UserError } from './errors.js';
import type { PaperAnalysis } from './extract/index.js';
import type { PaperRecord } from './model.js';
import { PACKAGE_VERSION } from './version.js';

/** Where the state lives, relative to a build's output folder. */
export const BUILD_STATE_FILE = 'state/papers.jsonl.gz';

/**
 * The `format` of the header line. Its revision changes whenever the stored analyses change
 * shape, so an older state is refused (and rebuilt) rather than resolved into different concepts.
 */
const FORMAT = 'papergraph-build-state/2';

/** The first line of the file. */
interface StateHeader {
  format: typeof FORMAT;
  /** Package version that wrote the file. */
  version: string;
  /** Paper lines that follow (a shorter file was cut off). */
  papers: number;
}

/** Every other line: one paper and its pass-1 analysis. */
interface StateLine {
  paper: PaperRecord;
  analysis: PaperAnalysis;
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
  papers.forEach((paper, i) => {
    if (analyses[i]!.id !== paper.id) {
      throw new RangeError(`build state: analysis ${i} is of paper "${analyses[i]!.id}", not "${paper.id}".`);
    }
  });
  const path = join(out, BUILD_STATE_FILE);
  const temporary = `${path}.tmp`;
  await mkdir(dirname(path), { recursive: true });
  function* lines(): Generator<string> {
    const header: StateHeader = { format: FORMAT, version: PACKAGE_VERSION, papers: papers.length };
    yield `${JSON.stringify(header)}\n`;
    for (let i = 0; i < papers.length; i++) {
      const line: StateLine = { paper: papers[i]!, analysis: analyses[i]! };
      yield `${JSON.stringify(line)}\n`;
    }
  }
  try {
    await pipeline(Readable.from(lines()), createGzip(), createWriteStream(temporary));
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return path;
}

/**
 * Reads the state a build wrote into `dir`. Throws a one-line `UserError` when `dir` has no
 * state, or naming file and line when the file is damaged.
 */
export async function readBuildState(
  dir: string,
): Promise<{ papers: PaperRecord[]; analyses: PaperAnalysis[]; version: string }> {
  const path = join(dir, BUILD_STATE_FILE);
  const found = await stat(path).catch(() => undefined);
  if (!found?.isFile()) {
    throw new UserError(
      `${dir} has no build state (${BUILD_STATE_FILE}): build it with \`papergraph build --out ${dir}\` first`,
      'E_NOT_FOUND',
    );
  }
  const papers: PaperRecord[] = [];
  const analyses: PaperAnalysis[] = [];
  let header: StateHeader | undefined;
  const seen = new Set<string>();
  const bad = (line: number, reason: string) => new UserError(`${path}:${line}: ${reason}`, 'E_INPUT');

  let lineNumber = 0;
  const take = (text: string) => {
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
      return;
    }
    const { paper, analysis } = checkLine(value, (reason) => bad(lineNumber, reason));
    if (seen.has(paper.id)) throw bad(lineNumber, `paper "${paper.id}" appears twice`);
    seen.add(paper.id);
    papers.push(paper);
    analyses.push(analysis);
  };

  const source = createReadStream(path);
  const gunzip = createGunzip();
  source.on('error', (error) => gunzip.destroy(error));
  source.pipe(gunzip);
  try {
    const decoder = new StringDecoder('utf8');
    let rest = '';
    for await (const chunk of gunzip) {
      const lines = (rest + decoder.write(chunk as Buffer)).split('\n');
      rest = lines.pop()!;
      for (const line of lines) take(line);
    }
    rest += decoder.end();
    if (rest !== '') take(rest);
  } catch (error) {
    if (error instanceof UserError) throw error;
    const reason = (error as NodeJS.ErrnoException).code?.startsWith('Z_')
      ? 'not a complete gzip file (damaged or cut off)'
      : (error as Error).message;
    throw new UserError(`${path}: ${reason}`, 'E_INPUT', { cause: error });
  } finally {
    source.destroy();
    gunzip.destroy();
  }
  if (!header) throw bad(1, 'empty file, expecting a build-state header');
  if (papers.length !== header.papers) {
    throw bad(lineNumber, `the header announces ${header.papers} papers, the file holds ${papers.length} (cut off?)`);
  }
  return { papers, analyses, version: header.version };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function checkHeader(value: unknown, bad: (reason: string) => UserError): StateHeader {
  if (isObject(value) && typeof value.format === 'string' && value.format.startsWith('papergraph-build-state') && value.format !== FORMAT) {
    throw bad(`build state of another format (${value.format}, expecting ${FORMAT}): rebuild the folder with \`papergraph build --out DIR\``);
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
