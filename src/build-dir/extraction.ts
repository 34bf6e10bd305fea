/**
 * The extraction's hand-over through the build state
 * ==================================================
 *
 * Pass 1 analyzes each new paper; its analyses go to the build state as they come and pass 2
 * (the corpus pass) reads them back from it: on a large corpus they are the biggest thing a
 * build has, so they are never all held. The state is also what a later `--into` build starts
 * from: with `into`, the earlier build's analyses are read from its state and merged with the
 * new ones by paper id. The stage itself is handed in (`analyze`, `corpus`), so this module
 * runs no stage of its own.
 */
import type { PaperAnalysis } from '../extract/index.js';
import type { ExtractionResult, PaperRecord } from '../model.js';
import { createOutputFolder } from './save.js';
import { BUILD_STATE_SCRATCH, compressBuildState, openBuildState, streamBuildState, type StateLine } from './state.js';

/** The extract stage's two passes, as {@link extractThroughState} drives them. */
export interface ExtractionPasses {
  /** Pass 1 of `papers`, each analysis handed to `onAnalysis` in paper order. */
  analyze(papers: readonly PaperRecord[], onAnalysis: (analysis: PaperAnalysis, index: number) => void): Promise<void>;
  /** Pass 2, gathering the analyses first (`define`) and then reading them back (`resolve`). */
  corpus: {
    define(analysis: PaperAnalysis): void;
    resolve(read: () => AsyncIterable<StateLine>): Promise<ExtractionResult>;
  };
}

/** What {@link extractThroughState} returns. */
export interface StateExtraction {
  /** Every paper of the build, in id order (with `into`, the earlier ones and `fresh` merged). */
  papers: PaperRecord[];
  extraction: ExtractionResult;
  /**
   * Resolves once the state is compressed into place (started when the passes end, it runs
   * while the later stages do); rethrows a failure. Returns the path written.
   */
  stateSaved(): Promise<string>;
}

/**
 * Extracts the concepts of `fresh` (plus, with `into`, the earlier build's papers from its
 * state) through the build state of `out`: pass 1, the state written plain, pass 2 reading it
 * back, then the state compressed to `state/papers.jsonl.gz` in the background. The earlier
 * papers whose ids are in `replaced` are left out of the earlier state: `fresh` holds them
 * again, merged with what the new input said of them.
 */
export async function extractThroughState(
  out: string,
  fresh: readonly PaperRecord[],
  into: string | undefined,
  paperCount: number,
  passes: ExtractionPasses,
  replaced: ReadonlySet<string> = new Set(),
): Promise<StateExtraction> {
  await createOutputFolder(out);
  // Written plain first: the corpus pass reads it back once per phase.
  const writer = await openBuildState(out, paperCount, BUILD_STATE_SCRATCH);
  let papers: PaperRecord[] = [...fresh];
  try {
    if (into === undefined) {
      let written = Promise.resolve();
      await passes.analyze(fresh, (analysis, i) => {
        passes.corpus.define(analysis);
        written = written.then(() => writer.add(fresh[i]!, analysis));
      });
      await written;
    } else {
      // The earlier papers and the new ones, merged by id (ingest's order, as a build from scratch sees it).
      const freshAnalyses: PaperAnalysis[] = new Array(fresh.length);
      await passes.analyze(fresh, (analysis, i) => (freshAnalyses[i] = analysis));
      papers = [];
      let f = 0;
      const add = async (paper: PaperRecord, analysis: PaperAnalysis) => {
        papers.push(paper);
        passes.corpus.define(analysis);
        await writer.add(paper, analysis);
      };
      for await (const line of streamBuildState(into)) {
        if (replaced.has(line.paper.id)) continue;
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
  const extraction = await passes.corpus.resolve(() => withPapers(streamBuildState(out, undefined, BUILD_STATE_SCRATCH), papers));
  // Compressed into place while the next stages run (zlib works off the main thread).
  const compressed = settled(compressBuildState(out));
  return { papers, extraction, stateSaved: compressed.result };
}

/**
 * The stored analyses with the papers held in memory (same order, checked): evidence sentences
 * are then slices of the texts the graph holds anyway, not of a second copy read from the file.
 */
async function* withPapers(lines: AsyncIterable<StateLine>, papers: readonly PaperRecord[]): AsyncGenerator<StateLine> {
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
