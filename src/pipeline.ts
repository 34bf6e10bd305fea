/**
 * The build pipeline
 * ==================
 *
 * `papergraph build` as a library call: ingest → extract → graph → communities → metrics →
 * layout → files, each step timed and given a progress reporter by the caller. Stages never
 * import each other; this file is where they meet.
 *
 * Every file of the output folder is read and written by src/build-dir/: the stages get data
 * and return data.
 */
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { definedOnly, resolveDefaults } from './defaults.js';
import { UserError } from './errors.js';
import type { CommunitiesFile, ExtractionResult, InputFormat, KnowledgeGraph, PaperRecord, ProgressReporter } from './model.js';
import type { CommunityAlgorithm, CommunityOptions, Weighting } from './graph/index.js';
import { findCommunities, type FoundCommunities } from './build-clusters.js';
import type { StateExtraction } from './build-dir/index.js';
import { checkLanguages, ingestInto, noPapersError, type IngestedInput } from './build-input.js';

/**
 * The named steps of a build, in the order they run: `neo4j` runs once after the viewer, or
 * (with `communities: 'neo4j-gds'`) also before `communities`, to give GDS the graph.
 */
export type BuildStage =
  | 'ingest'
  | 'extract'
  | 'graph'
  | 'communities'
  | 'metrics'
  | 'layout'
  | 'trends'
  | 'write'
  | 'reports'
  | 'viewer'
  | 'neo4j';

/** A progress display for one stage (the CLI passes `createProgressBar`). */
export interface StageProgress {
  report: ProgressReporter;
  /** The stage ended; `completed` is false when it failed. */
  stop(completed?: boolean): void;
}

/** Options of {@link runBuild} (merged with {@link BUILD_DEFAULTS}). */
export interface BuildOptions {
  /** Files, folders or globs; empty = the bundled corpus. */
  inputs: string[];
  /** Output folder (created if missing). */
  out: string;
  /** Input format, or `auto` to detect per file. */
  format: InputFormat | 'auto';
  algorithm: CommunityAlgorithm;
  /** Topic resolution: higher gives more, smaller topics. */
  resolution: number;
  /** Field resolution; `auto` rises from 1 until no field holds over a quarter of the papers. */
  fieldResolution: number | 'auto';
  /** Leave out concepts whose papers spread over the fields like all papers do (see graph/generic.ts). */
  dropGeneric: boolean;
  /**
   * With `dropGeneric`: a single word that articles of at least this many of the shipped
   * background's sciences use is generic at any corpus size (0 = single words are judged by
   * their spread over the fields only; see graph/generic.ts).
   */
  genericSciences: number;
  seed: number;
  /** Concepts need at least this many papers to enter the graph; `auto` grows with the corpus (see {@link autoMinDf}). */
  minDf: number | 'auto';
  weighting: Weighting;
  minEdgeWeight: number;
  /**
   * Keep each concept's N strongest co-occurrence edges (0 = all); `auto` keeps them all for a
   * small graph and prunes a large one (see {@link autoTopEdges}). The value used is recorded in
   * the graph's `topEdgesPerNode` attribute and in the summary.
   */
  topEdges: number | 'auto';
  /** A VOSviewer thesaurus file (`label<TAB>replace by`). */
  thesaurus?: string;
  /** Extraction worker threads (`auto` = by corpus size). */
  workers: number | 'auto';
  /** Creates the progress display of a stage; none by default. */
  progress?: (stage: BuildStage) => StageProgress | undefined;
  /** Called when a stage ends, with its duration in milliseconds. */
  onStageEnd?: (stage: BuildStage, ms: number) => void;
  /** Clock, injectable for tests. */
  now: () => number;
  /**
   * Called after each stage, before the next starts: the CLI passes a full garbage collection
   * (see src/memory.ts), so the peak memory of a large build is its largest stage's own.
   */
  betweenStages?: () => void;
  /** Also write the graph to Neo4j (connection from NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE). */
  neo4j: boolean;
  /** With `neo4j`: first remove what this corpus wrote before (see src/store/write.ts). */
  replace: boolean;
  /** With `neo4j`: the corpus name recorded on what is written (the scope of `replace`). */
  corpus: string;
  /**
   * An earlier build's output folder: its papers (from its build state) are kept, only papers
   * of `inputs` not already in it are analyzed, and communities are warm-started from its
   * `communities.json`, so community ids stay stable.
   */
  into?: string;
  /** Where communities are found: `in-process` (Louvain/Leiden here) or `neo4j-gds` (GDS Louvain; needs `neo4j`). */
  communities: 'in-process' | 'neo4j-gds';
  /**
   * The languages (ISO 639-1 codes) of the papers to analyze, or `all`: a paper detected to be
   * plainly in another language is left out, and counted and listed in the summary.
   */
  languages: readonly string[] | 'all';
  /** Abstracts longer than this many characters are cut, with a warning (default: ingest's). */
  maxAbstractChars?: number;
  /** Input records longer than this many characters are skipped unparsed (default: ingest's). */
  maxRecordChars?: number;
  /** Burst detection and emerging / fading trends (default: the trends stage's). */
  trends?: Partial<import('./trends/index.js').TrendOptions>;
}

