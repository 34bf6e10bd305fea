/**
 * The build pipeline
 * ==================
 *
 * `papergraph build` as a library call: ingest → extract → graph → communities → metrics →
 * layout → files, each step timed and given a progress reporter by the caller. Stages never
 * import each other; this file is where they meet.
 *
 * Steps that need the finished graph (reports, the viewer's data, a Neo4j write) go at the
 * marked place at the end of `runBuild`, where the output folder, the graph, the communities
 * and the papers are all at hand in a {@link BuiltGraph}.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { definedOnly, resolveDefaults } from './defaults.js';
import { UserError } from './errors.js';
import type { CommunitiesFile, ExtractionResult, InputFormat, PaperRecord, ProgressReporter } from './model.js';
import type { PaperAnalysis } from './extract/index.js';
import { BUNDLED_DATA_DIR } from './paths.js';
import type { CommunityAlgorithm, KnowledgeGraph, Weighting } from './graph/index.js';

/** The named steps of a build, in order (later steps may add their own names). */
export type BuildStage = 'ingest' | 'extract' | 'graph' | 'communities' | 'metrics' | 'layout' | 'write' | (string & {});

/** A progress display for one stage (the CLI passes `createProgressBar`). */
export interface StageProgress {
  report: ProgressReporter;
  stop(): void;
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
  resolution: number;
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
}

export const BUILD_DEFAULTS: BuildOptions = {
  inputs: [],
  out: 'out',
  format: 'auto',
  algorithm: 'louvain',
  resolution: 1,
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
};

/** What the build has made, handed to every step after the core files are written. */
export interface BuiltGraph {
  /** The output folder. */
  out: string;
  graph: KnowledgeGraph;
  communities: CommunitiesFile;
  papers: PaperRecord[];
  /** The corpus-level extraction facts; `papers` is empty (the graph holds the kept mentions). */
  extraction: ExtractionResult;
}

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
  papers: number;
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
  modularity: number;
  /** What found the communities (`neo4j-gds` with `communities: 'neo4j-gds'`). */
  algorithm: CommunitiesFile['algorithm'];
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
    /** Concepts the earlier build's communities did not hold. */
    newConcepts: number;
    /** One line per community change (grown, split, merged, new, …). */
    changes: string[];
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
    try {
      return await work(progress?.report);
    } finally {
      progress?.stop();
      const ms = options.now() - start;
      timings.push({ stage: name, ms });
      options.onStageEnd?.(name, ms);
      options.betweenStages?.();
    }
  };
}

/**
 * Builds the knowledge graph of `inputs` into `out`: `graph.json`, `papers.jsonl`,
 * `concepts.jsonl`, `communities.json`. Bad records are skipped and listed in the summary's
 * `problems`; bad options and missing files throw a `UserError`.
 */
