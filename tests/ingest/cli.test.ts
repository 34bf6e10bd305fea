import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { fixture } from './helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'papergraph-ingest-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let stderr: string[];
let stdout: string[];
beforeEach(() => {
  stderr = [];
  stdout = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr.push(String(chunk));
    return true;
  });
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout.push(String(chunk));
    return true;
  });
});
afterEach(() => vi.restoreAllMocks());

describe('papergraph ingest', () => {
  it('ingests the bundled corpus into a JSONL file and prints the summary', async () => {
    const out = join(tmp, 'papers.jsonl');
    expect(await runCli(['ingest', '--out', out])).toBe(0);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(223);
    const first = JSON.parse(lines[0]!);
    expect(Object.keys(first).slice(0, 3)).toEqual(['id', 'title', 'abstract']);
    expect(stderr.join('')).toMatch(/4 files, 265 records, 223 papers, 42 duplicates merged, 0 skipped/);
  });

  it('prints problems as file:line: reason and exits 2 when records were skipped', async () => {
    const code = await runCli(['ingest', fixture('bad.jsonl'), fixture('unclosed.bib')]);
    expect(code).toBe(2);
    const err = stderr.join('');
    expect(err).toContain(`${fixture('bad.jsonl')}:2: invalid JSON`);
    expect(err).toContain(`${fixture('unclosed.bib')}:1: entry @article is not closed`);
    expect(err).toMatch(/3 records, 3 papers, 0 duplicates merged, 4 skipped \(bibtex-syntax 1, invalid-json 1, missing-abstract 1, not-an-object 1\)/);
    const titles = stdout.join('').trimEnd().split('\n').map((l) => JSON.parse(l).title);
    expect(titles.sort()).toEqual(['Good Line', 'Last Good', 'The Entry After the Broken One']);
  });

  it('exits 1 with one line, no stack trace, when there is no input file', async () => {
    expect(await runCli(['ingest', join(tmp, 'nope.csv')])).toBe(1);
    expect(stderr.join('')).toMatch(/^papergraph: ingest: no input files found \(.*nope\.csv\)\n$/);
  });

  it('says once that a Markdown file is no input format', async () => {
    const readme = fileURLToPath(new URL('../../README.md', import.meta.url));
    const out = join(tmp, 'readme.jsonl');
    expect(await runCli(['ingest', readme, '--out', out])).toBe(1);
    const lines = stderr.join('').trimEnd().split('\n');
    expect(lines[0]).toMatch(/^papergraph: ingest: no papers in the inputs \(1 file, 0 records read\); nothing written$/);
    expect(lines.slice(1)).toEqual([`  ${readme}:1: not an input format PaperGraph reads: it looks like Markdown text. PaperGraph reads listing dumps, arXiv Atom, BibTeX, RIS, CSV/TSV and JSON/JSONL`]);
    expect(existsSync(out)).toBe(false);
  });

  it('says once that an XML feed is not JSONL, and reads the other inputs', async () => {
    expect(await runCli(['ingest', fixture('feed.xml'), fixture('openalex.jsonl'), '--format', 'jsonl'])).toBe(2);
    const problems = stderr.join('').split('\n').filter((l) => l.includes('feed.xml'));
    expect(problems).toEqual([`${fixture('feed.xml')}:1: not jsonl as --format says: it looks like XML; try --format arxiv (or leave --format out)`]);
    expect(stdout.join('').trimEnd().split('\n')).toHaveLength(2);
  });

  it('exits 1 for an unknown --format', async () => {
    expect(await runCli(['ingest', '--format', 'docx', fixture('refs.bib')])).toBe(1);
    expect(stderr.join('')).toMatch(/Allowed choices are auto, listing, arxiv, bibtex, ris, csv, jsonl/);
  });
});