export const BUILD_DEFAULTS: BuildOptions = {
  inputs: [],
  out: 'out',
  format: 'auto',
  algorithm: 'louvain',
  resolution: 2,
  fieldResolution: 'auto',
  dropGeneric: true,
  genericSciences: 6,
  seed: 42,
  minDf: 'auto',
  weighting: 'association',
  minEdgeWeight: 0,
  topEdges: 'auto',
  workers: 'auto',
  now: () => performance.now(),
  neo4j: false,
  replace: false,
  corpus: 'default',
  communities: 'in-process',
  languages: ['en'],
};

/** One skipped input record or file. */
export interface BuildProblem {
  file: string;
  line?: number;
  reason: string;
  kind: string;
}

/** What `runBuild` reports. */
export interface BuildSummary {
  out: string;
  /** Input files read and records parsed. */
  files: number;
  records: number;
  duplicatesMerged: number;
  /** Skipped records by kind (non-empty = partial success). */
  skipped: Record<string, number>;
  problems: BuildProblem[];
  /** Records kept with a field cut at its limit: one warning per field. */
  warnings?: BuildProblem[];
  papers: number;
  /** Papers without a year (left out of the bursts and trends). */
  undated: number;
  concepts: number;
  /** MENTIONS edges. */
  mentions: number;
  /** CO_OCCURS edges. */
  edges: number;
  /** Papers a concept needed to enter the graph, as chosen or given. */
  minDf: number;
  /** Strongest co-occurrence edges kept per concept (0 = all), as chosen or given. */
  topEdges: number;
  communities: number;
  /** Fields (communities of topics). */
  fields: number;
  /** Generic concepts left out (listed in dropped-concepts.tsv). */
  genericDropped: number;
  modularity: number;
  /** The algorithm asked for (`neo4j-gds` with `communities: 'neo4j-gds'`). */
  algorithm: CommunitiesFile['algorithm'];
  /** With `into`: the warm-started partition kept was one Leiden pass polished (communities.json says `leiden`). */
  refinedByLeiden?: boolean;
  resolution: number;
  seed: number;
  weighting: Weighting;
  /** The largest communities: id, label, concept and paper counts. */
  topCommunities: { id: number; label: string; concepts: number; papers: number }[];
  /** With `into`: the earlier build's papers, the papers added, and what changed. */
  incremental?: {
    previousPapers: number;
    newPapers: number;
    /** Input papers skipped because the earlier build holds them already. */
    alreadyInBuild: number;
    /** Earlier papers the input added to (new ids, sources or a longer abstract): analyzed again. */
    updatedPapers: number;
    /** Concepts the earlier build's communities did not hold. */
    newConcepts: number;
    /** One line per community change (grown, split, merged, new, …). */
    changes: string[];
  };
  /** Without `languages: 'all'`: the languages kept and the input papers left out for theirs. */
  languages?: {
    kept: readonly string[];
    /** Papers left out per language, largest first. */
    leftOutByLanguage: [language: string, papers: number][];
    /** Every paper left out, in id order. */
    leftOut: { id: string; title: string; language: string }[];
  };
  /** Stage durations in order. */
  timings: { stage: BuildStage; ms: number }[];
  /** Files written, relative to `out`. */
  written: string[];
}

/** Runs one stage: times it and gives it a progress reporter. */
function createStageRunner(options: BuildOptions, timings: BuildSummary['timings']) {
  return async function stage<T>(name: BuildStage, work: (onProgress?: ProgressReporter) => T | Promise<T>): Promise<T> {
    const progress = options.progress?.(name);
    const start = options.now();
    let completed = false;
    try {
      const result = await work(progress?.report);
      completed = true;
      return result;
    } finally {
      progress?.stop(completed);
      const ms = options.now() - start;
      timings.push({ stage: name, ms });
      options.onStageEnd?.(name, ms);
      options.betweenStages?.();
    }
  };
}

