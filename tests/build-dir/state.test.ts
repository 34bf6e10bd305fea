import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BUILD_STATE_FILE,
  BUILD_STATE_SCRATCH,
  compressBuildState,
  openBuildState,
  readBuildState,
  readBuildStatePapers,
  streamBuildState,
  writeBuildState,
} from '../../src/build-dir/state.js';
import { UserError } from '../../src/errors.js';
import { analyzePapers, extractConcepts, resolveAnalyses, type PaperAnalysis } from '../../src/extract/index.js';
import { ingest } from '../../src/ingest/index.js';
import type { PaperRecord } from '../../src/model.js';
import { BUNDLED_DATA_DIR } from '../../src/paths.js';
import { PACKAGE_VERSION } from '../../src/version.js';

let dir: string;
let papers: PaperRecord[];
let analyses: PaperAnalysis[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'papergraph-state-'));
  papers = (await ingest([BUNDLED_DATA_DIR])).papers.slice(0, 60);
  analyses = await analyzePapers(papers, { workers: 0 });
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes a state file by hand: a header then the given lines, gzipped. */
async function writeRaw(name: string, lines: string[]): Promise<string> {
  const out = join(dir, name);
  await mkdir(join(out, 'state'), { recursive: true });
  await writeFile(join(out, BUILD_STATE_FILE), gzipSync(lines.map((l) => `${l}\n`).join('')));
  return out;
}

const header = (count: number) => JSON.stringify({ format: 'papergraph-build-state/2', version: '0.0.9', papers: count });
const line = (i: number) => JSON.stringify({ paper: papers[i], analysis: analyses[i] });

/** The one-line UserError `promise` rejects with. */
async function userError(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  expect((error as UserError).message).not.toContain('\n');
  return error as UserError;
}

