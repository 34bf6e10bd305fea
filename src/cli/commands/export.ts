import { Command, Option } from 'commander';

type Format = 'gexf' | 'graphml' | 'csv' | 'neo4j-import';

/** `papergraph export DIR --format F`: the built graph for Gephi, Cytoscape, a spreadsheet or neo4j-admin. */
export function command(): Command {
  return new Command('export')
    .description(
      'Export a built graph (DIR/graph.json) for other tools: GEXF for Gephi, GraphML for Cytoscape or yEd, ' +
        'CSV node and edge tables (nodes.csv + edges.csv, Gephi spreadsheet import; list attributes are ' +
        'joined with " | " and evidence keeps its sentences), or the CSV files of `neo4j-admin database ' +
        'import full` (neo4j-import: a new Neo4j database built offline, with the nodes, relationships and ' +
        'properties `build --neo4j` writes, plus import.sh with the exact command).',
    )
    .argument('<dir>', 'build folder written by `papergraph build --out DIR`')
    .addOption(
      new Option('-f, --format <format>', 'gexf, graphml, csv, or neo4j-import')
        .choices(['gexf', 'graphml', 'csv', 'neo4j-import'])
        .makeOptionMandatory(),
    )
    .option('-o, --out <dir>', 'folder to write into (default: DIR)')
    .option('--corpus <name>', 'neo4j-import: corpus name recorded on papers, concepts and communities', 'default')
    .option('--database <name>', 'neo4j-import: database that import.sh creates', 'neo4j')
    .addHelpText(
      'after',
      '\nWrites graph.gexf; graph.graphml; nodes.csv and edges.csv; or (neo4j-import) papers.csv,\n' +
        'concepts.csv, aliases.csv, communities.csv, mentions.csv, cooccurs.csv, alias-of.csv,\n' +
        'concept-in-community.csv, paper-in-community.csv, import.sh and README.md. neo4j-import reads\n' +
        'DIR/communities.json too when it is there; array properties are joined with U+001F. import.sh\n' +
        'runs neo4j-admin from NEO4J_HOME/bin or PATH, with the database stopped.\n' +
        '\nExamples:\n  papergraph export out --format gexf\n  papergraph export out --format csv --out tables\n' +
        '  papergraph export out --format neo4j-import --out out/neo4j-import && bash out/neo4j-import/import.sh\n',
    )
    .action(async (dir: string, options: { format: Format; out?: string; corpus: string; database: string }) => {
      const { exportBuild, exportNeo4jImport } = await import('../../pipeline.js');
      const written =
        options.format === 'neo4j-import'
          ? await exportNeo4jImport(dir, options.out ?? dir, { corpus: options.corpus, database: options.database })
          : await exportBuild(dir, options.format, options.out);
      for (const file of written) process.stderr.write(`export: wrote ${file}\n`);
    });
}
