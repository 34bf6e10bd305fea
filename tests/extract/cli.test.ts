import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractConcepts, extractConceptsParallel } from '../../src/extract/index.js';
import { sharedFile } from '../helpers/shared.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const CLI = join(ROOT, 'dist/cli/main.js');
const dir = mkdtempSync(join(tmpdir(), 'papergraph-extract-'));

function run(args: string[]) {
  return spawnSync(process.execPath, [CLI, 'extract', ...args], { encoding: 'utf8', cwd: ROOT });
}

beforeAll(() => {
  // The worker script and the CLI run from dist/, so compile first (errors elsewhere don't stop emit).
  try {
    execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', ROOT], { stdio: 'ignore' });
  } catch {
    /* type errors in other stages still emit JS */
  }
}, 180_000);

const PAPERS = [
  { id: 'p1', title: 'Neural tangent kernels', abstract: 'The neural tangent kernel (NTK) governs training of wide networks.', year: 2018 },
  { id: 'p2', title: 'Wide networks', abstract: 'We compute the NTK of deep residual networks and Gaussian processes.' },
  { id: 'p3', title: 'PINNs', abstract: 'Physics-informed neural networks (PINNs) solve partial differential equations (PDEs).' },
];

describe('papergraph extract', () => {
  it('prints one JSON line per paper with ranked concepts, acronyms and extra fields', () => {
    const file = join(dir, 'ok.jsonl');
    writeFileSync(file, PAPERS.map((p) => JSON.stringify(p)).join('\n') + '\n');
    const res = run(['--input', file, '--top', '3']);
    expect(res.status).toBe(0);
    const lines = res.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(['p1', 'p2', 'p3']);
    expect(lines[0].year).toBe(2018);
    for (const l of lines) {
      expect(l.concepts.length).toBeLessThanOrEqual(3);
      const scores = l.concepts.map((c: { score: number }) => c.score);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    }
    expect(lines[0].acronyms).toEqual([['NTK', 'neural tangent kernel']]);
    expect(lines[2].acronyms).toEqual([
      ['PINN', 'Physics-informed neural network'],
      ['PDE', 'partial differential equation'],
    ]);
    expect(lines[1].concepts.map((c: { key: string }) => c.key)).toContain('neural tangent kernel');
  });

  it('skips invalid lines with file:line: reason and exits 2', () => {
    const file = join(dir, 'bad.jsonl');
    writeFileSync(file, [JSON.stringify(PAPERS[0]), '{not json', JSON.stringify({ id: 'x', title: 't' }), '[1,2]', JSON.stringify(PAPERS[1])].join('\n'));
    const res = run(['--input', file]);
    expect(res.status).toBe(2);
    expect(res.stdout.trim().split('\n')).toHaveLength(2);
    expect(res.stderr).toContain(`${file}:2: not valid JSON`);
    expect(res.stderr).toContain(`${file}:3: missing "abstract"`);
    expect(res.stderr).toContain(`${file}:4: expected a JSON object`);
    expect(res.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('fails with one line and exit 1 on a missing input file', () => {
    const res = run(['--input', join(dir, 'nope.jsonl')]);
    expect(res.status).toBe(1);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toMatch(/nope\.jsonl/);
  });

  it('rejects a bad --top', () => {
    expect(run(['--top', 'many']).status).toBe(1);
  });

  const inspec = sharedFile('eval/inspec-dev.jsonl');
  it.skipIf(!inspec.present)('gives the same output with and without workers', () => {
    const file = join(dir, 'inspec.jsonl');
    const src = readFileSync(inspec.url, 'utf8').split('\n').slice(0, 120).join('\n');
    writeFileSync(file, src);
    const a = run(['--input', file, '--workers', '0']);
    const b = run(['--input', file, '--workers', '2']);
    expect(a.status).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    expect(a.stdout.split('\n').length).toBeGreaterThan(100);
  }, 60_000);

  it('library: parallel result equals single-thread result', async () => {
    const papers = Array.from({ length: 60 }, (_, i) => ({ ...PAPERS[i % 3]!, id: `p${i}` }));
    const single = extractConcepts(papers);
    const parallel = await extractConceptsParallel(papers, { workers: 2 });
    expect(JSON.stringify(parallel)).toBe(JSON.stringify(single));
  }, 60_000);
});