/** The stages a build runs, loaded. */
export type Stages = Awaited<ReturnType<typeof loadStages>>;

/** Stages load lazily: `papergraph --help` should not pay for compromise or graphology. */
async function loadStages() {
  const [ingest, extract, graph, trends, buildDir] = await Promise.all([
    import('./ingest/index.js'),
    import('./extract/index.js'),
    import('./graph/index.js'),
    import('./trends/index.js'),
    import('./build-dir/index.js'),
  ]);
  return { ingest, extract, graph, trends, buildDir };
}

/**
 * Builds the knowledge graph of `inputs` into `out`: `graph.json`, `papers.jsonl`,
 * `concepts.jsonl`, `communities.json`. Bad records are skipped and listed in the summary's
 * `problems`; bad options and missing files throw a `UserError`.
 */
export async function runBuild(options: Partial<BuildOptions> = {}): Promise<BuildSummary> {
  // GDS Louvain optimizes standard modularity: its default resolution is 1, not the topics' 2.
  const o = resolveDefaults(
    options.communities === 'neo4j-gds' && options.resolution === undefined ? { ...BUILD_DEFAULTS, resolution: 1 } : BUILD_DEFAULTS,
    options,
  );
  // `into` alone updates the earlier build in place.
  const out = o.into !== undefined && options.out === undefined ? o.into : o.out;
  // One build per folder: held from the first read of `into` to the last write (Neo4j's too),
  // and taken first, so a second build is told at once, before the stages load.
  const release = await (await import('./build-dir/index.js')).lockBuildFolders(out, o.into);
  let staging: import('./build-dir/index.js').Staging | undefined;
  try {
    const stages = await loadStages();
    const communityOptions = checkBuildOptions(o, stages.graph);
    stages.trends.resolveTrendSettings(o.trends, 0);
    await checkLanguages(o.languages, stages.ingest);
    const thesaurus = o.thesaurus === undefined ? undefined : stages.extract.parseThesaurus(await readUserFile(o.thesaurus), o.thesaurus);
    // Every file goes to a staging folder first and is moved into place, with the manifest, at the end.
    staging = await stages.buildDir.openStaging(out);
    return await buildLocked({ o, out, staging, stages, communityOptions, thesaurus });
  } finally {
    await staging?.discard();
    await release();
  }
}

