/**
 * neo4j-admin bulk-import export
 * ==============================
 *
 * The graph as CSV files for `neo4j-admin database import full`, which builds a new database
 * offline far faster than Bolt writes: the same nodes, relationships and properties the Bolt
 * writer (write.ts) stores, from the same rows (rows.ts), plus `import.sh` with the exact
 * command and a README.
 *
 * Headers use ID spaces (`:ID(Paper)`, `:START_ID(Paper)`…), typed properties (`year:int`,
 * `weight:float`) and arrays (`aliases:string[]`, `evidence:int[]`). Array items are joined with U+001F (the
 * ASCII unit separator), which is removed from the text first, so no item can split. Every text
 * field is quoted (inner quotes doubled); a null is an empty field (the property is not set).
 * Pure: same graph, same files, byte for byte (the CLI loads the build folder and writes them).
 */
import { formatCsv, type CsvValue } from '../csv.js';
import { resolveDefaults } from '../defaults.js';
import type { AmbiguousAcronym, CommunitiesFile, KnowledgeGraph, OutputFile, TimeProfile } from '../model.js';
import type { PaperIdentity } from './paper-identity.js';
import { graphToRows, type CommunityLevel } from './rows.js';
import type { TimeColumns } from './time-rows.js';

/** Joins array items; never occurs in an item (it is removed from text first). */
export const ARRAY_DELIMITER = '\u001f';

/** Options of {@link formatNeo4jImport}. */
export interface Neo4jImportOptions {
  /** Recorded in `corpora` on papers, concepts and communities, as the Bolt writer does. */
  corpus: string;
  /** The extraction's ambiguous acronyms (Alias nodes with their senses), as the writer takes. */
  ambiguousAcronyms: readonly AmbiguousAcronym[];
  /** Database name in the command of `import.sh`. */
  database: string;
  /** Every id of each paper, by paper id, as the writer takes (see paper-identity.ts). */
  identities: ReadonlyMap<string, PaperIdentity>;
  /** Each concept's bursts and trend, by key, as the writer takes. */
  conceptTimes: ReadonlyMap<string, TimeProfile>;
}

export const NEO4J_IMPORT_DEFAULTS: Neo4jImportOptions = {
  corpus: 'default',
  ambiguousAcronyms: [],
  database: 'neo4j',
  identities: new Map(),
  conceptTimes: new Map(),
};

/** The files, in the order `import.sh` names them. */
export const NEO4J_IMPORT_FILES = {
  nodes: {
    Paper: 'papers.csv',
    Concept: 'concepts.csv',
    Alias: 'aliases.csv',
    Community: 'communities.csv',
  },
  relationships: {
    MENTIONS: 'mentions.csv',
    CO_OCCURS: 'cooccurs.csv',
    BROADER: 'broader.csv',
    ALIAS_OF: 'alias-of.csv',
    IN_COMMUNITY: ['concept-in-community.csv', 'paper-in-community.csv'],
    PART_OF: 'part-of.csv',
  },
} as const;

/** The typed headers of the bursts and trend columns (time-rows.ts), in the order of {@link timeCells}. */
const TIME_HEADER = [
  'burstStarts:string[]',
  'burstEnds:string[]',
  'burstWeights:float[]',
  'trend',
  'trendSlope:float',
  'trendFirstShare:float',
  'trendLastShare:float',
  'trendG2:float',
  'trendP:float',
  'trendPapers:int',
] as const;

/** A row's bursts and trend cells, in the order of {@link TIME_HEADER}. */
function timeCells(t: TimeColumns): Cell[] {
  return [t.burstStarts, t.burstEnds, t.burstWeights, t.trend, t.trendSlope, t.trendFirstShare, t.trendLastShare, t.trendG2, t.trendP, t.trendPapers];
}

type Cell = string | number | boolean | null | undefined | readonly (string | number)[];

/** One CSV value: numbers bare (a non-finite one empty), text and arrays as text (quoted). */
function cell(value: Cell): CsvValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') return clean(value);
  if (value.length === 0) return null;
  return value.map((v) => (typeof v === 'number' ? String(v) : clean(v))).join(ARRAY_DELIMITER);
}

/** Removes the array delimiter (a control character with no meaning in text). */
function clean(text: string): string {
  return text.includes(ARRAY_DELIMITER) ? text.split(ARRAY_DELIMITER).join(' ') : text;
}

/** A file: the header as it is, then every row with each string quoted, even an empty one. */
function csv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return formatCsv([header], { neutralizeFormulas: false }) + formatCsv(rows.map((row) => row.map(cell)), { quoteStrings: true, neutralizeFormulas: false });
}

/**
 * The CSV files, `import.sh` and `README.md` for `neo4j-admin database import full`: Paper,
 * Concept, Alias and Community nodes (topics and fields); MENTIONS, CO_OCCURS, ALIAS_OF,
 * IN_COMMUNITY (both levels) and PART_OF relationships, with the properties the Bolt writer stores.
 */