export async function runBuild(options: Partial<BuildOptions> = {}): Promise<BuildSummary> {
  const o = resolveDefaults(BUILD_DEFAULTS, options);
  const timings: BuildSummary['timings'] = [];
  const stage = createStageRunner(o, timings);

  // Stages load lazily: `papergraph --help` should not pay for compromise or graphology.
  const [{ ingest }, extractStage, graphStage] = await Promise.all([
    import('./ingest/index.js'),
    import('./extract/index.js'),
    import('./graph/index.js'),
  ]);
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
  });
  const thesaurus = o.thesaurus === undefined ? undefined : extractStage.parseThesaurus(await readUserFile(o.thesaurus), o.thesaurus);

  if (o.communities !== 'in-process' && o.communities !== 'neo4j-gds') {
    throw new UserError(`build: unknown communities source "${String(o.communities)}". Expecting in-process or neo4j-gds.`, 'E_USAGE');
  }
  if (o.communities === 'neo4j-gds' && !o.neo4j) {
    throw new UserError('build: --communities neo4j-gds needs --neo4j (the graph must be in Neo4j first)', 'E_USAGE');
  }
  if (o.communities === 'neo4j-gds' && o.into !== undefined) {
    throw new UserError('build: --into warm-starts the in-process communities; it cannot be combined with --communities neo4j-gds', 'E_USAGE');
  }
  // `into` alone updates the earlier build in place.
  const out = o.into !== undefined && options.out === undefined ? o.into : o.out;

  // 1. Ingest: parse and deduplicate; with `into`, the earlier build's papers come from its state.
  const stateStage = await import('./build-state.js');
  const inputs = o.inputs.length > 0 ? o.inputs : [BUNDLED_DATA_DIR];
  const { ingested, prior, fresh, alreadyInBuild } = await stage('ingest', async (onProgress) => {
    const prior = o.into === undefined ? undefined : await readPriorBuild(o.into, stateStage);
    const ingested = await ingest(inputs, { format: o.format, onProgress });
    if (!prior) return { ingested, prior, fresh: ingested.papers, alreadyInBuild: 0 };
    const known = new Set(prior.papers.map((p) => p.id));
    const fresh = ingested.papers.filter((p) => !known.has(p.id));
    return { ingested, prior, fresh, alreadyInBuild: ingested.papers.length - fresh.length };
  });

  // 2. Extract concepts: pass 1 on the new papers only, pass 2 over the whole corpus. The
  // pass-1 analyses go to the build state as they come and are read back from it by pass 2
  // (the state is also what a later `--into` build starts from): on a large corpus they are
  // the biggest thing the build has, so they are never all held.
  const paperCount = (prior?.papers.length ?? 0) + fresh.length;
  const minDf = o.minDf === 'auto' ? autoMinDf(paperCount) : o.minDf;
  const extractOptions = { thesaurus, workers: o.workers, minDf };
  const extracted: { papers: PaperRecord[]; extraction?: ExtractionResult } = await stage('extract', async (onProgress) => {
    const corpus = extractStage.resolveAnalysesStreamed(extractOptions);
    await createOutputFolder(out);
    // Written plain first: the corpus pass reads it back once per phase.
    const writer = await stateStage.openBuildState(out, paperCount, stateStage.BUILD_STATE_SCRATCH);
    let papers: PaperRecord[] = fresh;
    try {
      if (!prior) {
        let written = Promise.resolve();
        await extractStage.analyzePapersInOrder(
          fresh,
          (analysis, i) => {
            corpus.define(analysis);
            written = written.then(() => writer.add(fresh[i]!, analysis));
          },
          { ...extractOptions, onProgress },
        );
        await written;
      } else {
        // The earlier papers and the new ones, merged by id (ingest's order, as a build from scratch sees it).
        const freshAnalyses = await extractStage.analyzePapers(fresh, { ...extractOptions, onProgress });
        papers = [];
        let f = 0;
        const add = async (paper: PaperRecord, analysis: PaperAnalysis) => {
          papers.push(paper);
          corpus.define(analysis);
          await writer.add(paper, analysis);
        };
        for await (const line of stateStage.streamBuildState(o.into!)) {
          for (; f < fresh.length && fresh[f]!.id < line.paper.id; f++) await add(fresh[f]!, freshAnalyses[f]!);
          await add(line.paper, line.analysis);
        }
        for (; f < fresh.length; f++) await add(fresh[f]!, freshAnalyses[f]!);
      }
      await writer.close();
    } catch (error) {
      await writer.abort();
      throw error;
    }
    const extraction = await corpus.resolve(() =>
      withPapers(stateStage.streamBuildState(out, undefined, stateStage.BUILD_STATE_SCRATCH), papers),
    );
    return { papers, extraction };
  });
  // Compressed into place while the next stages run (zlib works off the main thread).
  const stateCompressed = settled(stateStage.compressBuildState(out));

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
  const { ambiguousAcronyms, concepts: conceptInfo } = extracted.extraction!;
  extracted.extraction = undefined;

  // Neo4j, when asked: the graph is written first, so GDS can find communities in it.
  const store = o.neo4j ? await import('./store/index.js') : undefined;
  const ctx = store ? await store.openStore() : undefined;
  try {
    const writeOptions = { replace: o.replace, corpus: o.corpus, ambiguousAcronyms };
    if (store && ctx && o.communities === 'neo4j-gds') {
      await stage('neo4j', (onProgress) => store.writeGraph(ctx, graph, undefined, { ...writeOptions, ...definedOnly({ onProgress }) }));
    }

    // 4. Research clusters: in process (warm-started from the earlier build with `into`), or GDS Louvain in Neo4j.
    let changes: import('./graph/evolve.js').CommunityChanges | undefined;
    let changeLines: string[] = [];
    const communities = await stage('communities', async () => {
      if (store && ctx && o.communities === 'neo4j-gds') {
        const found = await store.louvainInNeo4j(ctx, { resolution: communityOptions.resolution, seed: communityOptions.seed, corpus: o.corpus });
        return graphStage.communitiesFromPartition(graph, found.communityOf, {
          algorithm: 'neo4j-gds',
          resolution: communityOptions.resolution,
          seed: communityOptions.seed,
        });
      }
      if (prior) {
        const evolve = await import('./graph/evolve.js');
        const result = evolve.detectCommunitiesFrom(graph, prior.communities, communityOptions);
        changes = result.changes;
        changeLines = evolve.formatCommunityChanges(result.changes);
        return result.communities;
      }
      return graphStage.detectCommunities(graph, communityOptions);
    });

    // 5. Concept metrics (after communities: the bridge score needs them).
    await stage('metrics', () => graphStage.computeConceptMetrics(graph));

    // 6. Layout for the viewer.
    await stage('layout', () => graphStage.layoutConcepts(graph, { seed: o.seed }));

    // 7. The core files, and the state a later `--into` build starts from.
    const built: BuiltGraph = { out, graph, communities, papers, extraction: { papers: [], concepts: conceptInfo, ambiguousAcronyms } };
    const written = await stage('write', async () => {
      const files = await writeGraphFiles(built, graphStage);
      await stateCompressed.result();
      return [...files, stateStage.BUILD_STATE_FILE];
    });

    // 8. Community reports (md, json, csv, html) and the viewer's compact data, beside the graph.
    const [reportStage, viewerStage] = await Promise.all([import('./report/index.js'), import('./viewer/index.js')]);
    const reportFiles = await stage('reports', () => reportStage.writeReports(out, graph, communities));
    const viewerFile = await stage('viewer', () => viewerStage.writeViewerData(out, graph, communities));
    written.push(...[...reportFiles, viewerFile].map((path) => relative(out, path)));

    // 9. Neo4j: the same graph, written idempotently (after GDS: the communities only).
    if (store && ctx) {
      if (o.communities === 'neo4j-gds') {
        const rows = store.graphToRows(graph, communities, ambiguousAcronyms);
        const onlyCommunities = { ...rows, papers: [], aliases: [], acronyms: [], mentions: [], cooccurs: [] };
        await stage('neo4j', (onProgress) => store.writeRows(ctx, onlyCommunities, { ...writeOptions, replace: false, ...definedOnly({ onProgress }) }));
      } else {
        await stage('neo4j', (onProgress) => store.writeGraph(ctx, graph, communities, { ...writeOptions, ...definedOnly({ onProgress }) }));
      }
    }
    return summarize();

    function summarize(): BuildSummary {
      let mentions = 0;
      let edges = 0;
      graph.forEachEdge((_e, a) => (a.type === 'MENTIONS' ? mentions++ : edges++));
      return {
        out,
        files: ingested.stats.files,
        records: ingested.stats.records,
        duplicatesMerged: ingested.stats.duplicatesMerged,
        skipped: ingested.stats.skipped,
        problems: ingested.problems.map(({ file, line, reason, kind }) => ({ file, line, reason, kind })),
        papers: papers.length,
        concepts: graph.filterNodes((_n, a) => a.kind === 'concept').length,
        mentions,
        edges,
        minDf: graphOptions.minDf,
        topEdges: graphOptions.topEdgesPerNode,
        communities: communities.communities.length,
        modularity: communities.modularity,
        algorithm: communities.algorithm,
        resolution: communityOptions.resolution,
        seed: communityOptions.seed,
        weighting: graphOptions.weighting,
        topCommunities: communities.communities.slice(0, 12).map((c) => ({
          id: c.id,
          label: c.label,
          concepts: c.concepts.length,
          papers: c.papers.length,
        })),
        timings,
        written,
        incremental: prior
          ? {
              previousPapers: prior.papers.length,
              newPapers: fresh.length,
              alreadyInBuild,
              newConcepts: changes?.newConcepts.length ?? 0,
              changes: changeLines,
            }
          : undefined,
      };
    }
  } finally {
    await ctx?.driver.close();
  }
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

