/**
 * The build manifest
 * ==================
 *
 * `build-manifest.json` names the build a folder holds: a generation id and every file's size
 * and SHA-256. A build writes it last, after its files are in place (see staging.ts), and every
 * reader checks the folder against it first: a folder whose files are not all of one build (a
 * build killed while putting its files in place, a file changed or cut afterwards) is refused
 * with one line naming the folder and the file, instead of being read as one graph.
 *
 * The generation id is the hash of the file list (names, sizes, hashes), not a time or a random
 * id: the same input and options give the same files, so a rerun gives the same manifest too,
 * byte for byte.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { UserError } from '../errors.js';
import { checkBuildFolder } from './folder.js';

/** The manifest's name in a build folder. */
export const MANIFEST_FILE = 'build-manifest.json';

/**
 * Present while a build moves its files into place: a folder holding it is a mix of two builds
 * (the build was killed half-way), whatever its manifest says.
 */
export const COMMIT_MARKER = '.papergraph-commit';

const FORMAT = 'papergraph-build-manifest/1';

/** One file of a build, as its manifest lists it. */
export interface ManifestEntry {
  /** Path relative to the build folder, with `/` separators. */
  name: string;
  size: number;
  sha256: string;
}

/** The contents of `build-manifest.json`. */
export interface BuildManifest {
  format: typeof FORMAT;
  /** The hash of the file list: the same files give the same id. */
  generation: string;
  files: ManifestEntry[];
}

/** How to repair folder `dir`. */
const rebuildHint = (dir: string): string => `rebuild it with \`papergraph build INPUTS --out ${dir}\``;

/** Folder `dir` is not one build: `reason` says which file and how. */
export function mixedFolder(dir: string, reason: string): UserError {
  return new UserError(`${dir}: not one build: ${reason} (${rebuildHint(dir)})`, 'E_INPUT');
}

/** The SHA-256 of file `path`, read as a stream. */
async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

/** Every file under `dir`, relative to it with `/` separators, sorted. */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

/** The manifest entry of file `name` (relative, `/` separators) of `dir`. */
export async function describeFile(dir: string, name: string): Promise<ManifestEntry> {
  const path = join(dir, name);
  return { name, size: (await stat(path)).size, sha256: await hashFile(path) };
}

/** The manifest of the files now under `dir` (every file, sorted by name). */
export async function describeFiles(dir: string): Promise<BuildManifest> {
  const files: ManifestEntry[] = [];
  for (const name of await listFiles(dir)) files.push(await describeFile(dir, name));
  return manifestOf(files);
}

/** A manifest of `files`, its generation derived from them. */
export function manifestOf(files: readonly ManifestEntry[]): BuildManifest {
  const sorted = [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const generation = createHash('sha256')
    .update(sorted.map((f) => `${f.name}\t${f.size}\t${f.sha256}\n`).join(''))
    .digest('hex')
    .slice(0, 16);
  return { format: FORMAT, generation, files: sorted };
}

/** Writes `manifest` into `dir` under a temporary name, then renames it into place. */
export async function writeManifest(dir: string, manifest: BuildManifest): Promise<void> {
  const path = join(dir, MANIFEST_FILE);
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
  await rename(temporary, path);
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Reads and checks the manifest of `dir`; `undefined` when the folder has none. */
export async function readManifest(dir: string): Promise<BuildManifest | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, MANIFEST_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw mixedFolder(dir, `cannot read ${MANIFEST_FILE} (${(error as Error).message})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw mixedFolder(dir, `${MANIFEST_FILE} is not valid JSON`);
  }
  const wellFormed =
    isObject(value) &&
    value.format === FORMAT &&
    typeof value.generation === 'string' &&
    Array.isArray(value.files) &&
    value.files.every((f) => isObject(f) && typeof f.name === 'string' && typeof f.size === 'number' && typeof f.sha256 === 'string');
  if (!wellFormed) throw mixedFolder(dir, `${MANIFEST_FILE} is not a build manifest (expecting "format": "${FORMAT}")`);
  return value as unknown as BuildManifest;
}

/** Why file `entry` of `dir` is not the one its manifest lists, or `undefined` when it is. */
async function entryProblem(dir: string, entry: ManifestEntry, generation: string): Promise<string | undefined> {
  const found = await stat(join(dir, entry.name)).catch(() => undefined);
  if (!found?.isFile()) return `${entry.name} of build ${generation} is missing`;
  if (found.size !== entry.size) {
    return `${entry.name} is not the file of build ${generation} (${found.size} bytes, expecting ${entry.size})`;
  }
  if ((await hashFile(join(dir, entry.name))) !== entry.sha256) {
    return `${entry.name} is not the file of build ${generation} (its content differs)`;
  }
  return undefined;
}

/**
 * Checks that build folder `dir` holds one build: no build stopped while putting its files in
 * place, and every file its manifest lists there with that size and hash. A folder without a
 * manifest (written by hand, or by a papergraph before manifests) is taken as it is. Throws
 * {@link mixedFolder} naming the first file that differs.
 */
export async function checkBuildManifest(dir: string): Promise<BuildManifest | undefined> {
  await checkBuildFolder(dir);
  if (await stat(join(dir, COMMIT_MARKER)).catch(() => undefined)) {
    throw mixedFolder(dir, 'a build was stopped while putting its files in place, so they are of two builds');
  }
  const manifest = await readManifest(dir);
  if (!manifest) return undefined;
  for (const entry of manifest.files) {
    const problem = await entryProblem(dir, entry, manifest.generation);
    if (problem) throw mixedFolder(dir, problem);
  }
  return manifest;
}

/** Removes the commit marker of `dir` (the files it guarded are all in place). */
export async function clearCommitMarker(dir: string): Promise<void> {
  await rm(join(dir, COMMIT_MARKER), { force: true });
}
