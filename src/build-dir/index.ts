/**
 * The build folder
 * ================
 *
 * The one module that knows a build's output folder: its files' names, their text, how they
 * are saved and loaded (one form of error for a missing or damaged folder or file), the build
 * state a `--into` build starts from, and the extraction's pass 1 → state → pass 2 hand-over.
 * Stages get data and return data; the pipeline and the CLI call this module to read and
 * write. A build writes into a staging folder and moves its files into place with a manifest
 * written last (staging.ts, manifest.ts), holding the folder's lock throughout (lock.ts). It runs no stage: it imports stages' types only (see tests/architecture.test.ts).
 */
export {
  BUILD_FILES,
  GRAPH_FILES,
  badFile,
  checkBuildFolder,
  missingFile,
  missingFolder,
} from './folder.js';
export {
  formatCommunitiesJson,
  formatConceptsJsonl,
  formatGraphJson,
  formatPapersJsonl,
  graphJsonChunks,
  papersJsonlLines,
  parseGraphJson,
  type BadFile,
  type ConceptRow,
  type PaperRow,
} from './graph-files.js';
export {
  loadBuild,
  loadCommunities,
  loadGraph,
  loadPriorBuild,
  viewerDataSource,
  type LoadedBuild,
  type ViewerDataSource,
} from './load.js';
export { createOutputFolder, saveFiles, saveGraphFiles, saveViewerData } from './save.js';
export { extractThroughState, type ExtractionPasses, type StateExtraction } from './extraction.js';
// The state's writer and scratch copy stay inside: extractThroughState is their one user.
export { BUILD_STATE_FILE, readBuildState, readBuildStatePapers, writeBuildState, type StateHeader, type StateLine } from './state.js';
export { writeChunks } from './chunked-file.js';
export { MANIFEST_FILE, checkBuildManifest, mixedFolder, type BuildManifest, type ManifestEntry } from './manifest.js';
export { openStaging, type Staging } from './staging.js';
export { folderBusy, lockBuildFolder, lockBuildFolders } from './lock.js';
export { saveBuildFile } from './update.js';
