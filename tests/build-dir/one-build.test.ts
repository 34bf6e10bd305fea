/**
 * A build folder is one build, or every reader says it is not: a folder left mixed by a build
 * killed half-way (simulated by putting one build's file into another's folder, or by killing a
 * real build while it writes) is refused by `report`, `export`, `--into` and `serve`, and a rerun
 * gives the same bytes as a clean build.
 */
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, readdir, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { ingest } from '../../src/ingest/index.js';
import { BUNDLED_DATA_DIR, PACKAGE_ROOT } from '../../src/paths.js';
import { runBuild } from '../../src/pipeline.js';
import { startServer, viewerDataJson } from '../../src/viewer/index.js';
import { viewerDataSource } from '../../src/build-dir/index.js';
import { captureOutputPerTest } from '../helpers/output.js';

const SLOW = 600_000;
const CLI = join(PACKAGE_ROOT, 'dist/cli/main.js');

let root: string;
let inputA: string;
let inputB: string;
/** Clean builds of A and of B. */
const builtA = () => join(root, 'built-a');
const builtB = () => join(root, 'built-b');

/** Every file under `dir` (dot files and folders aside), relative, with its bytes. */
async function folderBytes(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const rel = join(entry.parentPath, entry.name).slice(dir.length + 1);
    if (!entry.isFile() || rel.split('/').some((part) => part.startsWith('.'))) continue;
    files.set(rel, (await readFile(join(dir, rel))).toString('base64'));
  }
  return files;
}

/** A copy of clean build A, named `name`. */
async function copyOfA(name: string): Promise<string> {
  const dir = join(root, name);
  await cp(builtA(), dir, { recursive: true });
  return dir;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'pg-one-build-'));
  const papers = (await ingest([BUNDLED_DATA_DIR])).papers;
  const jsonl = (from: number, to: number) =>
    `${papers
      .slice(from, to)
      .map((p) => JSON.stringify({ id: p.id, title: p.title, abstract: p.abstract, year: p.year }))
      .join('\n')}\n`;
  inputA = join(root, 'a.jsonl');
  inputB = join(root, 'b.jsonl');
  await writeFile(inputA, jsonl(0, 60));
  await writeFile(inputB, jsonl(60, 160));
  await runBuild({ inputs: [inputA], out: builtA(), workers: 0 });
  await runBuild({ inputs: [inputB], out: builtB(), workers: 0 });
}, SLOW);
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** The HTTP status `serve` answers for `/data/<file>` of `dir`. */
async function viewerDataStatus(dir: string, file = 'viewer-data.json'): Promise<number> {
  const server = await startServer({ dir, viewerData: viewerDataSource(dir, viewerDataJson), port: 0 });
  try {
    return (await fetch(`${server.url}data/${file}`)).status;
  } finally {
    await server.close();
  }
}

describe('a folder that mixes two builds', () => {
  const output = captureOutputPerTest();

  /** Build A with B's `name`, as a build of B killed after writing that file leaves it. */
  async function mixed(name: string, file: string): Promise<string> {
    const dir = await copyOfA(name);
    await cp(join(builtB(), file), join(dir, file));
    return dir;
  }

  it.each(['graph.json', 'communities.json', 'papers.jsonl'])('with %s of another build is refused by report and export', async (file) => {
    const dir = await mixed(`mixed-${file}`, file);
    expect(await runCli(['report', dir])).toBe(1);
    const line = output.stderr.trim();
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toContain(dir);
    expect(line).toContain(file);
    expect(line).toContain(`papergraph build`);
    expect(output.stdout).toBe('');
    output.clear();
    expect(await runCli(['export', dir, '--format', 'gexf', '--out', join(root, `export-${file}`)])).toBe(1);
    expect(output.stderr).toContain(file);
  }, SLOW);

  it('is refused as the start of a --into build, which writes nothing', async () => {
    const dir = await mixed('mixed-into', 'communities.json');
    const before = await folderBytes(dir);
    expect(await runCli(['build', inputB, '--into', dir])).toBe(1);
    expect(output.stderr).toContain('communities.json');
    expect(await folderBytes(dir)).toEqual(before);
  }, SLOW);

  it('is never served: the viewer data of a mixed folder or a cut viewer-data.json is not answered with 200', async () => {
    expect(await viewerDataStatus(builtA())).toBe(200);
    expect(await viewerDataStatus(builtA(), 'report.md')).toBe(200);
    const mixedDir = await mixed('mixed-serve', 'graph.json');
    expect(await viewerDataStatus(mixedDir)).not.toBe(200);
    expect(await viewerDataStatus(mixedDir, 'report.md')).not.toBe(200);
    const cut = await copyOfA('cut-viewer-data');
    await truncate(join(cut, 'viewer-data.json'), Math.floor((await stat(join(cut, 'viewer-data.json'))).size / 2));
    expect(await viewerDataStatus(cut)).not.toBe(200);
    expect(await runCli(['serve', cut, '--port', '0'])).toBe(1);
    expect(output.stderr).toContain('viewer-data.json');
  }, SLOW);

  it('is refused while a build was stopped putting its files in place', async () => {
    // Killed after moving B's graph into place, before the manifest: A's manifest is still there.
    const dir = await mixed('mixed-commit', 'graph.json');
    await writeFile(join(dir, '.papergraph-commit'), 'b\n');
    expect(await runCli(['report', dir])).toBe(1);
    expect(output.stderr).toContain(dir);
  }, SLOW);

  it('is whole again after a rerun, byte for byte a clean build', async () => {
    const dir = await mixed('mixed-rerun', 'papers.jsonl');
    expect(await runCli(['build', inputB, '--out', dir])).toBe(0);
    expect(await folderBytes(dir)).toEqual(await folderBytes(builtB()));
  }, SLOW);
});

