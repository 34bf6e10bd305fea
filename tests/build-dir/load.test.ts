import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBuild, loadGraph, loadPriorBuild, readBuildState, viewerDataSource } from '../../src/build-dir/index.js';
import { UserError } from '../../src/errors.js';

let root: string;
/** A path that is not there, a folder with no files, and a folder of damaged files. */
let missing: string;
let empty: string;
let damaged: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'pg-build-dir-'));
  missing = join(root, 'missing');
  empty = join(root, 'empty');
  damaged = join(root, 'damaged');
  mkdirSync(empty);
  mkdirSync(join(damaged, 'state'), { recursive: true });
  writeFileSync(join(damaged, 'graph.json'), '{"nodes": [');
  writeFileSync(join(damaged, 'communities.json'), '[]');
  writeFileSync(join(damaged, 'state', 'papers.jsonl.gz'), 'not gzip');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The UserError `read(dir)` rejects with. */
async function failure(read: (dir: string) => Promise<unknown>, dir: string): Promise<UserError> {
  const error = await read(dir).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
}

const derive = (): string => '{}';

// Every reader of a build folder, with the file it fails on first in an empty folder.
const READERS: [string, (dir: string) => Promise<unknown>, string][] = [
  ['report (graph and communities)', (dir) => loadBuild(dir), 'graph.json'],
  ['neo4j-import export (communities optional)', (dir) => loadBuild(dir, { optionalCommunities: true }), 'graph.json'],
  ['graph export (graph only)', (dir) => loadGraph(dir), 'graph.json'],
  ['--into (state and communities)', (dir) => loadPriorBuild(dir), 'state/papers.jsonl.gz'],
  ['viewer data', (dir) => viewerDataSource(dir, derive).text(), 'graph.json'],
  ['build state', (dir) => readBuildState(dir), 'state/papers.jsonl.gz'],
];

describe.each(READERS)('the %s reader', (_name, read, file) => {
  it('names a missing folder and how to make it', async () => {
    const error = await failure(read, missing);
    expect(error.code).toBe('E_NOT_FOUND');
    expect(error.message).toBe(`${missing}: no such build folder (run \`papergraph build --out ${missing}\` first)`);
  });

  it(`names a missing ${file} and how to make it`, async () => {
    const error = await failure(read, empty);
    expect(error.code).toBe('E_NOT_FOUND');
    expect(error.message).toBe(`${join(empty, file)}: no such file (run \`papergraph build --out ${empty}\` first)`);
  });

  it(`names a damaged ${file} and how to rebuild it`, async () => {
    const error = await failure(read, damaged);
    expect(error.code).toBe('E_INPUT');
    expect(error.message.startsWith(`${join(damaged, file)}: `)).toBe(true);
    expect(error.message.endsWith(` (rebuild it with \`papergraph build --out ${damaged}\`)`)).toBe(true);
    expect(error.message).not.toContain('\n');
  });
});

describe('communities.json', () => {
  const graphOnly = () => {
    const dir = mkdtempSync(join(root, 'graph-only-'));
    writeFileSync(join(dir, 'graph.json'), '{"nodes":[],"edges":[]}');
    return dir;
  };

  it('may be missing when optional, and must be there otherwise', async () => {
    const dir = graphOnly();
    expect((await loadBuild(dir, { optionalCommunities: true })).communities).toBeUndefined();
    const error = await failure((d) => loadBuild(d), dir);
    expect(error.message).toBe(`${join(dir, 'communities.json')}: no such file (run \`papergraph build --out ${dir}\` first)`);
  });

  it.each([
    ['[]', /not a communities file/],
    ['{"communities":[{"id":"x"}]}', /community #1 needs a numeric "id"/],
    ['{"communities": [', /not valid JSON/],
  ])('is checked when present: %s', async (text, reason) => {
    const dir = graphOnly();
    writeFileSync(join(dir, 'communities.json'), text);
    for (const read of [(d: string) => loadBuild(d), (d: string) => loadBuild(d, { optionalCommunities: true })]) {
      const error = await failure(read, dir);
      expect(error.code).toBe('E_INPUT');
      expect(error.message).toContain(join(dir, 'communities.json'));
      expect(error.message).toMatch(reason);
    }
  });
});
