import { Command, InvalidArgumentError, Option } from 'commander';
import { UserError } from '../../errors.js';

type Format = 'md' | 'json' | 'csv' | 'html';

function parseTop(value: string): number {
  if (!/^[1-9]\d*$/.test(value)) throw new InvalidArgumentError('expected a positive whole number');
  return Number(value);
}

function parseCommunity(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a community id (0, 1, 2, …)');
  return Number(value);
}

/** `papergraph report DIR`: community reports from a build directory. */
export function command(): Command {
  return new Command('report')
    .description(
      'Community report of a build directory (graph.json + communities.json): corpus summary, then per ' +
        'community its size, cohesion, top concepts, representative papers, distinctive terms ' +
        '(log-likelihood), acronyms, bridge concepts, links to other communities and papers per year.',
    )
    .argument('<dir>', 'build directory written by `papergraph build --out DIR`')
    .addOption(
      new Option('-f, --format <format>', 'md (Markdown), json, csv (one row per community × top concept) or html')
        .choices(['md', 'json', 'csv', 'html'])
        .default('md'),
    )
    .option('-c, --community <id>', 'report only this community (the corpus summary stays whole)', parseCommunity)
    .option('-t, --top <n>', 'top concepts, papers and distinctive terms listed per community (default: 10, 5, 10)', parseTop)
    .option('-o, --out <file>', 'write to FILE instead of stdout (html default: DIR/report.html)')
    .option(
      '--viewer-url <url>',
      'html only: the viewer page concepts link to, as URL#concept=<key>, relative to the report ' +
        '(the default fits `papergraph serve DIR`, which serves DIR/report.html as /data/report.html)',
      '../index.html',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  papergraph report out > report.md\n  papergraph report out --format html\n' +
        '  papergraph report out --format json --community 2 --out community-2.json\n',
    )
    .action(
      async (
        dir: string,
        options: { format: Format; community?: number; top?: number; out?: string; viewerUrl: string },
      ) => {
        const { basename, dirname, join, resolve } = await import('node:path');
        const { writeFile } = await import('node:fs/promises');
        const [report, trends, { loadBuild, saveBuildFile }] = await Promise.all([
          import('../../report/index.js'),
          import('../../trends/index.js'),
          import('../../build-dir/index.js'),
        ]);
        const { graph, communities } = await loadBuild(dir);
        const conceptTimes = trends.savedConceptTimes(graph, communities);
        const top = options.top === undefined ? {} : { topConcepts: options.top, topPapers: options.top, topDistinctive: options.top };
        // Input paths as the user types them here, not as stored (absolute).
        const model = report.buildReportModel(graph, communities, { community: options.community, inputBase: process.cwd(), conceptTimes, ...top });
        const text =
          options.format === 'json'
            ? report.renderJson(model)
            : options.format === 'csv'
              ? report.renderCsv(model)
              : options.format === 'html'
                ? report.renderHtml(model, { viewerUrl: options.viewerUrl })
                : report.renderMarkdown(model);
        const out = options.out ?? (options.format === 'html' ? join(dir, 'report.html') : undefined);
        if (out === undefined) {
          process.stdout.write(text);
          return;
        }
        try {
          // A file of the build folder is replaced through it, so its manifest still lists it.
          if (resolve(dirname(out)) === resolve(dir)) await saveBuildFile(dir, basename(out), text);
          else await writeFile(out, text, 'utf8');
        } catch (error) {
          if (error instanceof UserError) throw error;
          throw new UserError(`report: cannot write ${out}: ${(error as Error).message}`, 'E_INPUT', { cause: error });
        }
        process.stderr.write(`report: wrote ${out}\n`);
      },
    );
}