export function formatNeo4jImport(
  graph: KnowledgeGraph,
  communities?: CommunitiesFile,
  options: Partial<Neo4jImportOptions> = {},
): OutputFile[] {
  const o = resolveDefaults(NEO4J_IMPORT_DEFAULTS, options);
  const rows = graphToRows(graph, communities, o.ambiguousAcronyms, o.identities, o.conceptTimes);
  const corpora = [o.corpus];
  const F = NEO4J_IMPORT_FILES;

  const papers = csv(
    ['id:ID(Paper)', ':LABEL', 'title', 'abstract', 'date', 'year:int', 'url', 'authorsCount:int', 'upvotes:int', 'sources:string[]', 'community:int', 'field:int', 'corpora:string[]', 'doi', 'arxivId', 'givenId', 'titleId'],
    rows.papers.map((p) => [p.id, 'Paper', p.title, p.abstract, p.date, p.year, p.url, p.authorsCount, p.upvotes, p.sources, p.community, p.field, corpora, p.doi, p.arxivId, p.givenId, p.titleId]),
  );
  const concepts = csv(
    ['key:ID(Concept)', ':LABEL', 'label', 'aliases:string[]', 'df:int', 'termhood:float', 'community:int', 'field:int', 'pagerank:float', 'weightedDegree:float', 'bridge:float', ...TIME_HEADER, 'corpora:string[]'],
    rows.concepts.map((c) => [c.key, 'Concept', c.label, c.aliases, c.df, c.termhood, c.community, c.field, c.pagerank, c.weightedDegree, c.bridge, ...timeCells(c), corpora]),
  );

  // One Alias node per name, as the writer's MERGE makes: forms in first-seen order, and the
  // senses of an ambiguous short form.
  const aliases = new Map<string, { forms: string[]; short: string | null; senseKeys: string[]; senseLongs: string[] }>();
  const alias = (name: string) => {
    let a = aliases.get(name);
    if (!a) aliases.set(name, (a = { forms: [], short: null, senseKeys: [], senseLongs: [] }));
    return a;
  };
  for (const row of rows.aliases) {
    const a = alias(row.name);
    for (const f of row.forms) if (!a.forms.includes(f)) a.forms.push(f);
  }
  for (const row of rows.acronyms) {
    const a = alias(row.name);
    a.short = row.short;
    a.senseKeys = row.senseKeys;
    a.senseLongs = row.senseLongs;
    if (!a.forms.includes(row.short)) a.forms.push(row.short);
  }
  const aliasNodes = csv(
    ['name:ID(Alias)', ':LABEL', 'forms:string[]', 'short', 'senseKeys:string[]', 'senseLongs:string[]'],
    [...aliases].map(([name, a]) => [name, 'Alias', a.forms, a.short, a.senseKeys, a.senseLongs]),
  );
  // Community ids are integers numbered per level; the ID column ("topic 3", "field 0") is the
  // reference only, `level` and `id:int` the properties.
  const ref = (level: CommunityLevel, id: number) => `${level} ${id}`;
  const communityNodes = csv(
    [':ID(Community)', ':LABEL', 'level', 'id:int', 'corpus', 'label', 'size:int', 'papers:int', 'topConcepts:string[]', 'periods:string[]', 'papersPerPeriod:int[]', ...TIME_HEADER, 'corpora:string[]'],
    rows.communities.map((m) => [ref(m.level, m.id), 'Community', m.level, m.id, o.corpus, m.label, m.size, m.papers, m.topConcepts, m.periods, m.papersPerPeriod, ...timeCells(m), corpora]),
  );

  const mentions = csv(
    [':START_ID(Paper)', ':END_ID(Concept)', ':TYPE', 'count:int', 'score:float', 'evidence:int[]'],
    rows.mentions.map((m) => [m.paper, m.concept, 'MENTIONS', m.count, m.score, m.evidence]),
  );
  const cooccurs = csv(
    [':START_ID(Concept)', ':END_ID(Concept)', ':TYPE', 'papers:int', 'weight:float'],
    rows.cooccurs.map((c) => [c.source, c.target, 'CO_OCCURS', c.papers, c.weight]),
  );
  const broader = csv(
    [':START_ID(Concept)', ':END_ID(Concept)', ':TYPE'],
    rows.broader.filter((b) => b.broader !== null).map((b) => [b.concept, b.broader, 'BROADER']),
  );
  const aliasOf = csv(
    [':START_ID(Alias)', ':END_ID(Concept)', ':TYPE', 'forms:string[]', 'long', 'papers:string[]'],
    rows.aliases.map((a) => [a.name, a.concept, 'ALIAS_OF', a.forms, a.long, a.papers]),
  );
  const conceptIn = csv(
    [':START_ID(Concept)', ':END_ID(Community)', ':TYPE'],
    rows.conceptMembers.map((m) => [m.member, ref(m.level, m.community), 'IN_COMMUNITY']),
  );
  const paperIn = csv(
    [':START_ID(Paper)', ':END_ID(Community)', ':TYPE'],
    rows.paperMembers.map((m) => [m.member, ref(m.level, m.community), 'IN_COMMUNITY']),
  );
  const partOf = csv(
    [':START_ID(Community)', ':END_ID(Community)', ':TYPE'],
    rows.partOf.map((r) => [ref('topic', r.topic), ref('field', r.field), 'PART_OF']),
  );

  const args = neo4jImportArguments(o.database);
  return [
    { name: F.nodes.Paper, content: papers },
    { name: F.nodes.Concept, content: concepts },
    { name: F.nodes.Alias, content: aliasNodes },
    { name: F.nodes.Community, content: communityNodes },
    { name: F.relationships.MENTIONS, content: mentions },
    { name: F.relationships.CO_OCCURS, content: cooccurs },
    { name: F.relationships.BROADER, content: broader },
    { name: F.relationships.ALIAS_OF, content: aliasOf },
    { name: F.relationships.IN_COMMUNITY[0], content: conceptIn },
    { name: F.relationships.IN_COMMUNITY[1], content: paperIn },
    { name: F.relationships.PART_OF, content: partOf },
    { name: 'import.sh', content: importScript(args) },
    { name: 'README.md', content: importReadme(o.database) },
  ];
}

