/**
 * Graph stage
 * ===========
 *
 * Papers + extracted mentions → the knowledge graph (Paper, Concept, MENTIONS, CO_OCCURS),
 * its research clusters, concept metrics, a precomputed layout, and the exports other tools
 * read (the build folder's own files are written by src/build-dir/).
 */
export {
  buildKnowledgeGraph,
  buildCooccurrenceEdges,
  resolveGraphOptions,
  mentionsEdgeKey,
  cooccursEdgeKey,
  GRAPH_DEFAULTS,
  type KnowledgeGraph,
  type GraphBuildOptions,
  type CooccurrenceEdge,
  type Weighting,
} from './build.js';
export {
  detectCommunities,
  communitiesFromPartition,
  composeLabel,
  resolveCommunityOptions,
  COMMUNITY_DEFAULTS,
  type CommunityOptions,
  type FromPartitionOptions,
  type PartitionSource,
} from './communities.js';
export {
  partitionGraph,
  standardModularity,
  type CommunityAlgorithm,
  type Partition,
  type PartitionOptions,
  type WeightedGraph,
} from './partition.js';
export {
  detectCommunitiesFrom,
  formatCommunityChanges,
  matchCommunityIds,
  EVOLVE_DEFAULTS,
  type CommunityChanges,
  type CommunityResize,
  type EvolveOptions,
} from './evolve.js';
export {
  findGenericConcepts,
  findGeneralScienceWords,
  scienceWords,
  SCIENCE_WORD_DEFAULTS,
  type ScienceWordOptions,
  dropConcepts,
  droppedConceptsFile,
  DROPPED_CONCEPTS_FILE,
  GENERIC_DEFAULTS,
  type GenericConcept,
  type GenericOptions,
} from './generic.js';
export { countFieldsUsing, readBackgroundWords, storeBackgroundWords, type BackgroundWords, type BackgroundArticle, type StoredBackgroundWords } from './background.js';
export { stickyLouvain, type StickyLouvainOptions } from './sticky-louvain.js';
export { computeConceptMetrics, type ConceptMetrics } from './metrics.js';
export { layoutConcepts, LAYOUT_DEFAULTS, type LayoutOptions } from './layout.js';
export { exportGraph, EXPORT_FORMATS, type ExportFormat, type ExportedFile } from './export.js';
export { createRng, type Rng } from './rng.js';
export { toConceptGraph, type ConceptGraph } from './util.js';
