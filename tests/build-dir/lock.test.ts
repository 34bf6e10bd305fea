/**
 * One build per folder at a time: a second build (or `--into`) on a folder being built exits 1
 * at once naming the pid that holds it, and a lock left by a killed build is taken over.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockBuildFolder } from '../../src/build-dir/index.js';
import { UserError } from '../../src/errors.js';
import { ingest } from '../../src/ingest/index.js';
import { BUNDLED_DATA_DIR, PACKAGE_ROOT } from '../../src/paths.js';

const SLOW = 600_000;
const CLI = join(PACKAGE_ROOT, 'dist/cli/main.js');

let root: string;
let input: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'pg-lock-'));
  const papers = (await ingest([BUNDLED_DATA_DIR])).papers.slice(0, 80);
  input = join(root, 'papers.jsonl');
  await writeFile(input, `${papers.map((p) => JSON.stringify({ id: p.id, title: p.title, abstract: p.abstract })).join('\n')}\n`);
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const cli = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: SLOW });

describe('the build folder lock', () => {
  it('makes a second build and a second --into on a folder being built exit 1 at once, naming the holder', async () => {
    const dir = join(root, 'busy');
    expect(cli(['build', input, '--out', dir]).status).toBe(0);
    const first = spawn(process.execPath, [CLI, 'build', input, '--out', dir], { stdio: 'ignore' });
    const firstExit = new Promise<number | null>((resolve) => first.once('exit', (code) => resolve(code)));
    try {
      while (!existsSync(join(dir, '.papergraph.lock.json')) && first.exitCode === null) await new Promise((r) => setTimeout(r, 10));
      for (const args of [['build', input, '--out', dir], ['build', input, '--into', dir]]) {
        const started = Date.now();
        const second = cli([...args]);
        expect(second.status).toBe(1);
        expect(second.stderr.trim()).toBe(`papergraph: ${dir} is being built by another papergraph (pid ${first.pid})`);
        expect(Date.now() - started).toBeLessThan(5000);
      }
    } finally {
      expect(await firstExit).toBe(0);
    }
    // The first build finished whole and let go of the folder.
    expect(existsSync(join(dir, '.papergraph.lock'))).toBe(false);
    expect(cli(['report', dir]).status).toBe(0);
  }, SLOW);

  it('takes over a lock whose owner was killed', async () => {
    const dir = join(root, 'stale');
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    await mkdir(join(dir, '.papergraph.lock'), { recursive: true });
    await writeFile(join(dir, '.papergraph.lock.json'), JSON.stringify({ pid: Number(dead.stdout), host: hostname() }));
    const build = cli(['build', input, '--out', dir]);
    expect(build.stderr).not.toContain('being built');
    expect(build.status).toBe(0);
  }, SLOW);

  it('is held by one caller at a time within a process too', async () => {
    const dir = join(root, 'in-process');
    const release = await lockBuildFolder(dir);
    try {
      const second = await lockBuildFolder(dir).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(second).toBeInstanceOf(UserError);
      expect((second as UserError).code).toBe('E_USAGE');
      expect(JSON.parse(await readFile(join(dir, '.papergraph.lock.json'), 'utf8'))).toMatchObject({ pid: process.pid });
    } finally {
      await release();
    }
    await (await lockBuildFolder(dir))();
  });
});
