/**
 * Reading a build directory: `graph.json` (graphology export) and `communities.json`.
 * A missing or unreadable file is the user's mistake (wrong DIR, build not run): a `UserError`
 * naming the file.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Graph from 'graphology';
import type { CommunitiesFile } from '../model.js';
import { UserError } from '../errors.js';
import { restoreEvidenceSentences } from '../evidence-json.js';
import type { PaperGraph } from './build-report-model.js';

/** What `loadBuild` returns. */
export interface LoadedBuild {
  graph: PaperGraph;
  communities: CommunitiesFile;
}

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new UserError(`report: ${file} not found (run \`papergraph build --out DIR\` first)`, 'E_NOT_FOUND', {
        cause: error,
      });
    }
    throw new UserError(`report: cannot read ${file}: ${(error as Error).message}`, 'E_INPUT', { cause: error });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UserError(`report: ${file} is not valid JSON: ${(error as Error).message}`, 'E_INPUT', { cause: error });
  }
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;

/** Reads `DIR/graph.json` and `DIR/communities.json`; throws a `UserError` naming a bad file. */
export async function loadBuild(dir: string): Promise<LoadedBuild> {
  const graphFile = join(dir, 'graph.json');
  const communitiesFile = join(dir, 'communities.json');
  const graphData = await readJson(graphFile);
  const communities = await readJson(communitiesFile);
  if (!isObject(graphData) || !Array.isArray(graphData.nodes)) {
    throw new UserError(`report: ${graphFile} is not a graphology export (no "nodes" array)`, 'E_INPUT');
  }
  if (!isObject(communities) || !Array.isArray(communities.communities)) {
    throw new UserError(`report: ${communitiesFile} has no "communities" array`, 'E_INPUT');
  }
  for (const [i, c] of (communities.communities as unknown[]).entries()) {
    if (!isObject(c) || typeof c.id !== 'number' || !Array.isArray(c.concepts) || !Array.isArray(c.papers)) {
      throw new UserError(
        `report: ${communitiesFile}: community #${i + 1} needs a numeric "id" and "concepts" and "papers" arrays`,
        'E_INPUT',
      );
    }
  }
  if (Array.isArray(graphData.edges)) restoreEvidenceSentences(graphData as unknown as Parameters<typeof restoreEvidenceSentences>[0]);
  let graph: PaperGraph;
  try {
    // The default export is the Graph class at run time; the CommonJS typings hide it.
    const GraphClass = Graph as unknown as { from(data: unknown): PaperGraph };
    graph = GraphClass.from(graphData);
  } catch (error) {
    throw new UserError(`report: ${graphFile} cannot be loaded as a graph: ${(error as Error).message}`, 'E_INPUT', {
      cause: error,
    });
  }
  return { graph, communities: communities as unknown as CommunitiesFile };
}

