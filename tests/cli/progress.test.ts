import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStageProgress } from '../../src/cli/progress.js';

/** A stderr stand-in that records what is written. */
function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  const stream = { isTTY, columns: 100, write: (chunk: string) => (writes.push(String(chunk)), true) };
  return { stream: stream as unknown as NodeJS.WriteStream, writes };
}

describe('createStageProgress', () => {
  afterEach(() => vi.useRealTimers());

  it('off a terminal: one line per stage when it completes, with its time; none for a failed one', () => {
    let clock = 1_000;
    const { stream, writes } = fakeStream(false);
    const graph = createStageProgress('graph', { stream, now: () => clock });
    clock += 330;
    graph.stop();
    const extract = createStageProgress('extract', { stream, now: () => clock });
    extract.report(100, 265);
    extract.report(265, 265);
    clock += 2_780;
    extract.stop(true);
    createStageProgress('layout', { stream, now: () => clock }).stop(false);
    expect(writes).toEqual(['graph       0.33s\n', 'extract     2.78s\n']);
  });

  it('on a terminal: the stage and its running time while it works, then its line', () => {
    vi.useFakeTimers();
    let clock = 0;
    const { stream, writes } = fakeStream(true);
    const layout = createStageProgress('layout', { stream, now: () => clock, tickMs: 100 });
    expect(writes.join('')).toContain('layout      … 0.000s');
    clock = 1_500;
    vi.advanceTimersByTime(100);
    expect(writes.at(-1)).toBe('\r\x1b[2Klayout      … 1.50s');
    layout.stop();
    expect(writes.at(-1)).toBe('layout      1.50s\n');
    // Stopped: no more redraws.
    const count = writes.length;
    vi.advanceTimersByTime(1_000);
    expect(writes).toHaveLength(count);
  });
});

describe('papergraph build off a terminal', () => {
  it('prints one line per stage on stderr as each ends', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { runCli } = await import('../../src/cli/main.js');
    const out = mkdtempSync(join(tmpdir(), 'pg-progress-'));
    let stderr = '';
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
    try {
      // 2: the fixture holds records without an abstract, which the build lists and skips.
      expect(await runCli(['build', 'tests/ingest/fixtures/refs.bib', '--out', out, '--no-neo4j'])).toBe(2);
    } finally {
      vi.restoreAllMocks();
      rmSync(out, { recursive: true, force: true });
    }
    const stages = stderr
      .split('\n')
      .filter((line) => line && !line.startsWith('papergraph: '))
      .map((line) => line.split(/\s+/)[0]);
    expect(stages).toEqual(['ingest', 'extract', 'graph', 'communities', 'metrics', 'layout', 'trends', 'write', 'reports', 'viewer']);
    expect(stderr).toMatch(/^extract +[\d.]+s$/m);
  }, 120_000);
});
