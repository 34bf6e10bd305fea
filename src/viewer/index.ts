/**
 * Viewer stage
 * ============
 *
 * The Node side of the sigma.js viewer: the compact data file the browser loads once, and the
 * small HTTP server behind `papergraph serve`. The browser app itself lives in `viewer/`.
 */
export type { ViewerData, ViewerCommunity, ViewerField, ViewerConcepts, ViewerPapers } from './format.js';
export { VIEWER_DATA_VERSION, EDGE_STRIDE, MENTION_STRIDE } from './format.js';
export { createViewerData, evidencePerConcept, MIN_EVIDENCE_PER_CONCEPT, trimSentence } from './viewer-data.js';
export type { ReadableGraph, ViewerDataOptions } from './viewer-data.js';
export { readKnowledgeGraph, readSerializedGraph, viewerDataJson } from './serialized-graph.js';
export { startServer, resolveInside, VIEWER_DIST_DIR, CONTENT_TYPES } from './server.js';
export { isAllowedHost, parseHostHeader, type HostPolicy } from './host-check.js';
export type { ServerOptions, RunningServer, ViewerDataProvider } from './server.js';
export { createSyntheticGraph, createRng } from './synthetic-graph.js';
export type { SyntheticGraph, SyntheticGraphOptions } from './synthetic-graph.js';