/** {@link runBuild} once its options are checked and its folders locked: files go to `staging`. */
async function buildLocked(run: {
  o: BuildOptions;
  out: string;
  staging: import('./build-dir/index.js').Staging;
  stages: Stages;
  communityOptions: CommunityOptions;
  thesaurus: import('./extract/index.js').Thesaurus | undefined;
}): Promise<BuildSummary> {
  const { o, out, staging, stages, communityOptions, thesaurus } = run;
  const timings: BuildSummary['timings'] = [];
  const stage = createStageRunner(o, timings);
  const { extract: extractStage, graph: graphStage, buildDir } = stages;

  // 1. Ingest: parse and deduplicate; with `into`, the earlier build's papers come from its state.
  const input = await stage('ingest', (onProgress) => ingestInto(o, stages, onProgress));
  const { prior, fresh } = input;
  // Nothing to build from is the user's mistake (wrong files or format), not a partial success.
  if (fresh.length === 0 && !prior?.papers.length) throw noPapersError('build', input.ingested, input.languages);

  // 2. Extract concepts: pass 1 on the new papers only, pass 2 over the whole corpus, handed
  // over through the build state (which a later `--into` build starts from).
  const paperCount = (prior?.papers.length ?? 0) - input.replaced.size + fresh.length;
  const minDf = o.minDf === 'auto' ? autoMinDf(paperCount) : o.minDf;
  const extractOptions = { thesaurus, workers: o.workers, minDf };
  const extracted: Extracted = await stage('extract', (onProgress) =>
    buildDir.extractThroughState(
      staging.dir,
      fresh,
      o.into,
      paperCount,
      {
        analyze: (papers, onAnalysis) => extractStage.analyzePapersInOrder(papers, onAnalysis, { ...extractOptions, onProgress }),
        corpus: extractStage.resolveAnalysesStreamed(extractOptions),
      },
      input.replaced,
    ),
  );
  const papers = extracted.papers;

  // 3. The knowledge graph with weighted co-occurrence, pruned when it would be too dense to use.
  const conceptCount = extracted.extraction!.concepts.reduce((n, c) => (c.df >= minDf ? n + 1 : n), 0);
  const graphOptions = graphStage.resolveGraphOptions({
    minDf,
    weighting: o.weighting,
    minEdgeWeight: o.minEdgeWeight,
    topEdgesPerNode: o.topEdges === 'auto' ? autoTopEdges(conceptCount) : o.topEdges,
  });
  const graph = await stage('graph', () => graphStage.buildKnowledgeGraph(papers, extracted.extraction!, graphOptions, { release: true }));
  // From here on the graph holds what is needed; the per-paper mentions can go.
  const { ambiguousAcronyms } = extracted.extraction!;
  extracted.extraction = undefined;

  // Neo4j, when asked: the graph is written first, so GDS can find communities in it.
  const neo4j = o.neo4j ? await openNeo4j(o, ambiguousAcronyms, papers, stages.ingest) : undefined;
  try {
    if (neo4j && o.communities === 'neo4j-gds') {
      await stage('neo4j', (onProgress) => neo4j.store.writeGraph(neo4j.ctx, graph, undefined, neo4j.writeOptions(onProgress)));
    }

    // 4. Research clusters: in process (warm-started from the earlier build with `into`), or GDS Louvain in Neo4j.
    const found = await stage('communities', () =>
      findCommunities(
        graph,
        communityOptions,
        {
          prior,
          gds: o.communities === 'neo4j-gds' ? neo4j : undefined,
          corpus: o.corpus,
          ...(o.dropGeneric && { generic: { keep: new Set([...(thesaurus?.values() ?? [])].filter(Boolean)), minSciences: o.genericSciences } }),
        },
        graphStage,
      ),
    );
    // 5. Concept metrics (after communities: the bridge score needs them).
    await stage('metrics', () => graphStage.computeConceptMetrics(graph));

    // 6. Layout for the viewer.
    await stage('layout', () => graphStage.layoutConcepts(graph, { seed: o.seed }));

    // 7. Bursts and emerging / fading trends of concepts, topics and fields.
    const trends = await stage('trends', () => stages.trends.analyzeTrends(graph, found.communities, o.trends));
    const communities = stages.trends.withTimelines(found.communities, trends);

    // 8. The core files, and the state a later `--into` build starts from.
    const written = await stage('write', async () => {
      const files = await buildDir.saveGraphFiles(staging.dir, graph, papers, communities, trends.concepts);
      const dropped = graphStage.droppedConceptsFile(found.dropped);
      await buildDir.saveFiles(staging.dir, [dropped]);
      files.push(dropped.name);
      await extracted.stateSaved();
      return [...files, buildDir.BUILD_STATE_FILE];
    });

    // 9. Community reports (md, json, csv, html) and the viewer's compact data, beside the graph.
    const [reportStage, viewerStage] = await Promise.all([import('./report/index.js'), import('./viewer/index.js')]);
    const reportFiles = await stage('reports', () => buildDir.saveFiles(staging.dir, reportStage.renderReports(graph, communities, { inputBase: process.cwd(), conceptTimes: trends.concepts })));
    const viewerFile = await stage('viewer', () => buildDir.saveViewerData(staging.dir, viewerStage.createViewerData(viewerStage.readKnowledgeGraph(graph), communities)));
    written.push(...[...reportFiles, viewerFile].map((path) => relative(staging.dir, path)));
    await staging.commit();
    written.push(buildDir.MANIFEST_FILE);

    // 10. Neo4j: the same graph, written idempotently (after GDS: the communities only).
    if (neo4j) {
      await stage('neo4j', (onProgress) =>
        o.communities === 'neo4j-gds'
          ? neo4j.store.writeCommunities(neo4j.ctx, graph, communities, { ...neo4j.writeOptions(onProgress), replace: false, conceptTimes: trends.concepts })
          : neo4j.store.writeGraph(neo4j.ctx, graph, communities, { ...neo4j.writeOptions(onProgress), conceptTimes: trends.concepts }),
      );
    }
    return summarizeBuild({ out, input, papers, graph, graphOptions, communityOptions, found, timings, written });
  } finally {
    await neo4j?.ctx.driver.close();
  }
}

/** The extraction once handed over; `extraction` is dropped once the graph holds what it needs. */
type Extracted = Omit<StateExtraction, 'extraction'> & { extraction?: ExtractionResult };

