import { open } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { EXIT, UserError } from '../../errors.js';
import { BUNDLED_DATA_DIR } from '../../paths.js';
import type { PaperRecord } from '../../model.js';
import { createProgressBar } from '../progress.js';
import type { ExitStatus } from '../exit-status.js';

const FORMATS = ['auto', 'listing', 'arxiv', 'bibtex', 'ris', 'csv', 'jsonl'] as const;

/** Writes papers as JSON lines to `out`, or to stdout when `out` is undefined. */
async function writePapers(papers: PaperRecord[], out: string | undefined): Promise<void> {
  const BATCH = 1000;
  if (out === undefined) {
    // A reader that stops early (`| head`) closes the pipe: stop writing, quietly.
    let closed = false;
    const onError = (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      closed = true;
      process.stdout.emit('drain');
    };
    process.stdout.on('error', onError);
    try {
      for (let k = 0; k < papers.length && !closed; k += BATCH) {
        const text = papers.slice(k, k + BATCH).map((p) => `${JSON.stringify(p)}\n`).join('');
        if (!process.stdout.write(text)) await new Promise((resolve) => process.stdout.once('drain', resolve));
      }
    } finally {
      // A program that runs the CLI more than once (tests, the fuzzing bench) must not pile up listeners.
      process.stdout.off('error', onError);
    }
    return;
  }
  let handle;
  try {
    handle = await open(out, 'w');
  } catch (error) {
    throw new UserError(`ingest: cannot write ${out} (${(error as NodeJS.ErrnoException).code ?? 'error'})`, 'E_INPUT');
  }
  try {
    for (let k = 0; k < papers.length; k += BATCH) {
      await handle.write(papers.slice(k, k + BATCH).map((p) => `${JSON.stringify(p)}\n`).join(''));
    }
  } finally {
    await handle.close();
  }
}

/** `papergraph ingest`: parse and deduplicate inputs into paper records (JSONL). */
export function command(status: ExitStatus): Command {
  return new Command('ingest')
    .description(
      'Parse abstracts (listing dumps, arXiv Atom, BibTeX, RIS, CSV/TSV, JSON/JSONL incl. OpenAlex) and ' +
        'deduplicate them into paper records, one JSON object per line. The same paper seen in several ' +
        'inputs (same DOI, arXiv id or normalized title) becomes one record keeping every source.',
    )
    .argument('[inputs...]', 'files, folders (read recursively) or globs; default: the bundled corpus (data/)')
    .addOption(
      new Option('-f, --format <format>', 'input format of every file; auto detects each file by extension and content')
        .choices([...FORMATS])
        .default('auto'),
    )
    .option('-o, --out <file>', 'write the papers here as JSONL (default: standard output)')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  papergraph ingest --out papers.jsonl                 # the bundled corpus\n' +
        '  papergraph ingest exports/ "dumps/*.bib" --out papers.jsonl\n' +
        '  papergraph ingest feed.xml --format arxiv | head -n 3\n' +
        '\nMalformed records are skipped and reported on stderr as FILE:LINE: reason; a summary ends the run\n' +
        '(files, records, papers, duplicates merged, skipped by reason). Exit code 2 when anything was skipped,\n' +
        '1 when no paper could be read (nothing is written then).\n',
    )
    .action(async function (inputs: string[], options: { format: (typeof FORMATS)[number]; out?: string }) {
      const { ingest } = await import('../../ingest/index.js');
      const bar = createProgressBar('ingest');
      let result;
      try {
        result = await ingest(inputs.length ? inputs : [BUNDLED_DATA_DIR], { format: options.format, onProgress: bar.report });
      } finally {
        bar.stop();
      }
      if (result.papers.length === 0) {
        const { noPapersError } = await import('../../build-input.js');
        throw noPapersError('ingest', result);
      }
      for (const p of result.problems) {
        process.stderr.write(`${p.file}${p.line === undefined ? '' : `:${p.line}`}: ${p.reason}\n`);
      }
      await writePapers(result.papers, options.out);
      const { files, records, papers, duplicatesMerged, skipped } = result.stats;
      const skippedTotal = Object.values(skipped).reduce((a, b) => a + b, 0);
      const reasons = Object.entries(skipped)
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .map(([kind, n]) => `${kind} ${n}`)
        .join(', ');
      process.stderr.write(
        `ingest: ${files} files, ${records} records, ${papers} papers, ${duplicatesMerged} duplicates merged, ` +
          `${skippedTotal} skipped${reasons ? ` (${reasons})` : ''}${options.out ? ` → ${options.out}` : ''}\n`,
      );
      if (skippedTotal > 0) status.code = EXIT.partial;
    });
}
