import { Command, Option } from 'commander';
import { UserError } from '../../errors.js';

type Format = 'table' | 'json' | 'csv';

interface QueryOptions {
  param: string[];
  format: Format;
  write: boolean;
  list: boolean;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** `papergraph query (NAME | 'CYPHER')`: named or ad-hoc Cypher against Neo4j, read-only by default. */
export function command(): Command {
  return new Command('query')
    .description(
      'Run a named query (cypher/queries/NAME.cypher) or a Cypher statement against Neo4j. Read-only ' +
        '(a read transaction in READ access mode) unless --write is given. Connection from NEO4J_URI ' +
        '(default bolt://127.0.0.1:7687), NEO4J_USER (neo4j), NEO4J_PASSWORD, NEO4J_DATABASE (neo4j). ' +
        'Concept parameters accept a key, label or any alias ("NTK"), case-insensitive.',
    )
    .argument('[query]', 'a query name (see --list) or a Cypher statement in quotes')
    .option(
      '-p, --param <name=value>',
      'query parameter, repeatable; integers and decimals become numbers, everything else a string',
      collect,
      [],
    )
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json', 'csv']).default('table'))
    .option('--write', 'allow the statement to write (a write transaction)', false)
    .option('-l, --list', 'list the named queries with their descriptions and parameters', false)
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  papergraph query --list\n' +
        '  papergraph query concept-neighbours --param concept=NTK --param limit=10\n' +
        "  papergraph query papers-linking --param a=NTK --param b='Gaussian process' --format json\n" +
        "  papergraph query 'MATCH (c:Concept) RETURN c.label, c.df ORDER BY c.df DESC LIMIT 5' --format csv\n" +
        "  papergraph query 'MATCH (c:Concept {key: $k}) SET c.reviewed = true' --param k=ntk --write\n",
    )
    .action(async (query: string | undefined, options: QueryOptions) => {
      const store = await import('../../store/index.js');
      if (options.list) {
        process.stdout.write(formatList(await store.listNamedQueries()));
        return;
      }
      if (!query || !query.trim()) throw new UserError('query: give a query name or a Cypher statement (see --list)', 'E_USAGE');
      let params = store.parseParams(options.param);
      let cypher = query;
      if (store.isQueryName(query.trim())) {
        const named = await store.loadNamedQuery(query.trim());
        params = store.resolveQueryParams(named, params);
        cypher = named.cypher;
      }
      const ctx = await store.openStore();
      try {
        const result = await store.runQuery(ctx, cypher, params, { write: options.write });
        process.stdout.write(store.formatResult(result, options.format));
      } finally {
        await ctx.driver.close();
      }
    });
}

function formatList(queries: { name: string; description: string; parameters: string[] }[]): string {
  return queries
    .map((q) => {
      const params = q.parameters.length ? `  parameters: ${q.parameters.map((p) => `$${p}`).join(', ')}\n` : '';
      const description = q.description
        .split('\n')
        .map((l) => `  ${l}`.trimEnd())
        .join('\n');
      return `${q.name}\n${description}\n${params}`;
    })
    .join('\n');
}
