import { Command, InvalidArgumentError, Option } from 'commander';
import { EXIT } from '../../errors.js';
import type { ExitStatus } from '../exit-status.js';
import { addLimitOptions, formatWarnings, type LimitOptions } from '../limit-options.js';
import { printable } from '../printable.js';
import { addTrendOptions, trendOptionsOf, type TrendCommandOptions } from '../trend-options.js';

function parseNumber(min: number, integer: boolean, what: string, max = Infinity) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
      throw new InvalidArgumentError(`expected ${what}`);
    }
    return n;
  };
}

/** `--languages`: `all`, or comma-separated language codes (checked by the build). */
function parseLanguages(value: string): string[] | 'all' {
  const codes = value.split(',').map((code) => code.trim().toLowerCase()).filter(Boolean);
  return codes.length === 1 && codes[0] === 'all' ? 'all' : codes;
}

function parseAuto(parse: (value: string) => number) {
  return (value: string): number | 'auto' => (value.trim() === 'auto' ? 'auto' : parse(value));
}

/** The options `papergraph build` parses (see the option list below). */
interface BuildCommandOptions extends LimitOptions, TrendCommandOptions {
  out?: string;
  into?: string;
  communities: 'in-process' | 'neo4j-gds';
  format: 'auto' | 'listing' | 'arxiv' | 'bibtex' | 'ris' | 'csv' | 'jsonl';
  algorithm: 'louvain' | 'leiden';
  resolution?: number;
  fieldResolution: number | 'auto';
  keepGeneric?: boolean;
  genericSciences: number;
  seed: number;
  minDf: number | 'auto';
  weight: 'association' | 'count' | 'jaccard';
  minEdgeWeight: number;
  topEdges: number | 'auto';
  thesaurus?: string;
  languages: string[] | 'all';
  neo4j?: boolean;
  replace: boolean;
  corpus: string;
}

/** Problems printed before "… and N more". */
const MAX_PROBLEMS_SHOWN = 20;

/** Exit codes and examples, after the options in `build --help`. */
const HELP_AFTER =
  '\nExit codes: 0 ok, 1 usage or input error (also: the inputs hold no paper; nothing is written), 2 built but\n' +
  'some records were skipped (listed on stderr).\n' +
  '\nExamples:\n' +
  '  papergraph build --out out                       # the bundled corpus\n' +
  '  papergraph build papers.bib arxiv.xml --out out --algorithm leiden --resolution 1.2\n' +
  '  papergraph build corpus.jsonl --out big --min-df 5 --top-edges 20 --seed 7\n' +
  '  papergraph build acl.jsonl.gz --languages en,fr     # keep French abstracts too (default: en)\n' +
  '  papergraph build acl.jsonl.gz --out acl       # large corpus: --min-df and --top-edges auto-scale\n' +
  '  papergraph build --neo4j --replace                # also (re)write the graph to Neo4j\n' +
  '  papergraph build new-papers.bib --into out        # add papers to the build in out/\n' +
  '  papergraph build --neo4j --communities neo4j-gds  # communities by GDS Louvain in Neo4j\n';

/** The options saying which concepts are generic (see graph/generic.ts). */
function addGenericOptions(build: Command): Command {
  return build
    .option(
      '--keep-generic',
      'keep generic concepts: single words most sciences use, and concepts whose papers spread over the fields like all papers do (listed in dropped-concepts.tsv otherwise)',
    )
    .option(
      '--generic-sciences <n>',
      'a single word that articles of at least n of the 10 sciences of the shipped background use is generic (0 = judge single words by their spread over the fields only)',
      parseNumber(0, true, 'an integer from 0 to 10', 10),
      6,
    );
}

