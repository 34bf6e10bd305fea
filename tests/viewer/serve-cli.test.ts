import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { createSyntheticGraph } from '../../src/viewer/index.js';
import { ensureBuilt } from './browser.js';

const CLI = join(PACKAGE_ROOT, 'dist', 'cli', 'main.js');
let dir: string;

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'pg-serve-cli-'));
  const { graph, communities } = createSyntheticGraph({ concepts: 50, papers: 10 });
  writeFileSync(join(dir, 'graph.json'), JSON.stringify(graph));
  writeFileSync(join(dir, 'communities.json'), JSON.stringify(communities));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the CLI until it prints a URL (then interrupts it) or exits. */
function serve(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string; page?: string; data?: unknown }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'serve', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let page: string | undefined;
    let data: unknown;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.stdout.on('data', async (chunk: Buffer) => {
      stdout += chunk;
      const url = /http:\/\/\S+\//.exec(stdout)?.[0];
      if (url && page === undefined) {
        page = '';
        try {
          page = await (await fetch(url)).text();
          data = await (await fetch(`${url}data/viewer-data.json`)).json();
        } finally {
          child.kill('SIGINT');
        }
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr, page, data }));
  });
}

describe('papergraph serve', () => {
  it('prints the URL on 127.0.0.1, serves the viewer and the data, and stops cleanly on Ctrl-C', async () => {
    const run = await serve([dir, '--port', '0']);
    expect(run.stdout).toMatch(/^PaperGraph viewer: http:\/\/127\.0\.0\.1:\d+\/\n$/);
    expect(run.page).toContain('<div id="graph"');
    expect((run.data as { concepts: { key: string[] } }).concepts.key).toHaveLength(50);
    expect(run.code).toBe(0);
  });

  it('exits 1 with a one-line message for a missing directory', async () => {
    const run = await serve([join(dir, 'missing'), '--port', '0']);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('missing');
    expect(run.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it('rejects a bad port as a usage error', async () => {
    const run = await serve([dir, '--port', 'eighty']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/port/);
  });
});
