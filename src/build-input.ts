/**
 * The ingest step of a build
 * ==========================
 *
 * What `runBuild` does before extraction: reads the inputs (the bundled corpus when none),
 * leaves out papers in other languages, and, with `into`, matches the input to the earlier
 * build's papers; and the user errors of that step (bad `languages`, no papers at all).
 * Split off src/pipeline.ts, which chains the stages; this file only drives the ingest stage.
 */
import { UserError } from './errors.js';
import type { CommunitiesFile, PaperRecord, ProgressReporter } from './model.js';
import { BUNDLED_DATA_DIR } from './paths.js';
import type { ingest as ingestInputs } from './ingest/index.js';
import type { BuildOptions, BuildSummary, Stages } from './pipeline.js';

/** Checks `languages`: `all`, or ISO 639-1 codes the language detector knows. */
export async function checkLanguages(languages: BuildOptions['languages'], ingestStage: Stages['ingest']): Promise<void> {
  if (languages === 'all') return;
  const known = await ingestStage.knownLanguages();
  const expecting = `Expecting "all" or ISO 639-1 codes separated by commas (${[...known].join(', ')})`;
  if (!Array.isArray(languages) || languages.length === 0) throw new UserError(`build: no languages given. ${expecting}.`, 'E_USAGE');
  const unknown = languages.find((code) => !known.has(code));
  if (unknown !== undefined) throw new UserError(`build: unknown language "${unknown}". ${expecting}.`, 'E_USAGE');
}

/** Problem lines a "no papers" error shows before "… and N more". */
const NO_PAPERS_PROBLEMS_SHOWN = 5;

/**
 * The error of a run whose inputs hold no paper: one line, then the first problems as
 * `file:line: reason`, so the user sees why without a second run.
 */
export function noPapersError(
  command: string,
  ingested: Awaited<ReturnType<typeof ingestInputs>>,
  languages?: IngestedInput['languages'],
): UserError {
  const { files, records } = ingested.stats;
  const lines = ingested.problems
    .slice(0, NO_PAPERS_PROBLEMS_SHOWN)
    .map((p) => `  ${p.file}${p.line === undefined ? '' : `:${p.line}`}: ${p.reason}`);
  if (ingested.problems.length > NO_PAPERS_PROBLEMS_SHOWN) lines.push(`  … and ${ingested.problems.length - NO_PAPERS_PROBLEMS_SHOWN} more`);
  const head = `${command}: no papers in the inputs (${files} ${files === 1 ? 'file' : 'files'}, ${records} records read); nothing written`;
  if (languages?.leftOut.length) {
    const counts = languages.leftOutByLanguage.map(([code, n]) => `${code} ${n}`).join(', ');
    const n = languages.leftOut.length;
    lines.unshift(`  ${n} ${n === 1 ? 'paper is' : 'papers are'} in other languages than ${languages.kept.join(', ')} (${counts}): --languages all keeps them`);
  }
  return new UserError([head, ...lines].join('\n'), 'E_INPUT');
}

/** What the ingest stage hands on: the input, the earlier build with `into`, and the papers new to it. */
export interface IngestedInput {
  ingested: Awaited<ReturnType<typeof ingestInputs>>;
  prior?: { papers: PaperRecord[]; communities: CommunitiesFile };
  /**
   * The papers to analyze, in id order: with `into`, those the earlier build does not hold and
   * the earlier papers the input adds to (merged).
   */
  fresh: PaperRecord[];
  /** With `into`: ids of the earlier papers that merged ones in `fresh` replace. */
  replaced: ReadonlySet<string>;
  /** Input papers new to the build. */
  newPapers: number;
  /** Input papers the earlier build holds already. */
  alreadyInBuild: number;
  /** Earlier papers the input added to (new ids, sources or a longer abstract). */
  updatedPapers: number;
  /** Without `languages: 'all'`: the input papers left out for their language. */
  languages?: NonNullable<BuildSummary['languages']>;
}

/**
 * Reads the inputs (the bundled corpus when none), leaves out papers in other languages, and,
 * with `into`, reads the earlier build.
 */
export async function ingestInto(o: BuildOptions, stages: Stages, onProgress?: ProgressReporter): Promise<IngestedInput> {
  const prior = o.into === undefined ? undefined : await stages.buildDir.loadPriorBuild(o.into);
  const inputs = o.inputs.length > 0 ? o.inputs : [BUNDLED_DATA_DIR];
  const ingested = await stages.ingest.ingest(inputs, { format: o.format, onProgress });
  let papers = ingested.papers;
  let languages: IngestedInput['languages'];
  if (o.languages !== 'all') {
    const split = await stages.ingest.filterByLanguage(papers, o.languages);
    papers = split.kept;
    languages = { kept: o.languages, leftOutByLanguage: split.leftOutByLanguage, leftOut: split.leftOut };
  }
  if (!prior) return { ingested, prior, fresh: papers, replaced: new Set(), newPapers: papers.length, alreadyInBuild: 0, updatedPapers: 0, languages };
  // Papers the earlier build holds under another kind of id are found too; those the input
  // adds to (new ids, sources, a longer abstract) are analyzed again in place of the earlier record.
  const merged = stages.ingest.mergeWithBuild(prior.papers, papers);
  const fresh = [...merged.updated, ...merged.added].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    ingested,
    prior,
    fresh,
    replaced: merged.replaced,
    newPapers: merged.added.length,
    alreadyInBuild: merged.alreadyInBuild,
    updatedPapers: merged.updated.length,
    languages,
  };
}
