/**
 * Exit codes set by a command's action come out of `runCli` and out of the binary: 2 when records
 * were skipped, and each run starts again from 0.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { EXIT } from '../../src/errors.js';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { captureOutputPerTest } from '../helpers/output.js';
import { ensureBuilt } from '../viewer/browser.js';

const tmp = mkdtempSync(join(tmpdir(), 'papergraph-exit-codes-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** 40 bundled papers as JSONL, and the same with one line that is not JSON (line 3). */
const good = join(tmp, 'good.jsonl');
const input = join(tmp, 'with-bad-line.jsonl');

describe('exit code 2 when a JSONL line is skipped', () => {
  const output = captureOutputPerTest();

  beforeAll(async () => {
    const all = join(tmp, 'all.jsonl');
    const quiet = vi.spyOn(process.stderr, 'write').mockImplementation(() => true); // the ingest summary
    try {
      expect(await runCli(['ingest', '--out', all])).toBe(EXIT.ok);
    } finally {
      quiet.mockRestore();
    }
    const lines = readFileSync(all, 'utf8').trimEnd().split('\n').slice(0, 40);
    writeFileSync(good, lines.join('\n') + '\n');
    lines.splice(2, 0, '{not json');
    writeFileSync(input, lines.join('\n') + '\n');
  });

  it('from extract', async () => {
    expect(await runCli(['extract', '--input', input, '--workers', '0'])).toBe(EXIT.partial);
    expect(output.stderr).toContain(`${input}:3: not valid JSON`);
    expect(output.stdout.trimEnd().split('\n')).toHaveLength(40);
  });

  it('from build, and the next run starts from 0', async () => {
    expect(await runCli(['build', input, '--out', join(tmp, 'build'), '--no-neo4j'])).toBe(EXIT.partial);
    expect(output.stderr).toContain(`${input}:3:`);
    expect(await runCli(['extract', '--input', good, '--workers', '0'])).toBe(EXIT.ok);
  }, 60_000);

  it('from the papergraph binary', () => {
    ensureBuilt();
    const res = spawnSync(process.execPath, [join(PACKAGE_ROOT, 'dist/cli/main.js'), 'build', input, '--out', join(tmp, 'binary'), '--no-neo4j'], {
      encoding: 'utf8',
      env: { ...process.env, NEO4J_URI: '' },
    });
    expect(res.stderr).toContain(`${input}:3:`);
    expect(res.status).toBe(EXIT.partial);
  }, 60_000);
});
