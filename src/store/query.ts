/**
 * Queries
 * =======
 *
 * Named Cypher queries (`cypher/queries/NAME.cypher`, each opening with a `//` comment that
 * describes it and declares its parameters, see query-params.ts) and ad-hoc Cypher, run
 * read-only unless writing is asked for: the statement's plan must only read the graph (see
 * read-only.ts), and it runs in a read transaction in READ access mode, so the server itself
 * refuses a `CREATE` too. Parameters always travel as parameters; a value holding Cypher text
 * stays data.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  isDate,
  isDateTime,
  isDuration,
  isInt,
  isLocalDateTime,
  isLocalTime,
  isNode,
  isPath,
  isPoint,
  isRelationship,
  isTime,
  type ManagedTransaction,
  type Record as Neo4jRecord,
  type Session,
} from 'neo4j-driver';
import { UserError } from '../errors.js';
import { CYPHER_DIR } from '../paths.js';
import { toStoreError, withSession, type StoreContext } from './connection.js';
import { explainStatement, positionsInStatement, refusalError, refusedOperators, type PlanOperator } from './read-only.js';
import {
  convertParam,
  parseParamDeclarations,
  splitParamPairs,
  stripClientCommands,
  suggestion,
  type ParamDeclaration,
  type ParamValue,
} from './query-params.js';

/** One named query. */
export interface NamedQuery {
  name: string;
  /** The opening comment, without `//`. */
  description: string;
  /** `$name`s the statement uses, in order of first use. */
  parameters: string[];
  /** The parameters its comment declares (name, type, default), with their `:param` values. */
  declared: ParamDeclaration[];
  /** The statement to send: the file without its `:param` lines. */
  cypher: string;
  file: string;
}

const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** True when the text is a query name rather than Cypher. */
export function isQueryName(text: string): boolean {
  return NAME_RE.test(text);
}

/** The opening `//` comment lines of a query file, joined. */
export function describeQuery(cypher: string): string {
  const lines: string[] = [];
  for (const line of cypher.split('\n')) {
    const t = line.trim();
    if (!t.startsWith('//')) break;
    lines.push(t.replace(/^\/\/\s?/, ''));
  }
  return lines.join('\n').trim();
}

/** Cypher without its comments and string literals (each literal becomes `''`). */
function codeOnly(cypher: string): string {
  return cypher.replace(/\/\/[^\n]*/g, '').replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g, "''");
}

/** `$param` names used by a query (comments and string literals excluded). */
export function queryParameters(cypher: string): string[] {
  const names: string[] = [];
  for (const m of codeOnly(cypher).matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)) if (!names.includes(m[1]!)) names.push(m[1]!);
  return names;
}

/** Every named query in `dir` (default `cypher/queries/`), sorted by name. */
export async function listNamedQueries(dir: string = join(CYPHER_DIR, 'queries')): Promise<NamedQuery[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.cypher')).sort();
  return Promise.all(files.map((f) => loadNamedQuery(f.replace(/\.cypher$/, ''), dir)));
}

/**
 * One named query; `E_NOT_FOUND` naming the available ones when there is no such file,
 * `E_INPUT` naming the file and line when its header is malformed or a parameter the statement
 * uses is not declared.
 */
export async function loadNamedQuery(name: string, dir: string = join(CYPHER_DIR, 'queries')): Promise<NamedQuery> {
  if (!isQueryName(name)) throw new UserError(`invalid query name "${name}"`, 'E_USAGE');
  const file = join(dir, `${name}.cypher`);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    const known = (await readdir(dir).catch(() => [] as string[]))
      .filter((f) => f.endsWith('.cypher'))
      .map((f) => f.replace(/\.cypher$/, ''))
      .sort();
    throw new UserError(`no named query "${name}"${suggestion(name, known)} (have: ${known.join(', ') || 'none'})`, 'E_NOT_FOUND');
  }
  const declared = parseParamDeclarations(text, file);
  const cypher = stripClientCommands(text);
  const parameters = queryParameters(cypher);
  const undeclared = parameters.filter((p) => !declared.some((d) => d.name === p));
  if (undeclared.length) throw new UserError(`${file}: $${undeclared.join(', $')} not declared in the opening comment`, 'E_INPUT');
  return { name, description: describeQuery(text), parameters, declared, cypher, file };
}

/**
 * Parses `k=v` pairs of an ad-hoc statement (no declared types). Integer-looking values become
 * Neo4j integers (so `LIMIT $k` works), decimal numbers floats, everything else stays a string
 * (Cypher text included: it is data).
 */
export function parseParams(pairs: readonly string[]): Record<string, ParamValue> {
  return Object.fromEntries(Object.entries(splitParamPairs(pairs)).map(([k, raw]) => [k, inferValue(k, raw)]));
}

