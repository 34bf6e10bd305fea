/**
 * The research clusters of a build
 * ================================
 *
 * `papergraph build`'s communities step: GDS Louvain in Neo4j, a warm start from the earlier
 * build's communities (`--into`), or a run from scratch; then, unless asked not to, the generic
 * concepts (papers spread over the fields like all papers) leave the graph and the clusters are
 * found again without them.
 */
import { compareStrings } from './compare-strings.js';
import { conceptNodeKey, type CommunitiesChanges, type CommunitiesFile, type KnowledgeGraph, type TopicSnapshot } from './model.js';
import type { CommunityChanges, CommunityOptions, GenericConcept } from './graph/index.js';
import type { IngestedInput } from './build-input.js';
import type { BuildNeo4j, Stages } from './pipeline.js';

/** What {@link findCommunities} found, with the changes to the earlier build's communities. */
export interface FoundCommunities {
  /** With `prior`, its `changes` say what changed. */
  communities: CommunitiesFile;
  /** Concepts the earlier build's communities did not hold (with `prior`). */
  newConcepts: number;
  changeLines: string[];
  /** Generic concepts left out of the graph. */
  dropped: GenericConcept[];
}

/**
 * The research clusters of `graph`: by GDS Louvain in Neo4j with `gds` (the graph written there
 * first), warm-started from the earlier build's with `prior`, else in process.
 */
export async function findCommunities(
  graph: KnowledgeGraph,
  communityOptions: CommunityOptions,
  from: {
    prior?: IngestedInput['prior'];
    gds?: BuildNeo4j;
    corpus: string;
    /** Leave out generic concepts, except those named in `keep`; `minSciences` as in {@link findGeneralScienceWords}. */
    generic?: { keep: ReadonlySet<string>; minSciences?: number };
  },
  graphStage: Stages['graph'],
): Promise<FoundCommunities> {
  const { resolution, seed } = communityOptions;
  if (from.gds) {
    const partition = await from.gds.store.louvainInNeo4j(from.gds.ctx, { resolution, seed, corpus: from.corpus });
    const communities = graphStage.communitiesFromPartition(graph, partition.communityOf, { algorithm: 'neo4j-gds', resolution, seed });
    return { communities, newConcepts: 0, changeLines: [], dropped: [] };
  }
  const prior = from.prior;
  const detect = (): FoundCommunities => {
    if (!prior) return { communities: graphStage.detectCommunities(graph, communityOptions), newConcepts: 0, changeLines: [], dropped: [] };
    const result = graphStage.detectCommunitiesFrom(graph, prior.communities, communityOptions);
    const changeLines = graphStage.formatCommunityChanges(result.changes);
    const papers = { before: prior.papers.length, after: graph.reduceNodes((n, _key, a) => (a.kind === 'paper' ? n + 1 : n), 0) };
    const changes = recordCommunityChanges(result.changes, prior.communities, result.communities, graph, papers);
    return { communities: { ...result.communities, changes }, newConcepts: result.changes.newConcepts.length, changeLines, dropped: [] };
  };
  if (!from.generic) return detect();
  // Words most sciences use need no statistic of this corpus: they leave before any clustering.
  const commonWords = graphStage.findGeneralScienceWords(graph, from.generic);
  graphStage.dropConcepts(graph, commonWords.map((c) => c.key));
  // Generic concepts are told by how their papers spread over the fields of a run from scratch
  // (so a build `--into` drops the same ones as a build of the same papers from scratch);
  // without them the clusters are found again.
  // Without an earlier build that run is the result when nothing is dropped; with one it only
  // sets the papers' fields.
  let scratch: FoundCommunities | undefined;
  if (prior) graphStage.detectCommunities(graph, communityOptions);
  else scratch = detect();
  const spread = graphStage.findGenericConcepts(graph, { keep: from.generic.keep });
  if (spread.length === 0) return { ...(scratch ?? detect()), dropped: commonWords };
  graphStage.dropConcepts(graph, spread.map((c) => c.key));
  return { ...detect(), dropped: [...spread, ...commonWords] };
}

/** New concepts {@link recordCommunityChanges} lists by name (the rest are counted). */
export const TOP_NEW_CONCEPTS = 20;

/**
 * The changes as `communities.json` keeps them: `changes` (the partition's, in concepts) with the
 * new and removed concepts counted, the new concepts with most papers, and each topic named as
 * `previous` (the earlier build's file) and `next` have it: label, papers, concepts. Pure and
 * deterministic.
 */
export function recordCommunityChanges(
  changes: CommunityChanges,
  previous: CommunitiesFile,
  next: CommunitiesFile,
  graph: KnowledgeGraph,
  papers: CommunitiesChanges['papers'],
): CommunitiesChanges {
  const { newConcepts, removedConcepts, ...partition } = changes;
  const topicOf = new Map<string, number>();
  for (const c of next.communities) for (const key of c.concepts) topicOf.set(key, c.id);
  const topNewConcepts = newConcepts
    .map((key) => {
      const attributes = graph.hasNode(conceptNodeKey(key)) ? graph.getNodeAttributes(conceptNodeKey(key)) : undefined;
      const concept = attributes?.kind === 'concept' ? attributes : undefined;
      return { key, label: concept?.label ?? key, papers: concept?.df ?? 0, community: topicOf.get(key) ?? -1 };
    })
    .sort((a, b) => b.papers - a.papers || compareStrings(a.key, b.key))
    .slice(0, TOP_NEW_CONCEPTS);

  const named = new Set<number>([
    ...[...partition.grown, ...partition.shrunk, ...partition.created, ...partition.dissolved].map((c) => c.id),
    ...partition.split.flatMap((s) => [s.from, ...s.into]),
    ...partition.merged.flatMap((m) => [m.into, ...m.from]),
    ...topNewConcepts.map((c) => c.community),
  ]);
  const snapshot = (file: CommunitiesFile) => {
    const byId = new Map(file.communities.map((c) => [c.id, c]));
    return (id: number): TopicSnapshot | undefined => {
      const c = byId.get(id);
      return c && { label: c.label, papers: c.papers.length, concepts: c.concepts.length };
    };
  };
  const [before, after] = [snapshot(previous), snapshot(next)];
  const topics = [...named]
    .sort((a, b) => a - b)
    .flatMap((id) => {
      const [b, a] = [before(id), after(id)];
      return b || a ? [{ id, ...(b && { before: b }), ...(a && { after: a }) }] : [];
    });
  return {
    papers,
    partition: { ...partition, newConcepts: newConcepts.length, removedConcepts: removedConcepts.length },
    topNewConcepts,
    topics,
  };
}
