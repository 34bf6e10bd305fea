/**
 * Saving a build folder
 * =====================
 *
 * Writes what the stages hand over: the graph files (streamed: a large graph's text is longer
 * than one string can be), the viewer's data, and any stage's named files (reports, exports).
 */
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../errors.js';
import type { CommunitiesFile, KnowledgeGraph, OutputFile, PaperRecord, TimeProfile } from '../model.js';
import { jsonChunks, writeChunks } from './chunked-file.js';
import { BUILD_FILES, GRAPH_FILES } from './folder.js';
import { formatCommunitiesJson, formatConceptsJsonl, graphJsonChunks, papersJsonlLines } from './graph-files.js';

/** Creates folder `out` (and its parents) if missing; a failure is a `UserError` naming it. */
export async function createOutputFolder(out: string): Promise<void> {
  try {
    await mkdir(out, { recursive: true });
  } catch (error) {
    throw new UserError(`cannot create output folder ${out}: ${(error as Error).message}`, 'E_USAGE');
  }
}

/**
 * Writes `graph.json`, `papers.jsonl`, `concepts.jsonl` and `communities.json` into `out`
 * (created if missing). Returns their names, in that order.
 */
export async function saveGraphFiles(
  out: string,
  graph: KnowledgeGraph,
  papers: readonly PaperRecord[],
  communities: CommunitiesFile,
  /** Each concept's bursts and trend, by key (written into concepts.jsonl). */
  conceptTimes?: ReadonlyMap<string, TimeProfile>,
): Promise<string[]> {
  await createOutputFolder(out);
  const contents: Record<(typeof GRAPH_FILES)[number], () => Iterable<string>> = {
    'graph.json': () => graphJsonChunks(graph),
    'papers.jsonl': () => papersJsonlLines(papers, graph),
    'concepts.jsonl': () => [formatConceptsJsonl(graph, conceptTimes)],
    'communities.json': () => [formatCommunitiesJson(communities)],
  };
  for (const name of GRAPH_FILES) await writeChunks(join(out, name), contents[name]());
  return [...GRAPH_FILES];
}

/**
 * Writes the viewer's data (the viewer stage's `createViewerData`) to `out/viewer-data.json`,
 * its long arrays a slice at a time. Returns the path written.
 */
export async function saveViewerData(out: string, data: object): Promise<string> {
  const path = join(out, BUILD_FILES.viewerData);
  await writeChunks(path, jsonChunks(data as Record<string, unknown>));
  return path;
}

/**
 * Writes `files` (a stage's reports or exports) into `out`, created if missing; shell scripts
 * (`.sh`) are made executable. Returns the paths written, in order.
 */
export async function saveFiles(out: string, files: readonly OutputFile[]): Promise<string[]> {
  await createOutputFolder(out);
  const paths: string[] = [];
  for (const file of files) {
    const path = join(out, file.name);
    await writeFile(path, file.content, 'utf8');
    if (file.name.endsWith('.sh')) await chmod(path, 0o755);
    paths.push(path);
  }
  return paths;
}