/** `papergraph build`: the whole pipeline, from abstracts to graph files. */
export function command(status: ExitStatus): Command {
  const build = new Command('build')
    .description(
      'Build the knowledge graph of research abstracts: parse and deduplicate the inputs, extract key ' +
        'concepts, weight their co-occurrence, find research clusters (Louvain or Leiden), compute concept ' +
        'metrics and a layout, and write graph.json, papers.jsonl, concepts.jsonl and communities.json into ' +
        'the output folder. With no inputs it builds the bundled corpus.',
    )
    .argument('[inputs...]', 'files, folders or globs (listing dumps, arXiv Atom, BibTeX, RIS, CSV, JSONL)')
    .option('-o, --out <dir>', 'output folder, created if missing (default: out, or the --into folder)')
    .option(
      '--into <dir>',
      'add the inputs to the earlier build in DIR: its papers are kept, only new papers are analyzed, communities are warm-started so their ids stay stable, and the summary says what changed; writes into DIR unless --out is given',
    )
    .addOption(
      new Option('--format <format>', 'input format of every file (default: detect per file)').choices([
        'auto', 'listing', 'arxiv', 'bibtex', 'ris', 'csv', 'jsonl',
      ]).default('auto'),
    )
    .addOption(
      new Option('--algorithm <name>', 'community detection: louvain, or leiden (connected communities)')
        .choices(['louvain', 'leiden'])
        .default('louvain'),
    )
    .option(
      '--resolution <r>',
      'topic resolution: higher gives more, smaller topics (default: 2; 1 with --communities neo4j-gds)',
      parseNumber(Number.MIN_VALUE, false, 'a number > 0'),
    )
    .option(
      '--field-resolution <r>',
      'field resolution (fields are communities of topics); auto starts at 1 and rises until no field holds over a quarter of the papers',
      parseAuto(parseNumber(Number.MIN_VALUE, false, 'a number > 0 or auto')),
      'auto',
    )
    .option('--seed <n>', 'random seed (same input and seed give identical files)', parseNumber(-(2 ** 31), true, 'an integer'), 42)
    .option(
      '--min-df <n>',
      'minimum papers mentioning a concept for it to enter the graph; auto is √papers/20, at least 2 (2 below 3600 papers, 5 at 10k, 15 at 100k)',
      parseAuto(parseNumber(1, true, 'an integer ≥ 1 or auto')),
      'auto',
    )
    .addOption(
      new Option('--weight <formula>', 'co-occurrence edge weight: association (strength, as VOSviewer), count, or jaccard')
        .choices(['association', 'count', 'jaccard'])
        .default('association'),
    )
    .option('--min-edge-weight <w>', 'drop co-occurrence edges lighter than W (after weighting)', parseNumber(0, false, 'a number ≥ 0'), 0)
    .option(
      '--top-edges <n>',
      "keep each concept's N strongest co-occurrence edges (0 = all); auto keeps all below 2000 concepts and the strongest 20 above",
      parseAuto(parseNumber(0, true, 'an integer ≥ 0 or auto')),
      'auto',
    )
    .addOption(
      new Option(
        '--languages <codes>',
        'analyze papers in these languages only (ISO 639-1 codes, comma-separated, e.g. en,fr), or all; the others are counted and listed in the summary',
      )
        .argParser(parseLanguages)
        .default(['en'], 'en'),
    )
    .option('--thesaurus <file>', 'VOSviewer thesaurus (label<TAB>replace by; empty replacement drops the term)')
    .addOption(
      new Option('--communities <source>', 'where communities are found: in-process (--algorithm here), or neo4j-gds (GDS Louvain inside Neo4j; needs --neo4j and the GDS plugin)')
        .choices(['in-process', 'neo4j-gds'])
        .default('in-process'),
    )
    .option('--neo4j', 'also write the graph to Neo4j (default when NEO4J_URI is set; connection from NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE)')
    .option('--no-neo4j', 'do not write to Neo4j even if NEO4J_URI is set')
    .option('--replace', 'write to Neo4j, first removing what earlier builds of the same --corpus wrote (papers, concepts, links; communities are always replaced)', false)
    .option('--corpus <name>', 'with --neo4j: corpus name recorded on what is written, the scope of --replace', 'default');
  return addTrendOptions(addLimitOptions(addGenericOptions(build)))
    .addHelpText('after', HELP_AFTER)
    .action(async function (
      inputs: string[],
      options: BuildCommandOptions,
    ) {
      const [{ runBuild }, { formatBuildSummary }, { createStageProgress }, { fullGarbageCollection }] = await Promise.all([
        import('../../pipeline.js'), import('../build-summary.js'),
        import('../progress.js'), import('../../memory.js'),
      ]);
      const summary = await runBuild({
        inputs,
        out: options.out,
        into: options.into,
        communities: options.communities,
        format: options.format,
        algorithm: options.algorithm,
        resolution: options.resolution,
        fieldResolution: options.fieldResolution,
        dropGeneric: !options.keepGeneric,
        genericSciences: options.genericSciences,
        seed: options.seed,
        minDf: options.minDf,
        weighting: options.weight,
        minEdgeWeight: options.minEdgeWeight,
        topEdges: options.topEdges,
        thesaurus: options.thesaurus,
        languages: options.languages,
        neo4j: options.neo4j ?? (options.replace || Boolean(process.env.NEO4J_URI)),
        replace: options.replace,
        corpus: options.corpus,
        maxAbstractChars: options.maxAbstractChars,
        maxRecordChars: options.maxRecordChars,
        trends: trendOptionsOf(options),
        progress: (stage) => createStageProgress(stage),
        betweenStages: fullGarbageCollection(),
      });
      for (const p of summary.problems.slice(0, MAX_PROBLEMS_SHOWN)) {
        process.stderr.write(printable(`papergraph: skipped ${p.file}${p.line ? `:${p.line}` : ''}: ${p.reason}\n`));
      }
      if (summary.problems.length > MAX_PROBLEMS_SHOWN) {
        process.stderr.write(`papergraph: … and ${summary.problems.length - MAX_PROBLEMS_SHOWN} more skipped\n`);
      }
      process.stderr.write(formatWarnings(summary.warnings ?? [], MAX_PROBLEMS_SHOWN));
      process.stdout.write(formatBuildSummary(summary));
      if (summary.problems.length > 0) status.code = EXIT.partial;
    });
}
