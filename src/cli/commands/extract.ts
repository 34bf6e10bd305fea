import { Command, InvalidArgumentError } from 'commander';
import { EXIT, UserError } from '../../errors.js';
import type { PaperText } from '../../model.js';
import type { ExitStatus } from '../exit-status.js';

function parseCount(name: string) {
  return (value: string): number => {
    if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`expected an integer ≥ 0 for ${name}`);
    return Number(value);
  };
}

interface JsonlPaper extends PaperText {
  [field: string]: unknown;
}

/** Parses a JSONL file of `{"id","title","abstract"}` lines; bad lines become problems. */
export function parsePaperLines(text: string, file: string): { papers: JsonlPaper[]; problems: string[] } {
  const papers: JsonlPaper[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    const where = `${file}:${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      problems.push(`${where}: not valid JSON`);
      return;
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      problems.push(`${where}: expected a JSON object`);
      return;
    }
    const rec = value as Record<string, unknown>;
    const id = typeof rec.id === 'number' ? String(rec.id) : rec.id;
    if (typeof id !== 'string' || !id) {
      problems.push(`${where}: missing "id"`);
      return;
    }
    if (seen.has(id)) {
      problems.push(`${where}: duplicate id "${id}"`);
      return;
    }
    if (rec.title !== undefined && typeof rec.title !== 'string') {
      problems.push(`${where}: "title" must be a string`);
      return;
    }
    if (typeof rec.abstract !== 'string' || !rec.abstract.trim()) {
      problems.push(`${where}: missing "abstract"`);
      return;
    }
    seen.add(id);
    papers.push({ ...rec, id, title: (rec.title as string | undefined) ?? '', abstract: rec.abstract });
  });
  return { papers, problems };
}

/** `papergraph extract`: ranked concepts and acronym definitions of each paper, as JSONL. */
export function command(status: ExitStatus): Command {
  return new Command('extract')
    .description(
      'Extract key concepts of each paper: noun phrases and acronyms, merged across spelling ' +
        'variants and acronym definitions, ranked by score. Prints one JSON line per paper: ' +
        '{"id","title","concepts":[{"key","label","score"}...],"acronyms":[[short,long]...]}. ' +
        'Corpus statistics (document frequency, termhood) come from the input itself.',
    )
    .argument('[inputs...]', 'files, folders or globs to ingest first (default: the bundled corpus)')
    .option('-i, --input <file>', 'read papers from a JSONL file of {"id","title","abstract"} lines (extra fields are kept)')
    .option('-k, --top <K>', 'concepts printed per paper, best first (0 = all)', parseCount('--top'), 10)
    .option('-t, --thesaurus <file>', 'VOSviewer thesaurus: "label<TAB>replace by" lines; empty replacement drops the term')
    .option('-w, --workers <N>', 'worker threads (0 = none; default: all cores above 500 papers)', parseCount('--workers'))
    .addHelpText(
      'after',
      '\nExamples:\n  papergraph extract --input papers.jsonl --top 5\n  papergraph extract data/ --thesaurus thesaurus.txt\n' +
        '\nInvalid JSONL lines are reported as FILE:LINE: reason and skipped (exit code 2).\n',
    )
    .action(async function (
      inputs: string[],
      options: { input?: string; top: number; thesaurus?: string; workers?: number },
    ) {
      const { readFile } = await import('node:fs/promises');
      const read = async (file: string): Promise<string> => {
        try {
          return await readFile(file, 'utf8');
        } catch (error) {
          throw new UserError(`${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, 'E_NOT_FOUND');
        }
      };
      if (options.input && inputs.length) throw new UserError('extract: give either --input FILE or inputs, not both', 'E_USAGE');
      let papers: JsonlPaper[];
      let problems: string[] = [];
      if (options.input) {
        ({ papers, problems } = parsePaperLines(await read(options.input), options.input));
      } else {
        const { ingest } = await import('../../ingest/index.js');
        const { BUNDLED_DATA_DIR } = await import('../../paths.js');
        const result = await ingest(inputs.length ? inputs : [BUNDLED_DATA_DIR]);
        papers = result.papers.map((p) => ({ ...p }));
        problems = result.problems.map((p) => `${p.file}${p.line ? `:${p.line}` : ''}: ${p.reason}`);
      }
      const extract = await import('../../extract/index.js');
      const thesaurus = options.thesaurus
        ? extract.parseThesaurus(await read(options.thesaurus), options.thesaurus)
        : undefined;
      const { createProgressBar } = await import('../progress.js');
      const bar = createProgressBar('extract');
      const result = await extract.extractConceptsParallel(papers, {
        top: options.top,
        keepShared: false,
        thesaurus,
        workers: options.workers ?? 'auto',
        onProgress: bar.report,
      });
      bar.stop();
      const out: string[] = [];
      result.papers.forEach((pc, i) => {
        const { id, title, abstract: _abstract, sources: _sources, ...extra } = papers[i]!;
        out.push(
          JSON.stringify({
            id,
            title,
            ...extra,
            concepts: pc.concepts.map((c) => ({ key: c.key, label: c.label, score: c.score })),
            acronyms: pc.acronyms,
          }),
        );
      });
      // A closed pipe (`| head`) is not an error.
      process.stdout.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EPIPE') throw error;
      });
      if (out.length) process.stdout.write(out.join('\n') + '\n');
      for (const p of problems) process.stderr.write(`${p}\n`);
      if (problems.length) {
        process.stderr.write(`papergraph extract: ${problems.length} record(s) skipped\n`);
        status.code = EXIT.partial;
      }
    });
}