/**
 * The stored analyses with the papers held in memory (same order, checked): evidence sentences
 * are then slices of the texts the graph holds anyway, not of a second copy read from the file.
 */
async function* withPapers(
  lines: AsyncIterable<{ paper: PaperRecord; analysis: PaperAnalysis }>,
  papers: readonly PaperRecord[],
): AsyncGenerator<{ paper: PaperRecord; analysis: PaperAnalysis }> {
  let i = 0;
  for await (const { analysis } of lines) {
    const paper = papers[i++];
    if (paper?.id !== analysis.id) throw new Error(`build state: line ${i} is paper "${analysis.id}", expecting "${paper?.id}"`);
    yield { paper, analysis };
  }
  if (i !== papers.length) throw new Error(`build state: ${i} papers read back, ${papers.length} written`);
}

/**
 * A promise whose failure is kept for later (`result()` rethrows it) instead of being reported
 * as unhandled while other work runs.
 */
function settled<T>(promise: Promise<T>): { result(): Promise<T> } {
  const outcome = promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  return {
    async result() {
      const o = await outcome;
      if (!o.ok) throw o.error;
      return o.value;
    },
  };
}

/** What a `--into` build starts from: the earlier build's papers and communities (analyses stay in its state file). */
async function readPriorBuild(dir: string, stateStage: typeof import('./build-state.js')) {
  const papers = await stateStage.readBuildStatePapers(dir);
  const file = join(dir, 'communities.json');
  let communities: CommunitiesFile;
  try {
    communities = JSON.parse(await readUserFile(file, ` (is ${dir} a build folder?)`)) as CommunitiesFile;
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`${file}: not valid JSON (${(error as Error).message})`, 'E_INPUT');
  }
  if (!communities || !Array.isArray(communities.communities)) {
    throw new UserError(`${file}: not a communities file (expecting a "communities" array)`, 'E_INPUT');
  }
  return { papers, communities };
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

