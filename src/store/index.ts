/**
 * Store stage
 * ===========
 *
 * Neo4j: the connection (from `NEO4J_*`), the schema, the batched idempotent writer, the named
 * Cypher query library, and the local server without Docker. Functions take a
 * {@link StoreContext} (a driver the caller opened and closes) and never open one themselves.
 */
export {
  connectionSettings,
  createDriver,
  openStore,
  toStoreError,
  DEFAULT_CONNECTION,
  type ConnectionSettings,
  type StoreContext,
} from './connection.js';
export { graphToRows, normalizeName, countRelationships, type StoreRows } from './rows.js';
export { paperIdentities, type PaperIdentity } from './paper-identity.js';
export {
  applySchema,
  writeGraph,
  writeRows,
  writeCommunities,
  parseCypherStatements,
  STATEMENTS,
  WRITE_DEFAULTS,
  type WriteOptions,
  type WriteSummary,
} from './write.js';
export { removeCorpus, countGraph, clearDatabase, type RemoveSummary, type GraphCounts } from './corpus-admin.js';
export {
  listNamedQueries,
  loadNamedQuery,
  isQueryName,
  parseParams,
  runQuery,
  toPlain,
  type NamedQuery,
  type QueryResult,
  type RunQueryOptions,
} from './query.js';
export {
  resolveQueryParams,
  splitParamPairs,
  convertParam,
  PARAM_TYPES,
  type ParamDeclaration,
  type ParamType,
  type ParamValue,
} from './query-params.js';
export { checkQueryEntities } from './query-lookup.js';
export { formatResult, RESULT_FORMATS, type ResultFormat } from './format.js';
export {
  startServer,
  startThrowAwayServer,
  stopServer,
  buildServer,
  isServerBuilt,
  isPortOpen,
  isProcessAlive,
  readPidFile,
  writePidFile,
  removePidFile,
  PID_FILE,
  DEFAULT_HOME,
  type RunningServer,
  type ThrowAwayServer,
  type ServerOptions,
} from './server.js';
export {
  louvainInNeo4j,
  hasGds,
  resolveGdsLouvainOptions,
  GDS_LOUVAIN_DEFAULTS,
  type GdsLouvainOptions,
  type GdsLouvainResult,
} from './gds.js';
export { runBulkImport, type BulkImportOptions } from './server.js';
export {
  formatNeo4jImport,
  neo4jImportArguments,
  ARRAY_DELIMITER,
  NEO4J_IMPORT_DEFAULTS,
  NEO4J_IMPORT_FILES,
  type Neo4jImportOptions,
} from './neo4j-import.js';
export { checkServerStatus, formatServerStatus, type ServerStatus, type StatusOptions } from './status.js';
