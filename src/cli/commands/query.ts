import { Command, InvalidArgumentError, Option } from 'commander';
import { UserError } from '../../errors.js';
import type { NamedQuery } from '../../store/index.js';

type Format = 'table' | 'json' | 'csv';

interface QueryOptions {
  param: string[];
  format: Format;
  width: number;
  write: boolean;
  list: boolean;
}

function parseWidth(value: string): number {
  if (!/^\d+$/.test(value) || (Number(value) > 0 && Number(value) < 2)) {
    throw new InvalidArgumentError('expected 0 (never cut) or a number of characters from 2 up');
  }
  return Number(value);
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** `papergraph query (NAME | 'CYPHER')`: named or ad-hoc Cypher against Neo4j, read-only by default. */
export function command(): Command {
  return new Command('query')
    .description(
      'Run a named query (cypher/queries/NAME.cypher) or a Cypher statement against Neo4j. Without ' +
        '--write only statements that read the graph run: the plan (EXPLAIN) may hold read operators ' +
        'only, so writes, LOAD CSV, SHOW/TERMINATE TRANSACTIONS, administration commands and procedures ' +
        'other than schema reads (db.labels(), SHOW INDEXES) are refused, naming the clause. Connection from NEO4J_URI ' +
        '(default bolt://127.0.0.1:7687), NEO4J_USER (neo4j), NEO4J_PASSWORD, NEO4J_DATABASE (neo4j). ' +
        'Concept parameters accept a key, label or any alias ("NTK"), case-insensitive.',
    )
    .argument('[query]', 'a query name (see --list) or a Cypher statement in quotes')
    .option(
      '-p, --param <name=value>',
      'query parameter, repeatable; a named query converts it to the type it declares (see --list), ' +
        'ad-hoc Cypher gets integers and decimals as numbers, everything else as a string',
      collect,
      [],
    )
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json', 'csv']).default('table'))
    .option('--width <n>', 'table format: cut cells longer than this many characters (0 = never)', parseWidth, 80)
    .option('--write', 'run any statement: writes, LOAD CSV, procedures (one auto-commit transaction)', false)
    .option('-l, --list', 'list the named queries with their descriptions and parameters', false)
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  papergraph query --list\n' +
        '  papergraph query concept-neighbours --param concept=NTK --param limit=10\n' +
        "  papergraph query papers-linking --param a=NTK --param b='Gaussian process' --format json\n" +
        "  papergraph query 'MATCH (c:Concept) RETURN c.label, c.df ORDER BY c.df DESC LIMIT 5' --format csv\n" +
        "  papergraph query 'MATCH (c:Concept {key: $k}) SET c.reviewed = true' --param 'k=neural tangent kernel' --write\n",
    )
    .action(async (query: string | undefined, options: QueryOptions) => {
      const store = await import('../../store/index.js');
      if (options.list) {
        process.stdout.write(formatList(await store.listNamedQueries()));
        return;
      }
      if (!query || !query.trim()) throw new UserError('query: give a query name or a Cypher statement (see --list)', 'E_USAGE');
      const named = store.isQueryName(query.trim()) ? await store.loadNamedQuery(query.trim()) : undefined;
      const params = named
        ? store.resolveQueryParams(named, store.splitParamPairs(options.param))
        : store.parseParams(options.param);
      const cypher = named?.cypher ?? query;
      // Wrong words fail before connecting; ids that name nothing are looked up once connected.
      const lookups = named ? (await import('../query-checks.js')).checkNamedQueryParams(named, params) : [];
      const ctx = await store.openStore();
      try {
        if (lookups.length) await store.checkQueryEntities(ctx, lookups, params);
        const result = await store.runQuery(ctx, cypher, params, { write: options.write });
        process.stdout.write(store.formatResult(result, options.format, { maxCellWidth: options.width }));
      } finally {
        await ctx.driver.close();
      }
    });
}

/** `--list`: each query's name, description and declared parameters. */
function formatList(queries: NamedQuery[]): string {
  return queries
    .map((q) => {
      const description = describeOnly(q.description)
        .split('\n')
        .map((l) => `  ${l}`.trimEnd())
        .join('\n');
      const params = q.declared
        .map((d) => `    --param ${d.name}=<${d.type}>${d.default === undefined ? ' (required)' : ` (default ${String(d.default)})`}  ${d.description}`)
        .join('\n');
      return `${q.name}\n${description}\n${params ? `  parameters:\n${params}\n` : ''}`;
    })
    .join('\n');
}

/** The description without the parameter declarations and the note on `:param` lines. */
function describeOnly(description: string): string {
  const lines = description.split('\n');
  const end = lines.findIndex((l) => l.startsWith('Parameters ('));
  return (end < 0 ? lines : lines.slice(0, end)).join('\n').trim();
}