/** The files every build writes, in this order. */
export const GRAPH_FILES = ['graph.json', 'papers.jsonl', 'concepts.jsonl', 'communities.json'] as const;

async function createOutputFolder(out: string): Promise<void> {
  try {
    await mkdir(out, { recursive: true });
  } catch (error) {
    throw new UserError(`cannot create output folder ${out}: ${(error as Error).message}`, 'E_USAGE');
  }
}

async function writeGraphFiles(built: BuiltGraph, graphStage: typeof import('./graph/index.js')): Promise<string[]> {
  await createOutputFolder(built.out);
  // Streamed: a large graph's text is longer than one string can be.
  const contents: Record<(typeof GRAPH_FILES)[number], () => Iterable<string>> = {
    'graph.json': () => graphStage.graphJsonChunks(built.graph),
    'papers.jsonl': () => graphStage.papersJsonlLines(built.papers, built.graph),
    'concepts.jsonl': () => [graphStage.formatConceptsJsonl(built.graph)],
    'communities.json': () => [graphStage.formatCommunitiesJson(built.communities)],
  };
  for (const name of GRAPH_FILES) await graphStage.writeChunks(join(built.out, name), contents[name]());
  return [...GRAPH_FILES];
}

async function readUserFile(path: string, hint = ''): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(
      code === 'ENOENT' ? `${path}: no such file${hint}` : `${path}: cannot read (${(error as Error).message})`,
      'E_NOT_FOUND',
    );
  }
}

/** Seconds with a sensible precision: 0.012s, 1.23s, 45.6s. */
export function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return s < 0.1 ? `${s.toFixed(3)}s` : s < 10 ? `${s.toFixed(2)}s` : `${s.toFixed(1)}s`;
}

/** The human summary `papergraph build` prints. */
export function formatBuildSummary(summary: BuildSummary): string {
  const skipped = Object.values(summary.skipped).reduce((a, b) => a + b, 0);
  const lines = [
    `papers       ${summary.papers} (${summary.records} records in ${summary.files} files, ${summary.duplicatesMerged} duplicates merged${skipped ? `, ${skipped} skipped` : ''})`,
    `concepts     ${summary.concepts} (${summary.mentions} mentions; in ≥ ${summary.minDf} papers)`,
    `edges        ${summary.edges} co-occurrence edges (${summary.weighting}${summary.topEdges ? `, strongest ${summary.topEdges} per concept` : ''})`,
    `communities  ${summary.communities} (${summary.algorithm}, resolution ${summary.resolution}, seed ${summary.seed})`,
    `modularity   ${summary.modularity.toFixed(4)}`,
  ];
  for (const c of summary.topCommunities) {
    lines.push(`  ${String(c.id).padStart(3)}  ${c.label}  (${c.concepts} concepts, ${c.papers} papers)`);
  }
  if (summary.communities > summary.topCommunities.length) {
    lines.push(`  … ${summary.communities - summary.topCommunities.length} more in communities.json`);
  }
  if (summary.incremental) {
    const inc = summary.incremental;
    lines.push(
      `added        ${inc.newPapers} new papers to ${inc.previousPapers} (${inc.alreadyInBuild} already in the build), ${inc.newConcepts} new concepts`,
    );
    for (const change of inc.changes) lines.push(`  ${change}`);
  }
  lines.push(`time         ${summary.timings.map((t) => `${t.stage} ${formatSeconds(t.ms)}`).join(' · ')}`);
  lines.push(`wrote        ${summary.written.map((f) => join(summary.out, f)).join(', ')}`);
  return `${lines.join('\n')}\n`;
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
  const graphStage = await import('./graph/index.js');
  if (!graphStage.EXPORT_FORMATS.includes(format)) {
    throw new UserError(`export: unknown format "${String(format)}". Expecting ${graphStage.EXPORT_FORMATS.join(', ')}.`);
  }
  const graphFile = join(dir, 'graph.json');
  const graph = graphStage.parseGraphJson(await readUserFile(graphFile, ' (run `papergraph build --out DIR` first)'), graphFile);
  try {
    await mkdir(out, { recursive: true });
  } catch (error) {
    throw new UserError(`export: cannot create ${out}: ${(error as Error).message}`);
  }
  const written: string[] = [];
  for (const file of graphStage.exportGraph(graph, format)) {
    const path = join(out, file.name);
    await writeFile(path, file.content);
    written.push(path);
  }
  return written;
}