function inferValue(name: string, raw: string): ParamValue {
  const t = raw.trim();
  if (/^[-+]?\d+$/.test(t)) {
    try {
      return convertParam({ name, type: 'integer' }, t);
    } catch {
      return raw; // beyond 64 bits: text
    }
  }
  if (/^[-+]?(\d+\.\d*|\.\d+|\d+(\.\d*)?[eE][-+]?\d+)$/.test(t)) return Number(t);
  return raw;
}

/** Options of {@link runQuery}. */
export interface RunQueryOptions {
  /**
   * Allow writes and whatever else the statement does (one auto-commit transaction, so that
   * `CALL { … } IN TRANSACTIONS` runs); default read-only: only statements that read the graph.
   */
  write: boolean;
}

/** A query's result as plain JSON values. */
export interface QueryResult {
  columns: string[];
  rows: Record<string, unknown>[];
}

/**
 * Runs Cypher with parameters. Without `write`, its plan must only read the graph (else
 * `E_QUERY` naming the clause, see read-only.ts) and it runs in a read transaction (READ access
 * mode); with `write`, in one auto-commit transaction. Server-side rejections become `E_QUERY`,
 * connection trouble `E_NEO4J`.
 */
export async function runQuery(
  ctx: StoreContext,
  cypher: string,
  params: Record<string, unknown> = {},
  options: Partial<RunQueryOptions> = {},
): Promise<QueryResult> {
  const write = options.write ?? false;
  return withSession(ctx, write ? 'WRITE' : 'READ', async (session) => {
    const work = async (tx: ManagedTransaction | Session) => {
      const running = tx.run(cypher, params);
      const keys = await running.keys();
      const { records } = await running;
      return { keys, records };
    };
    let result: { keys: PropertyKey[]; records: Neo4jRecord[] };
    if (write) {
      // Not retried: a user's statement that failed once (a memory limit) is not run again blindly.
      result = await work(session);
    } else {
      await checkReadsOnly(session, cypher, params, ctx.uri);
      result = await session.executeRead(work);
    }
    const { keys, records } = result;
    const columns = keys.map(String);
    const rows = records.map((r) => Object.fromEntries(columns.map((c) => [c, toPlain(r.get(c))])));
    return { columns, rows };
  });
}

/**
 * Refuses a statement whose plan does more than read the graph, or that cannot be planned as a
 * statement of this database (an administration command); a syntax error or a missing
 * parameter is the server's own message.
 */
async function checkReadsOnly(session: Session, cypher: string, params: Record<string, unknown>, uri?: string): Promise<void> {
  let plan: PlanOperator;
  try {
    const explained = await session.executeRead((tx) => tx.run(explainStatement(cypher), params));
    plan = explained.summary.plan as unknown as PlanOperator;
  } catch (error) {
    const code = String((error as { code?: unknown }).code ?? '');
    if (!code.startsWith('Neo.ClientError.Statement.')) throw error;
    const reason = positionsInStatement(String((error as Error).message), cypher);
    // The user's own mistake in the statement: the server's message, at the user's positions.
    if (/SyntaxError|ParameterMissing|ArgumentError|TypeError/.test(code)) throw toStoreError({ code, message: reason }, uri);
    throw new UserError(
      `query: without --write, only statements that read the graph run; this one cannot be planned as one (Neo4j at ${uri ?? '?'}: ${reason.split('\n')[0]!.trim()}) [${code}]`,
      'E_QUERY',
      { cause: toStoreError(error, uri) },
    );
  }
  const refused = refusedOperators(plan);
  if (refused.length > 0) throw refusalError(refused);
}

/** Neo4j values as plain JSON: integers as numbers (strings beyond 2^53), nodes as property maps. */
export function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (isInt(value)) {
    const n = value as { inSafeRange(): boolean; toNumber(): number; toString(): string };
    return n.inSafeRange() ? n.toNumber() : n.toString();
  }
  if (Array.isArray(value)) return value.map(toPlain);
  if (isNode(value as never)) {
    const node = value as unknown as { labels: string[]; properties: Record<string, unknown> };
    return { labels: node.labels, ...plainObject(node.properties) };
  }
  if (isRelationship(value as never)) {
    const rel = value as unknown as { type: string; properties: Record<string, unknown> };
    return { type: rel.type, ...plainObject(rel.properties) };
  }
  if (isPath(value as never)) {
    const path = value as unknown as { segments: { start: unknown; relationship: unknown; end: unknown }[] };
    return path.segments.map((s) => ({ start: toPlain(s.start), relationship: toPlain(s.relationship), end: toPlain(s.end) }));
  }
  if (
    isDate(value as never) ||
    isDateTime(value as never) ||
    isLocalDateTime(value as never) ||
    isLocalTime(value as never) ||
    isTime(value as never) ||
    isDuration(value as never) ||
    isPoint(value as never)
  ) {
    return String(value);
  }
  if (typeof value === 'object') return plainObject(value as Record<string, unknown>);
  return value;
}

function plainObject(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, toPlain(v)]));
}
