/**
 * Viewer data files
 * =================
 *
 * File I/O around `createViewerData`: writing `DIR/viewer-data.json` after a build, and reading
 * it back for `serve` — or deriving it from `graph.json` + `communities.json` when a build
 * directory has no (or a stale) viewer data file.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CommunitiesFile } from '../model.js';
import { UserError } from '../errors.js';
import { jsonChunks, writeChunks } from '../chunked-file.js';
import { restoreEvidenceSentences } from '../evidence-json.js';
import { createViewerData, type ReadableGraph, type ViewerDataOptions } from './viewer-data.js';

/** File names inside a build directory. */
export const VIEWER_DATA_FILE = 'viewer-data.json';
export const GRAPH_FILE = 'graph.json';
export const COMMUNITIES_FILE = 'communities.json';

/** The shape of graphology's `graph.export()` that this module reads. */
export interface SerializedGraphLike {
  attributes?: Record<string, unknown>;
  nodes: { key: string; attributes?: Record<string, unknown> }[];
  edges: { key?: string; source: string; target: string; attributes?: Record<string, unknown> }[];
}

/** Reads a serialized graph (graph.json) without building a graphology instance. */
export function readSerializedGraph(data: SerializedGraphLike): ReadableGraph {
  return {
    forEachNode(callback) {
      for (const n of data.nodes) callback(n.key, n.attributes ?? {});
    },
    forEachEdge(callback) {
      data.edges.forEach((e, i) => callback(e.key ?? String(i), e.attributes ?? {}, e.source, e.target));
    },
    getAttributes() {
      return data.attributes ?? {};
    },
  };
}

/**
 * Writes the compact viewer data of a built graph to `DIR/viewer-data.json`.
 * @returns the path written.
 */
export async function writeViewerData(
  dir: string,
  graph: ReadableGraph,
  communities: CommunitiesFile | null,
  options: Partial<ViewerDataOptions> = {},
): Promise<string> {
  const path = join(dir, VIEWER_DATA_FILE);
  const data = createViewerData(graph, communities, options);
  await writeChunks(path, jsonChunks(data as unknown as Record<string, unknown>));
  return path;
}

async function mtime(path: string): Promise<number | null> {
  try {
    return (await stat(path)).mtimeMs;
  } catch {
    return null;
  }
}

async function readJson(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UserError(`${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, 'E_NOT_FOUND');
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UserError(`${path}: not valid JSON (${(error as Error).message})`, 'E_INPUT');
  }
}

/**
 * A cheap fingerprint of the files `loadViewerDataText` reads (mtime and size of each), so a
 * server can keep the derived text until the build directory changes.
 */
export async function viewerDataSignature(dir: string): Promise<string> {
  const parts = await Promise.all(
    [VIEWER_DATA_FILE, GRAPH_FILE, COMMUNITIES_FILE].map(async (name) => {
      try {
        const info = await stat(join(dir, name));
        return `${info.mtimeMs}:${info.size}`;
      } catch {
        return '-';
      }
    }),
  );
  return parts.join('|');
}

/**
 * Returns the viewer data of a build directory as JSON text: `viewer-data.json` when it exists
 * and is at least as new as `graph.json`, else derived from `graph.json` (+ `communities.json`
 * when present).
 * @throws UserError when the directory holds neither file.
 */
export async function loadViewerDataText(
  dir: string,
  options: Partial<ViewerDataOptions> = {},
): Promise<string> {
  const dataPath = join(dir, VIEWER_DATA_FILE);
  const graphPath = join(dir, GRAPH_FILE);
  const [dataTime, graphTime] = await Promise.all([mtime(dataPath), mtime(graphPath)]);
  if (dataTime !== null && (graphTime === null || dataTime >= graphTime)) {
    return readFile(dataPath, 'utf8');
  }
  if (graphTime === null) {
    throw new UserError(
      `${dir}: no ${GRAPH_FILE} or ${VIEWER_DATA_FILE} (build one with: papergraph build --out ${dir})`,
      'E_NOT_FOUND',
    );
  }
  const graph = (await readJson(graphPath)) as SerializedGraphLike;
  if (!graph || !Array.isArray(graph.nodes) || !Array.isArray(graph.edges)) {
    throw new UserError(`${graphPath}: not a graph export (expected "nodes" and "edges" arrays)`, 'E_INPUT');
  }
  restoreEvidenceSentences(graph);
  const communitiesPath = join(dir, COMMUNITIES_FILE);
  const communities =
    (await mtime(communitiesPath)) === null ? null : ((await readJson(communitiesPath)) as CommunitiesFile);
  return JSON.stringify(createViewerData(readSerializedGraph(graph), communities, options));
}
