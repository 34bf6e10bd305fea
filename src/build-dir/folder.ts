/**
 * The build folder's names and errors
 * ===================================
 *
 * Every file a build writes into its output folder, by name, and the one form of error for a
 * folder or a file that is not what a build leaves: the path, what is wrong, and how to make a
 * good one. A missing folder or file is `E_NOT_FOUND`, a damaged file `E_INPUT`.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../errors.js';

/** The files of a build folder, by role. */
export const BUILD_FILES = {
  graph: 'graph.json',
  papers: 'papers.jsonl',
  concepts: 'concepts.jsonl',
  communities: 'communities.json',
  viewerData: 'viewer-data.json',
  /** What a later `--into` build starts from (see state.ts). */
  state: 'state/papers.jsonl.gz',
  /** The state uncompressed, while the build reads it back (see state.ts). */
  stateScratch: 'state/papers.jsonl',
} as const;

/** The files every build writes first, in this order. */
export const GRAPH_FILES = [BUILD_FILES.graph, BUILD_FILES.papers, BUILD_FILES.concepts, BUILD_FILES.communities] as const;

/** How to make a build folder `dir`. */
const buildHint = (dir: string): string => `run \`papergraph build --out ${dir}\` first`;

/** `dir` is not there (or not a folder). */
export function missingFolder(dir: string): UserError {
  return new UserError(`${dir}: no such build folder (${buildHint(dir)})`, 'E_NOT_FOUND');
}

/** `dir` has no file `name`. */
export function missingFile(dir: string, name: string): UserError {
  return new UserError(`${join(dir, name)}: no such file (${buildHint(dir)})`, 'E_NOT_FOUND');
}

/** File `name` of `dir` is damaged: `reason` says how. */
export function badFile(dir: string, name: string, reason: string, cause?: unknown): UserError {
  return new UserError(
    `${join(dir, name)}: ${reason} (rebuild it with \`papergraph build --out ${dir}\`)`,
    'E_INPUT',
    cause === undefined ? undefined : { cause },
  );
}

/** Throws {@link missingFolder} unless `dir` is a folder. */
export async function checkBuildFolder(dir: string): Promise<void> {
  const found = await stat(dir).catch(() => undefined);
  if (!found?.isDirectory()) throw missingFolder(dir);
}

/**
 * The text of file `name` of build folder `dir` (checked to be a folder first); `undefined`
 * for a missing file when `optional`, else {@link missingFile}.
 */
export async function readBuildFile(dir: string, name: string, optional: true): Promise<string | undefined>;
export async function readBuildFile(dir: string, name: string, optional?: false): Promise<string>;
export async function readBuildFile(dir: string, name: string, optional = false): Promise<string | undefined> {
  await checkBuildFolder(dir);
  try {
    return await readFile(join(dir, name), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && optional) return undefined;
    if (code === 'ENOENT') throw missingFile(dir, name);
    throw badFile(dir, name, `cannot read (${(error as Error).message})`, error);
  }
}

/** Parses the JSON text of file `name` of `dir`; bad JSON is {@link badFile}. */
export function parseBuildJson(dir: string, name: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw badFile(dir, name, `not valid JSON (${(error as Error).message})`, error);
  }
}