describe('writeBuildState / readBuildState', () => {
  it('round trips papers and analyses, and records the package version', async () => {
    const out = join(dir, 'round');
    const path = await writeBuildState(out, papers, analyses);
    expect(path).toBe(join(out, BUILD_STATE_FILE));
    const text = gunzipSync(await readFile(path)).toString('utf8');
    expect(text.trimEnd().split('\n')).toHaveLength(papers.length + 1);
    const back = await readBuildState(out);
    expect(back.version).toBe(PACKAGE_VERSION);
    expect(back.papers).toEqual(papers);
    expect(back.analyses).toEqual(analyses);
  });

  it('gives back analyses the corpus pass resolves exactly as a direct extraction', async () => {
    const out = join(dir, 'resolve');
    await writeBuildState(out, papers, analyses);
    const back = await readBuildState(out);
    expect(JSON.stringify(resolveAnalyses(back.papers, back.analyses))).toBe(JSON.stringify(extractConcepts(papers)));
  });

  it('writes the same bytes for the same input, and replaces an older state', async () => {
    const out = join(dir, 'again');
    await writeBuildState(out, papers.slice(0, 5), analyses.slice(0, 5));
    const first = await readFile(join(out, BUILD_STATE_FILE));
    await writeBuildState(out, papers.slice(0, 10), analyses.slice(0, 10));
    expect((await readBuildState(out)).papers).toHaveLength(10);
    await writeBuildState(out, papers.slice(0, 5), analyses.slice(0, 5));
    expect((await readFile(join(out, BUILD_STATE_FILE))).equals(first)).toBe(true);
  });

  it('round trips an empty corpus', async () => {
    const out = join(dir, 'empty');
    await writeBuildState(out, [], []);
    expect(await readBuildState(out)).toEqual({ papers: [], analyses: [], version: PACKAGE_VERSION });
  });

  it('refuses analyses that do not match the papers', async () => {
    await expect(writeBuildState(join(dir, 'x'), papers.slice(0, 2), analyses.slice(0, 1))).rejects.toThrow(RangeError);
    await expect(writeBuildState(join(dir, 'x'), papers.slice(0, 2), analyses.slice(1, 3))).rejects.toThrow(/analysis 0/);
  });

  it('says a folder without state has none, and how to make one', async () => {
    const out = join(dir, 'no-state');
    await mkdir(out, { recursive: true });
    const error = await userError(readBuildState(out));
    expect(error.code).toBe('E_NOT_FOUND');
    expect(error.message).toBe(
      `${join(out, 'state/papers.jsonl.gz')}: no such file (run \`papergraph build --out ${out}\` first)`,
    );
    expect((await userError(readBuildState(join(dir, 'missing')))).code).toBe('E_NOT_FOUND');
  });

  it.each([
    ['a bad JSON line', () => [header(3), line(0), '{"paper": ', line(2)], 3, /not valid JSON/],
    ['no header', () => [line(0)], 1, /not a build-state header/],
    [
      'a header of an older format',
      () => [JSON.stringify({ format: 'papergraph-build-state', version: '0.0.9', papers: 1 }), line(0)],
      1,
      /another format \(papergraph-build-state, expecting papergraph-build-state\/2\) \(rebuild it with `papergraph build --out /,
    ],
    ['a line without analysis', () => [header(1), JSON.stringify({ paper: papers[0] })], 2, /expecting \{"paper"/],
    ['an analysis of another paper', () => [header(1), JSON.stringify({ paper: papers[0], analysis: analyses[1] })], 2, /the analysis is of paper/],
    ['a paper twice', () => [header(2), line(0), line(0)], 3, /appears twice/],
    ['a paper without text', () => [header(1), JSON.stringify({ paper: { ...papers[0], abstract: 4 }, analysis: analyses[0] })], 2, /no "title" or "abstract"/],
    ['an analysis without chunks', () => [header(1), JSON.stringify({ paper: papers[0], analysis: { ...analyses[0], chunks: null } })], 2, /no "chunks"/],
    ['fewer papers than announced', () => [header(3), line(0), line(1)], 3, /announces 3 papers, the file holds 2/],
    ['an empty line', () => [header(2), line(0), '', line(1)], 3, /empty line/],
  ])('names file and line of %s', async (name, lines, lineNumber, reason) => {
    const out = await writeRaw(name.replace(/\W+/g, '-'), lines());
    const error = await userError(readBuildState(out));
    expect(error.code).toBe('E_INPUT');
    expect(error.message).toContain(`${join(out, BUILD_STATE_FILE)}:${lineNumber}: `);
    expect(error.message).toMatch(reason);
  });

  it('names the file when it is not gzip or is cut off', async () => {
    const plain = join(dir, 'plain');
    await mkdir(join(plain, 'state'), { recursive: true });
    await writeFile(join(plain, BUILD_STATE_FILE), `${header(0)}\n`);
    const notGzip = await userError(readBuildState(plain));
    expect(notGzip.message).toMatch(new RegExp(`^${join(plain, BUILD_STATE_FILE)}: .*gzip`));

    const cut = join(dir, 'cut');
    await writeBuildState(cut, papers, analyses);
    const bytes = await readFile(join(cut, BUILD_STATE_FILE));
    await writeFile(join(cut, BUILD_STATE_FILE), bytes.subarray(0, Math.floor(bytes.length / 2)));
    const cutOff = await userError(readBuildState(cut));
    expect(cutOff.code).toBe('E_INPUT');
    expect(cutOff.message).toContain(join(cut, BUILD_STATE_FILE));
  });
});

describe('openBuildState / streamBuildState', () => {
  it('writes line by line what writeBuildState writes, and streams it back in order', async () => {
    const whole = join(dir, 'whole');
    const lines = join(dir, 'lines');
    await writeBuildState(whole, papers, analyses);
    const writer = await openBuildState(lines, papers.length);
    for (let i = 0; i < papers.length; i++) await writer.add(papers[i]!, analyses[i]!);
    await writer.close();
    expect((await readFile(join(lines, BUILD_STATE_FILE))).equals(await readFile(join(whole, BUILD_STATE_FILE)))).toBe(true);
    const ids: string[] = [];
    for await (const entry of streamBuildState(lines)) {
      expect(entry.analysis.id).toBe(entry.paper.id);
      ids.push(entry.paper.id);
    }
    expect(ids).toEqual(papers.map((p) => p.id));
    expect(await readBuildStatePapers(lines)).toEqual(papers);
  });

  it('keeps the previous state when a write is aborted or falls short of its count', async () => {
    const out = join(dir, 'aborted');
    await writeBuildState(out, papers.slice(0, 3), analyses.slice(0, 3));
    const before = await readFile(join(out, BUILD_STATE_FILE));
    const aborted = await openBuildState(out, 10);
    await aborted.add(papers[0]!, analyses[0]!);
    await aborted.abort();
    const short = await openBuildState(out, 10);
    await short.add(papers[0]!, analyses[0]!);
    await expect(short.close()).rejects.toThrow(/1 papers written, 10 announced/);
    expect((await readFile(join(out, BUILD_STATE_FILE))).equals(before)).toBe(true);
    await expect((await openBuildState(out, 1)).add(papers[0]!, analyses[1]!)).rejects.toThrow(/is of paper/);
  });

  it('streams the lines before a damaged one, then names its line', async () => {
    const out = await writeRaw('stream-bad', [header(3), line(0), line(1), '{oops']);
    const ids: string[] = [];
    const error = await userError(
      (async () => {
        for await (const entry of streamBuildState(out)) ids.push(entry.paper.id);
      })(),
    );
    expect(ids).toEqual([papers[0]!.id, papers[1]!.id]);
    expect(error.message).toContain(`${join(out, BUILD_STATE_FILE)}:4: not valid JSON`);
  });
});

describe('the plain scratch state', () => {
  it('is read back as written, then compressed into the same file writeBuildState writes', async () => {
    const whole = join(dir, 'scratch-whole');
    const out = join(dir, 'scratch');
    await writeBuildState(whole, papers, analyses);
    const writer = await openBuildState(out, papers.length, BUILD_STATE_SCRATCH);
    for (let i = 0; i < papers.length; i++) await writer.add(papers[i]!, analyses[i]!);
    await writer.close();
    const plain = await readFile(join(out, BUILD_STATE_SCRATCH), 'utf8');
    expect(plain.split('\n')[0]).toContain('"format":"papergraph-build-state/2"');
    const ids: string[] = [];
    for await (const entry of streamBuildState(out, undefined, BUILD_STATE_SCRATCH)) ids.push(entry.paper.id);
    expect(ids).toEqual(papers.map((p) => p.id));
    await compressBuildState(out);
    expect((await readFile(join(out, BUILD_STATE_FILE))).equals(await readFile(join(whole, BUILD_STATE_FILE)))).toBe(true);
    await expect(readFile(join(out, BUILD_STATE_SCRATCH))).rejects.toThrow(/ENOENT/);
  });
});
