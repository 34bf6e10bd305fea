import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { UserError } from '../../src/errors.js';
import { formatGraphJson, loadBuild, saveFiles } from '../../src/build-dir/index.js';
import { renderReports } from '../../src/report/index.js';
import { makeFixture } from './fixture.js';

let dir: string;

/** Writes the fixture as a build directory. */
function writeBuild(target: string): void {
  const { graph, communities } = makeFixture();
  writeFileSync(join(target, 'graph.json'), formatGraphJson(graph));
  writeFileSync(join(target, 'communities.json'), JSON.stringify(communities));
}

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await runCli(argv);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pg-report-'));
  writeBuild(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

describe('loadBuild', () => {
  it('reads graph.json and communities.json back into the same report', async () => {
    const { graph, communities } = await loadBuild(dir);
    expect(graph.order).toBe(12);
    // 7 CO_OCCURS edges in graphology, 14 MENTIONS in the mention store.
    expect(graph.size).toBe(7);
    expect(graph.mentions.size).toBe(14);
    expect(communities.communities.map((c) => c.id)).toEqual([0, 1]);
  });

  it.each([
    ['graph.json', 'E_NOT_FOUND'],
    ['communities.json', 'E_NOT_FOUND'],
  ])('names a missing %s', async (file, code) => {
    const empty = mkdtempSync(join(tmpdir(), 'pg-report-missing-'));
    try {
      if (file === 'communities.json') writeFileSync(join(empty, 'graph.json'), '{"nodes":[],"edges":[]}');
      const error = await loadBuild(empty).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).code).toBe(code);
      expect((error as UserError).message).toContain(join(empty, file));
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it.each([
    ['graph.json', 'not json', '{"communities":[]}'],
    ['graph.json', '{"edges":[]}', '{"communities":[]}'],
    ['communities.json', '{"nodes":[]}', '{"communities":[{"id":"x"}]}'],
    ['communities.json', '{"nodes":[]}', '[]'],
  ])('rejects a malformed %s', async (file, graphText, communitiesText) => {
    const bad = mkdtempSync(join(tmpdir(), 'pg-report-bad-'));
    try {
      writeFileSync(join(bad, 'graph.json'), graphText);
      writeFileSync(join(bad, 'communities.json'), communitiesText);
      const error = await loadBuild(bad).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).code).toBe('E_INPUT');
      expect((error as UserError).message).toContain(file);
    } finally {
      rmSync(bad, { recursive: true, force: true });
    }
  });
});

describe('renderReports', () => {
  it('writes the four formats, byte-identical on a second run', async () => {
    const a = mkdtempSync(join(tmpdir(), 'pg-report-a-'));
    const b = mkdtempSync(join(tmpdir(), 'pg-report-b-'));
    try {
      const first = await loadBuild(dir);
      const second = await loadBuild(dir);
      const pa = await saveFiles(a, renderReports(first.graph, first.communities));
      const pb = await saveFiles(b, renderReports(second.graph, second.communities));
      expect(pa).toEqual(['report.md', 'report.json', 'report.csv', 'report.html'].map((f) => join(a, f)));
      pa.forEach((p, i) => expect(readFileSync(pb[i]!, 'utf8')).toBe(readFileSync(p, 'utf8')));
    } finally {
      rmSync(a, { recursive: true, force: true });
      rmSync(b, { recursive: true, force: true });
    }
  });
});

describe('papergraph report', () => {
  it('prints Markdown by default', async () => {
    const { code, stdout } = await run(['report', dir]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^# PaperGraph community report\n/);
    expect(stdout).toContain('## Community 1: kernel · Gaussian process');
  });

  it('prints JSON restricted to one community', async () => {
    const { code, stdout } = await run(['report', dir, '--format', 'json', '--community', '1']);
    expect(code).toBe(0);
    const model = JSON.parse(stdout) as { communities: { id: number }[]; summary: { communities: number } };
    expect(model.communities.map((c) => c.id)).toEqual([1]);
    expect(model.summary.communities).toBe(2);
  });

  it('prints CSV', async () => {
    const { code, stdout } = await run(['report', dir, '--format', 'csv']);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe(
      'community,community_label,community_concepts,community_papers,cohesion,rank,concept_key,concept_label,df,centrality,inside,bridge,paper_ids,paper_titles',
    );
    expect(stdout.trimEnd().split('\n')).toHaveLength(7);
  });

  it('lists --top concepts per community', async () => {
    const { code, stdout } = await run(['report', dir, '--format', 'csv', '--top', '1']);
    expect(code).toBe(0);
    expect(stdout.trimEnd().split('\n').map((l) => l.split(',')[6])).toEqual(['concept_key', 'neural network', 'kernel']);
  });

  it('writes HTML to DIR/report.html, or to --out', async () => {
    expect((await run(['report', dir, '--format', 'html'])).code).toBe(0);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toMatch(/^<!doctype html>/);
    const out = join(dir, 'custom.md');
    const { code, stdout } = await run(['report', dir, '--out', out]);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toMatch(/^# PaperGraph community report/);
  });

  it.each([
    [['report', '/nonexistent/papergraph-build'], '/nonexistent/papergraph-build: no such build folder'],
    [['report', 'DIR', '--community', '7'], 'no community 7'],
    [['report', 'DIR', '--community', 'x'], 'community id'],
    [['report', 'DIR', '--format', 'pdf'], 'pdf'],
    [['report', 'DIR', '--top', '0'], 'positive whole number'],
  ])('exits 1 with a one-line message: %j', async (argv, message) => {
    const { code, stderr } = await run(argv.map((a) => (a === 'DIR' ? dir : a)));
    expect(code).toBe(1);
    expect(stderr).toContain(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('does not write DIR/report.html for text formats', async () => {
    const fresh = mkdtempSync(join(tmpdir(), 'pg-report-fresh-'));
    try {
      writeBuild(fresh);
      await run(['report', fresh, '--format', 'md']);
      expect(existsSync(join(fresh, 'report.html'))).toBe(false);
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });
});
