import { Command, Option } from 'commander';

/** `papergraph export DIR --format F`: the built graph for Gephi, Cytoscape or a spreadsheet. */
export function command(): Command {
  return new Command('export')
    .description(
      'Export a built graph (DIR/graph.json) for other tools: GEXF for Gephi, GraphML for Cytoscape or yEd, ' +
        'or CSV node and edge tables (nodes.csv + edges.csv, Gephi spreadsheet import). List attributes are ' +
        'joined with " | " and evidence keeps its sentences.',
    )
    .argument('<dir>', 'build folder written by `papergraph build --out DIR`')
    .addOption(
      new Option('-f, --format <format>', 'gexf, graphml, or csv').choices(['gexf', 'graphml', 'csv']).makeOptionMandatory(),
    )
    .option('-o, --out <dir>', 'folder to write into (default: DIR)')
    .addHelpText(
      'after',
      '\nWrites graph.gexf, graph.graphml, or nodes.csv and edges.csv.\n' +
        '\nExamples:\n  papergraph export out --format gexf\n  papergraph export out --format csv --out tables\n',
    )
    .action(async (dir: string, options: { format: 'gexf' | 'graphml' | 'csv'; out?: string }) => {
      const { exportBuild } = await import('../../pipeline.js');
      const written = await exportBuild(dir, options.format, options.out);
      for (const file of written) process.stderr.write(`export: wrote ${file}\n`);
    });
}