/** Checks the options before the long stages run; returns the resolved community options. */
function checkBuildOptions(o: BuildOptions, graphStage: Stages['graph']): CommunityOptions {
  if (o.topEdges !== 'auto' && !(Number.isInteger(o.topEdges) && o.topEdges >= 0)) {
    throw new UserError(`build: invalid top edges ${String(o.topEdges)}. Expecting an integer ≥ 0 or "auto".`, 'E_USAGE');
  }
  // Checked now (before the long stages); `auto` is settled once the concepts are known.
  if (o.minDf !== 'auto' && !(Number.isInteger(o.minDf) && o.minDf >= 1)) {
    throw new UserError(`build: invalid minimum document frequency ${String(o.minDf)}. Expecting an integer ≥ 1 or "auto".`, 'E_USAGE');
  }
  graphStage.resolveGraphOptions({
    minDf: o.minDf === 'auto' ? 2 : o.minDf,
    weighting: o.weighting,
    minEdgeWeight: o.minEdgeWeight,
    topEdgesPerNode: o.topEdges === 'auto' ? 0 : o.topEdges,
  });
  const communityOptions = graphStage.resolveCommunityOptions({
    algorithm: o.algorithm,
    resolution: o.resolution,
    seed: o.seed,
    ...(o.fieldResolution !== 'auto' && { fieldResolution: o.fieldResolution, maxFieldShare: 1 }),
  });
  if (o.communities !== 'in-process' && o.communities !== 'neo4j-gds') {
    throw new UserError(`build: unknown communities source "${String(o.communities)}". Expecting in-process or neo4j-gds.`, 'E_USAGE');
  }
  if (o.communities === 'neo4j-gds' && !o.neo4j) {
    throw new UserError('build: --communities neo4j-gds needs --neo4j (the graph must be in Neo4j first)', 'E_USAGE');
  }
  if (o.communities === 'neo4j-gds' && o.into !== undefined) {
    throw new UserError('build: --into warm-starts the in-process communities; it cannot be combined with --communities neo4j-gds', 'E_USAGE');
  }
  return communityOptions;
}

/** An open Neo4j store for a build, and the write options of its corpus. */
export type BuildNeo4j = Awaited<ReturnType<typeof openNeo4j>>;

async function openNeo4j(
  o: BuildOptions,
  ambiguousAcronyms: ExtractionResult['ambiguousAcronyms'],
  papers: readonly PaperRecord[],
  ingestStage: Stages['ingest'],
) {
  const store = await import('./store/index.js');
  const ctx = await store.openStore();
  // Every id of each paper, ingest's title id included: a paper stored under another is found.
  const identities = store.paperIdentities(papers, (title) => ingestStage.paperId({ title }));
  // `definedOnly`: an explicit `onProgress: undefined` would replace the writer's default.
  const writeOptions = (onProgress: ProgressReporter | undefined) => ({
    replace: o.replace,
    corpus: o.corpus,
    identities,
    ambiguousAcronyms,
    ...definedOnly({ onProgress }),
  });
  return { store, ctx, writeOptions };
}

/** The summary of a finished build. */
function summarizeBuild(built: {
  out: string;
  input: IngestedInput;
  papers: readonly PaperRecord[];
  graph: KnowledgeGraph;
  graphOptions: { minDf: number; topEdgesPerNode: number; weighting: Weighting };
  communityOptions: CommunityOptions;
  found: FoundCommunities;
  timings: BuildSummary['timings'];
  written: string[];
}): BuildSummary {
  const { input, graph, graphOptions, found } = built;
  const { ingested, prior } = input;
  const communities = found.communities;
  const mentions = graph.mentions.size;
  const edges = graph.size;
  return {
    out: built.out,
    files: ingested.stats.files,
    records: ingested.stats.records,
    duplicatesMerged: ingested.stats.duplicatesMerged,
    skipped: ingested.stats.skipped,
    problems: ingested.problems.map(({ file, line, reason, kind }) => ({ file, line, reason, kind })),
    warnings: ingested.warnings.map(({ file, line, reason, kind }) => ({ file, line, reason, kind })),
    papers: built.papers.length,
    undated: built.papers.reduce((n, p) => (p.year === undefined ? n + 1 : n), 0),
    concepts: graph.filterNodes((_n, a) => a.kind === 'concept').length,
    mentions,
    edges,
    minDf: graphOptions.minDf,
    topEdges: graphOptions.topEdgesPerNode,
    communities: communities.communities.length,
    fields: communities.fields?.length ?? 0,
    genericDropped: found.dropped.length,
    modularity: communities.modularity,
    // Asked for, not what the warm start's polish recorded: a Louvain build stays a Louvain build.
    algorithm: communities.algorithm === 'neo4j-gds' ? 'neo4j-gds' : built.communityOptions.algorithm,
    ...(communities.algorithm !== built.communityOptions.algorithm &&
      communities.algorithm === 'leiden' && { refinedByLeiden: true }),
    resolution: built.communityOptions.resolution,
    seed: built.communityOptions.seed,
    weighting: graphOptions.weighting,
    topCommunities: communities.communities.slice(0, 12).map((c) => ({
      id: c.id,
      label: c.label,
      concepts: c.concepts.length,
      papers: c.papers.length,
    })),
    languages: input.languages,
    timings: built.timings,
    written: built.written,
    incremental: prior
      ? {
          previousPapers: prior.papers.length,
          newPapers: input.newPapers,
          alreadyInBuild: input.alreadyInBuild,
          updatedPapers: input.updatedPapers,
          newConcepts: found.newConcepts,
          changes: found.changeLines,
        }
      : undefined,
  };
}