describe('a file a reader writes into the folder', () => {
  const output = captureOutputPerTest();

  it('keeps it one build: report --format html replaces report.html and the manifest lists the new file', async () => {
    const dir = await copyOfA('report-html');
    expect(await runCli(['report', dir, '--format', 'html', '--top', '2'])).toBe(0);
    const html = await readFile(join(dir, 'report.html'));
    expect(html.equals(await readFile(join(builtA(), 'report.html')))).toBe(false);
    const manifest = JSON.parse(await readFile(join(dir, 'build-manifest.json'), 'utf8')) as { files: { name: string; size: number }[] };
    expect(manifest.files.find((f) => f.name === 'report.html')?.size).toBe(html.length);
    output.clear();
    expect(await runCli(['report', dir])).toBe(0);
    expect(output.stderr).toBe('');
  }, SLOW);
});

describe('a build killed with -9 while it writes its files', () => {
  const output = captureOutputPerTest();

  /** Spawns a build of B into `dir` and kills it once `papers.jsonl` is being written anew anywhere under `dir`. */
  async function killWhileWriting(dir: string): Promise<void> {
    const seen = new Map<string, number>();
    for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
      if (entry.name === 'papers.jsonl') seen.set(join(entry.parentPath, entry.name), (await stat(join(entry.parentPath, entry.name))).mtimeMs);
    }
    const child = spawn(process.execPath, [CLI, 'build', inputB, '--out', dir], { stdio: 'ignore' });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    let killed = false;
    while (!killed && child.exitCode === null) {
      for (const entry of await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => [])) {
        const path = join(entry.parentPath, entry.name);
        if (entry.name !== 'papers.jsonl' || path.includes('/state/')) continue;
        const mtime = (await stat(path).catch(() => undefined))?.mtimeMs;
        if (mtime !== undefined && mtime !== seen.get(path)) {
          child.kill('SIGKILL');
          killed = true;
          break;
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await exited;
    expect(killed).toBe(true);
  }

  it('leaves a folder every reader takes as the earlier build, whole; the rerun equals a clean build', async () => {
    const dir = await copyOfA('killed');
    await killWhileWriting(dir);
    // Either the earlier build, whole, or refused: never B's graph under A's communities.
    const code = await runCli(['report', dir, '--format', 'json']);
    if (code === 0) {
      const clean = output.stdout;
      output.clear();
      expect(await runCli(['report', builtA(), '--format', 'json'])).toBe(0);
      expect(clean).toBe(output.stdout);
    } else {
      expect(code).toBe(1);
      expect(output.stderr).toContain(dir);
    }
    // The viewer's data likewise: A's, or refused (not B's graph drawn with A's communities).
    const served = await viewerDataSource(dir, viewerDataJson)
      .text()
      .catch(() => undefined);
    if (served !== undefined) expect(served).toBe(await viewerDataSource(builtA(), viewerDataJson).text());
    expect(await runCli(['build', inputB, '--out', dir])).toBe(0);
    expect(await folderBytes(dir)).toEqual(await folderBytes(builtB()));
  }, SLOW);
});
