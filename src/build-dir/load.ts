/**
 * Loading a build folder
 * ======================
 *
 * `graph.json` as a knowledge graph, `communities.json` checked, the papers a `--into` build
 * keeps, and the viewer's data for `papergraph serve`: every reader of a build folder reads it
 * here, so each names the folder and the file the same way (see folder.ts), and each first
 * checks that the folder holds one build (see manifest.ts).
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { CommunitiesFile, KnowledgeGraph, PaperRecord, SerializedGraph } from '../model.js';
import { restoreEvidenceSentences } from '../evidence-json.js';
import { BUILD_FILES, badFile, missingFile, parseBuildJson, readBuildFile } from './folder.js';
import { COMMIT_MARKER, MANIFEST_FILE, checkBuildManifest, readManifest } from './manifest.js';
import { parseGraphJson } from './graph-files.js';
import { readBuildStatePapers } from './state.js';

/** A build folder, loaded: the graph (`graph.json`) and its communities (`communities.json`). */
export interface LoadedBuild {
  graph: KnowledgeGraph;
  communities: CommunitiesFile;
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;

/** Reads `dir/graph.json` into a knowledge graph (the folder checked to be one build first). */
export async function loadGraph(dir: string): Promise<KnowledgeGraph> {
  await checkBuildManifest(dir);
  return readGraph(dir);
}

async function readGraph(dir: string): Promise<KnowledgeGraph> {
  const name = BUILD_FILES.graph;
  const text = await readBuildFile(dir, name);
  return parseGraphJson(text, join(dir, name), (reason) => badFile(dir, name, reason));
}

/** Checks the parsed `communities.json` of `dir`: a `communities` array of well-formed communities. */
function checkCommunities(dir: string, value: unknown): CommunitiesFile {
  const name = BUILD_FILES.communities;
  if (!isObject(value) || !Array.isArray(value.communities)) {
    throw badFile(dir, name, 'not a communities file (expecting a "communities" array)');
  }
  for (const [i, c] of (value.communities as unknown[]).entries()) {
    if (!isObject(c) || typeof c.id !== 'number' || !Array.isArray(c.concepts) || !Array.isArray(c.papers)) {
      throw badFile(dir, name, `community #${i + 1} needs a numeric "id" and "concepts" and "papers" arrays`);
    }
  }
  return value as unknown as CommunitiesFile;
}

/**
 * Reads and checks `dir/communities.json` (the folder checked to be one build first);
 * `undefined` when it is missing and `optional`.
 */
export async function loadCommunities(dir: string, optional: true): Promise<CommunitiesFile | undefined>;
export async function loadCommunities(dir: string, optional?: false): Promise<CommunitiesFile>;
export async function loadCommunities(dir: string, optional = false): Promise<CommunitiesFile | undefined> {
  await checkBuildManifest(dir);
  return readCommunities(dir, optional);
}

async function readCommunities(dir: string, optional: boolean): Promise<CommunitiesFile | undefined> {
  const name = BUILD_FILES.communities;
  const text = optional ? await readBuildFile(dir, name, true) : await readBuildFile(dir, name);
  if (text === undefined) return undefined;
  return checkCommunities(dir, parseBuildJson(dir, name, text));
}

/**
 * Loads `dir/graph.json` and `dir/communities.json` (with `optionalCommunities`, a folder
 * without communities loads too). A missing folder or file, or a damaged one, is a `UserError`
 * naming it.
 */
export async function loadBuild(dir: string): Promise<LoadedBuild>;
export async function loadBuild(
  dir: string,
  options: { optionalCommunities: true },
): Promise<Pick<LoadedBuild, 'graph'> & Partial<Pick<LoadedBuild, 'communities'>>>;
export async function loadBuild(
  dir: string,
  options: { optionalCommunities?: boolean } = {},
): Promise<Pick<LoadedBuild, 'graph'> & Partial<Pick<LoadedBuild, 'communities'>>> {
  await checkBuildManifest(dir);
  const graph = await readGraph(dir);
  const communities = await readCommunities(dir, options.optionalCommunities === true);
  if (!communities && !options.optionalCommunities) throw missingFile(dir, BUILD_FILES.communities);
  return { graph, communities };
}

/** What a `--into` build starts from: the earlier build's papers and communities (analyses stay in its state file). */
export async function loadPriorBuild(dir: string): Promise<{ papers: PaperRecord[]; communities: CommunitiesFile }> {
  await checkBuildManifest(dir);
  const papers = await readBuildStatePapers(dir);
  const communities = await readCommunities(dir, false);
  return { papers, communities: communities! };
}

/** The viewer's data of a build folder, as the viewer's server asks for it. */
export interface ViewerDataSource {
  /** The file name the browser asks for under `/data/`. */
  file: string;
  /** The data as JSON text. */
  text(): Promise<string>;
  /** Changes whenever the text would (mtime and size of the files it reads). */
  signature(): Promise<string>;
  /** Rejects while `dir` is not one build ({@link checkBuildManifest}); checked again only when a file changes. */
  checkFolder(): Promise<void>;
}

/** The modification time and size of `path`, or `undefined` when it cannot be read. */
async function fileStamp(path: string): Promise<{ mtimeMs: number; size: number } | undefined> {
  return stat(path).catch(() => undefined);
}

/**
 * The viewer's data of `dir`: `viewer-data.json` when it exists and is at least as new as
 * `graph.json`, else `derive`d from `graph.json` (+ `communities.json` when present), read
 * as plain JSON (no graphology instance: a large graph derives faster).
 */
export function viewerDataSource(
  dir: string,
  derive: (graph: SerializedGraph, communities: CommunitiesFile | null) => string,
): ViewerDataSource {
  const { viewerData, graph: graphName, communities: communitiesName } = BUILD_FILES;
  const stamps = async (names: readonly string[]) =>
    (await Promise.all(names.map((name) => fileStamp(join(dir, name))))).map((s) => (s ? `${s.mtimeMs}:${s.size}` : '-')).join('|');
  // The stamps of the folder last found to be one build: hashing it again waits for a change.
  let checked: string | undefined;
  return {
    file: viewerData,
    async checkFolder() {
      const manifest = await readManifest(dir).catch(() => undefined);
      const key = await stamps([MANIFEST_FILE, COMMIT_MARKER, ...(manifest?.files.map((f) => f.name) ?? [])]);
      if (key === checked) return;
      await checkBuildManifest(dir);
      checked = key;
    },
    signature: () => stamps([viewerData, graphName, communitiesName, MANIFEST_FILE, COMMIT_MARKER]),
    async text() {
      // A folder of two builds (or a file cut short) is refused, never served.
      await checkBuildManifest(dir);
      const [dataStamp, graphStamp] = await Promise.all([fileStamp(join(dir, viewerData)), fileStamp(join(dir, graphName))]);
      const dataTime = dataStamp?.mtimeMs ?? null;
      const graphTime = graphStamp?.mtimeMs ?? null;
      if (dataTime !== null && (graphTime === null || dataTime >= graphTime)) return readBuildFile(dir, viewerData);
      if (graphTime === null) throw missingFile(dir, graphName);
      const graph = parseBuildJson(dir, graphName, await readBuildFile(dir, graphName)) as SerializedGraph;
      if (!isObject(graph) || !Array.isArray(graph.nodes) || !Array.isArray(graph.edges)) {
        throw badFile(dir, graphName, 'not a graph export (expecting "nodes" and "edges" arrays)');
      }
      restoreEvidenceSentences(graph);
      return derive(graph, (await readCommunities(dir, true)) ?? null);
    },
  };
}