/**
 * The `minDf` of `auto` for `papers` papers: √papers / 20 rounded down, at least 2 (2 below
 * 3,600 papers, 5 at 10k, 15 at 100k). In a large corpus a concept of two or three papers is mostly a one-off phrase;
 * the cut keeps the graph's concepts (and so its layout, files and viewer) growing much
 * slower than the corpus.
 */
export function autoMinDf(papers: number): number {
  return Math.max(2, Math.floor(Math.sqrt(papers) / 20));
}

/** Concepts from which `topEdges: 'auto'` prunes the co-occurrence graph. */
export const AUTO_PRUNE_CONCEPTS = 2000;
/** Edges per concept `topEdges: 'auto'` keeps in a large graph. */
export const AUTO_TOP_EDGES = 20;

/**
 * The `topEdges` of `auto` for a graph of `concepts` concepts: all edges below
 * {@link AUTO_PRUNE_CONCEPTS} (a small corpus keeps its full picture), else each concept's
 * {@link AUTO_TOP_EDGES} strongest. Co-occurrence pairs grow with the square of the concepts
 * per paper times the papers (3,000 ACL abstracts give half a million); the strongest 20 per
 * concept keep the clusters and the layout readable while edges grow linearly with concepts.
 */
export function autoTopEdges(concepts: number): number {
  return concepts >= AUTO_PRUNE_CONCEPTS ? AUTO_TOP_EDGES : 0;
}

/** A file the user named (the thesaurus). */
async function readUserFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(
      code === 'ENOENT' ? `${path}: no such file` : `${path}: cannot read (${(error as Error).message})`,
      'E_NOT_FOUND',
    );
  }
}

/**
 * `papergraph export`: reads `dir/graph.json` and writes it as GEXF, GraphML or CSV tables
 * into `out` (default `dir`). Returns the paths written.
 */
export async function exportBuild(
  dir: string,
  format: import('./graph/index.js').ExportFormat,
  out: string = dir,
): Promise<string[]> {
  const [graphStage, buildDir] = await Promise.all([import('./graph/index.js'), import('./build-dir/index.js')]);
  if (!graphStage.EXPORT_FORMATS.includes(format)) {
    throw new UserError(`export: unknown format "${String(format)}". Expecting ${graphStage.EXPORT_FORMATS.join(', ')}.`);
  }
  return buildDir.saveFiles(out, graphStage.exportGraph(await buildDir.loadGraph(dir), format));
}

/**
 * `papergraph export --format neo4j-import`: reads `dir/graph.json` (and `dir/communities.json`
 * when present) and writes the files of `neo4j-admin database import full` into `out`
 * (default `dir`). Returns the paths written.
 */
export async function exportNeo4jImport(
  dir: string,
  out: string = dir,
  options: Partial<Pick<import('./store/index.js').Neo4jImportOptions, 'corpus' | 'database'>> = {},
): Promise<string[]> {
  // The file, not the barrel: an export needs no database driver.
  const [store, buildDir, trends] = await Promise.all([import('./store/neo4j-import.js'), import('./build-dir/index.js'), import('./trends/index.js')]);
  const { graph, communities } = await buildDir.loadBuild(dir, { optionalCommunities: true });
  const conceptTimes = trends.savedConceptTimes(graph, communities);
  return buildDir.saveFiles(out, store.formatNeo4jImport(graph, communities, { ...options, ...(conceptTimes && { conceptTimes }) }));
}