/**
 * The arguments after `neo4j-admin` for importing the files (relative to the folder holding
 * them) into `database`: `database import full …`. The array delimiter is named `U+001F`
 * (the tool's notation for a character that is hard to type).
 */
export function neo4jImportArguments(database = 'neo4j', dir = '.'): string[] {
  const F = NEO4J_IMPORT_FILES;
  const at = (file: string) => (dir === '.' ? file : `${dir}/${file}`);
  return [
    'database',
    'import',
    'full',
    ...Object.values(F.nodes).map((file) => `--nodes=${at(file)}`),
    `--relationships=${at(F.relationships.MENTIONS)}`,
    `--relationships=${at(F.relationships.CO_OCCURS)}`,
    `--relationships=${at(F.relationships.BROADER)}`,
    `--relationships=${at(F.relationships.ALIAS_OF)}`,
    ...F.relationships.IN_COMMUNITY.map((file) => `--relationships=${at(file)}`),
    `--relationships=${at(F.relationships.PART_OF)}`,
    '--array-delimiter=U+001F',
    '--multiline-fields=true',
    '--overwrite-destination=true',
    database,
  ];
}

/** Shell-quotes an argument. */
function shellArgument(arg: string): string {
  return /^[\w./=:@+-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

function importScript(args: readonly string[]): string {
  return [
    '#!/usr/bin/env bash',
    '# Builds a Neo4j 5 database from these CSV files with neo4j-admin (offline; the database',
    '# must not be running). Run it from this folder, with NEO4J_HOME set or neo4j-admin on PATH.',
    '# `--overwrite-destination` replaces the database if it exists.',
    'set -euo pipefail',
    'cd "$(dirname "$0")"',
    'ADMIN="${NEO4J_HOME:+$NEO4J_HOME/bin/}neo4j-admin"',
    `"$ADMIN" ${args.slice(0, 3).join(' ')} \\\n  ${args.slice(3).map(shellArgument).join(' \\\n  ')}`,
    '',
  ].join('\n');
}

function importReadme(database: string): string {
  return `# PaperGraph graph for neo4j-admin import

These files hold the graph as \`papergraph build\` writes it to Neo4j over Bolt: Paper, Concept,
Alias and Community nodes; MENTIONS (count, score and \`evidence\`: five integers per occurrence —
field 0 title or 1 abstract, sentence start and end, mention start and end, in characters of that
field), CO_OCCURS (weight), BROADER (a concept to the broader concept its key ends in), ALIAS_OF,
IN_COMMUNITY (each paper and concept to its topic and to its field) and PART_OF (each topic to its
field) relationships. Community nodes come in two levels, \`level\` \`topic\` or \`field\`, each
numbered from 0.

Build a new database from them (the server must be stopped, or the database must not exist):

    bash import.sh

which runs \`neo4j-admin database import full\` into the database \`${database}\`. Array properties
(\`aliases\`, \`evidence\`, …) are joined with the ASCII unit separator (U+001F), passed as
\`--array-delimiter=U+001F\`. After the import, start Neo4j and apply the schema (constraints and
indexes) once, e.g. \`cypher-shell -f cypher/schema.cypher\`, or run any \`papergraph build --neo4j\`,
which applies it first.
`;
}
