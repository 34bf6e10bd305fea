/**
 * `--max-abstract-chars` and `--max-record-chars` on `ingest` and `build`: a record over a
 * limit is one line on stderr and the run goes on to the end.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { captureOutputPerTest } from '../helpers/output.js';

const dir = mkdtempSync(join(tmpdir(), 'papergraph-limits-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TOPICS = ['graph neural networks', 'topic models', 'message passing', 'latent dirichlet allocation', 'graph neural networks and topic models'];

/** A JSONL corpus: one record with an abstract of `hugeChars` characters, then five normal ones. */
function corpus(name: string, hugeChars: number): string {
  const huge = { id: 'huge', title: 'One huge abstract', abstract: 'Graph neural networks pass messages. '.repeat(Math.ceil(hugeChars / 37)).slice(0, hugeChars) };
  const normal = TOPICS.map((topic, k) => ({ id: `p${k}`, title: `Paper ${k} on ${topic}`, abstract: `We study ${topic} with message passing and topic models on research abstracts.` }));
  const path = join(dir, name);
  writeFileSync(path, [huge, ...normal].map((r) => JSON.stringify(r)).join('\n'));
  return path;
}

describe('record limits on the command line', () => {
  const output = captureOutputPerTest();
  it('build cuts an abstract over --max-abstract-chars, warns once with file:line and the sizes, and exits 0', async () => {
    const out = join(dir, 'cut');
    expect(await runCli(['build', corpus('cut.jsonl', 3_000), '--out', out, '--max-abstract-chars', '1,000', '--languages', 'all'])).toBe(0);
    const warnings = output.stderr.split('\n').filter((l) => l.includes('warning'));
    expect(warnings).toEqual([expect.stringMatching(/^papergraph: warning: .*cut\.jsonl:1: abstract is 3,000 characters, over the limit of 1,000 \(--max-abstract-chars\): cut to \d{3}$/)]);
    const huge = readFileSync(join(out, 'papers.jsonl'), 'utf8').split('\n').map((l) => (l ? JSON.parse(l) : undefined)).find((p) => p?.title === 'One huge abstract');
    expect(huge.abstract.length).toBeLessThanOrEqual(1_000);
  });

  it('build skips a record over --max-record-chars with one line, builds the rest to the end, and exits 2', async () => {
    const out = join(dir, 'skipped');
    expect(await runCli(['build', corpus('big.jsonl', 5_000), '--out', out, '--max-record-chars', '4000', '--languages', 'all'])).toBe(2);
    expect(output.stderr).toMatch(/skipped .*big\.jsonl:1: record is 5,\d{3} characters, over the limit of 4,000 \(--max-record-chars\): skipped/);
    expect(existsSync(join(out, 'graph.json'))).toBe(true);
    expect(readFileSync(join(out, 'papers.jsonl'), 'utf8').trimEnd().split('\n')).toHaveLength(5);
  });

  it('ingest counts the records cut in its summary', async () => {
    expect(await runCli(['ingest', corpus('ingest.jsonl', 3_000), '--max-abstract-chars', '1000'])).toBe(0);
    expect(output.stderr).toMatch(/6 records, 6 papers, 0 duplicates merged, 0 skipped, 1 cut at a limit/);
  });

  it.each(['0', '-5', 'many', '1.5'])('refuses --max-abstract-chars %s with one line and exit 1', async (value) => {
    expect(await runCli(['ingest', corpus('bad.jsonl', 10), '--max-abstract-chars', value])).toBe(1);
    expect(output.stderr).toMatch(/--max-abstract-chars.*expected a whole number of characters/);
  });
});
