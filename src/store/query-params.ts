/**
 * Query parameters
 * ================
 *
 * A named query declares its parameters in its opening comment, one line each, as
 * `$name: type = default   description` (no `= default`: the parameter is required), and repeats
 * the values on `:param name => value;` lines after the comment (an example value for a required
 * one). `:param` is a client command of cypher-shell and Neo4j Browser, so the file pasted there
 * runs as it is: Neo4j refuses a statement that uses a parameter it was not sent, even inside
 * `coalesce()`. `papergraph query` reads the comment, converts each `--param` to its declared
 * type, and strips the `:param` lines before sending the statement.
 */
import neo4j from 'neo4j-driver';
import { closest, distance } from 'fastest-levenshtein';
import { UserError } from '../errors.js';
import { COMMUNITY_LEVELS } from './rows.js';

/** A parameter value sent to Neo4j. */
export type ParamValue = string | number | ReturnType<typeof neo4j.int>;

/**
 * Declared types. `concept` is a concept's key, label or alias and `paper` a paper's id or title
 * (strings the CLI looks up before running, to name a misspelling), `community` a community id
 * (a topic's, or a field's when the query's `level` parameter says `field`), `level` one of
 * {@link COMMUNITY_LEVELS}.
 */
export const PARAM_TYPES = ['string', 'integer', 'float', 'concept', 'community', 'paper', 'level'] as const;
export type ParamType = (typeof PARAM_TYPES)[number];

/** One declared parameter. */
export interface ParamDeclaration {
  name: string;
  type: ParamType;
  /** Absent for a required parameter. */
  default?: ParamValue;
  /** The value of its `:param` line (the default, or an example for a required parameter). */
  example?: ParamValue;
  description: string;
}

const NAME = '[A-Za-z_][A-Za-z0-9_]*';
const DECLARATION_RE = new RegExp(`^\\$(${NAME})\\s*:\\s*(\\w+)(?:\\s*=\\s*(\\S+))?(?:\\s+(.*))?$`);
const PARAM_LINE_RE = new RegExp(`^:param\\s+(${NAME})\\s*=>\\s*(.+?)\\s*;?\\s*$`);

/** A problem in a query file's header: the file and line, then what is wrong. */
function headerError(file: string, line: number, reason: string): UserError {
  return new UserError(`${file}:${line}: ${reason}`, 'E_INPUT');
}

/**
 * The parameters a query file declares in its opening comment, with the values of its `:param`
 * lines. Throws `E_INPUT` naming the file and line for a malformed declaration, an unknown type,
 * a default of the wrong type, or a `:param` line that disagrees with the comment.
 */
export function parseParamDeclarations(text: string, file: string): ParamDeclaration[] {
  const declarations: ParamDeclaration[] = [];
  const lines = text.split('\n');
  let i = 0;
  for (; i < lines.length && lines[i]!.trim().startsWith('//'); i++) {
    const content = lines[i]!.trim().replace(/^\/\/\s?/, '').trim();
    if (!content.startsWith('$')) continue;
    const m = DECLARATION_RE.exec(content);
    if (!m) throw headerError(file, i + 1, `expecting "$name: type [= default]  description", got "${content}"`);
    const [, name, type, defaultText, description] = m as unknown as [string, string, string, string | undefined, string | undefined];
    if (!(PARAM_TYPES as readonly string[]).includes(type)) {
      throw headerError(file, i + 1, `$${name}: unknown type "${type}" (types: ${PARAM_TYPES.join(', ')})`);
    }
    const declaration: ParamDeclaration = { name, type: type as ParamType, description: (description ?? '').trim() };
    if (defaultText !== undefined) {
      try {
        declaration.default = convertParam(declaration, defaultText);
      } catch (error) {
        throw headerError(file, i + 1, (error as Error).message);
      }
    }
    declarations.push(declaration);
  }
  for (; i < lines.length && lines[i]!.trim().startsWith(':'); i++) readParamLine(lines[i]!.trim(), declarations, file, i + 1);
  for (const d of declarations) {
    if (d.example === undefined) throw headerError(file, i + 1, `$${d.name} has no ":param ${d.name} => …;" line`);
  }
  return declarations;
}

function readParamLine(line: string, declarations: ParamDeclaration[], file: string, lineNumber: number): void {
  const m = PARAM_LINE_RE.exec(line);
  if (!m) throw headerError(file, lineNumber, `expecting ":param name => value;", got "${line}"`);
  const [, name, literal] = m as unknown as [string, string, string];
  const declaration = declarations.find((d) => d.name === name);
  if (!declaration) throw headerError(file, lineNumber, `:param ${name} is not declared in the comment above`);
  const text = /^'(.*)'$/.exec(literal)?.[1]?.replace(/\\'/g, "'") ?? literal;
  const value = convertParam(declaration, text);
  if (declaration.default !== undefined && String(value) !== String(declaration.default)) {
    throw headerError(file, lineNumber, `:param ${name} => ${literal} differs from the declared default ${String(declaration.default)}`);
  }
  declaration.example = value;
}

/** The statement to send: the file without its `:param` client commands. */
export function stripClientCommands(text: string): string {
  return text
    .split('\n')
    .filter((line) => !line.trim().startsWith(':'))
    .join('\n');
}

/**
 * Converts a `--param` value to the declared type: integers become Neo4j integers (so `LIMIT
 * $limit` works), floats numbers, the rest strings. Throws `E_USAGE` saying what was expected.
 */
export function convertParam(declaration: Pick<ParamDeclaration, 'name' | 'type'>, raw: string): ParamValue {
  const t = raw.trim();
  switch (declaration.type) {
    case 'integer':
    case 'community': {
      if (/^[-+]?\d+$/.test(t)) {
        const n = BigInt(t);
        if (n >= -(2n ** 63n) && n < 2n ** 63n) return neo4j.int(t);
      }
      throw new UserError(`--param ${declaration.name}=${raw}: expecting an integer`, 'E_USAGE');
    }
    case 'level': {
      const level = t.toLowerCase();
      if ((COMMUNITY_LEVELS as readonly string[]).includes(level)) return level;
      throw new UserError(`--param ${declaration.name}=${raw}: expecting ${COMMUNITY_LEVELS.join(' or ')}`, 'E_USAGE');
    }
    case 'float': {
      const n = Number(t);
      if (t !== '' && Number.isFinite(n)) return n;
      throw new UserError(`--param ${declaration.name}=${raw}: expecting a number`, 'E_USAGE');
    }
    default:
      return raw;
  }
}

/**
 * Splits `name=value` pairs (the value is the text after the first `=`, kept as given). Throws
 * `E_USAGE` for a pair without a name.
 */
export function splitParamPairs(pairs: readonly string[]): Record<string, string> {
  const params: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const key = eq > 0 ? pair.slice(0, eq).trim() : '';
    if (!new RegExp(`^${NAME}$`).test(key)) throw new UserError(`invalid --param "${pair}"; expecting name=value`, 'E_USAGE');
    params[key] = pair.slice(eq + 1);
  }
  return params;
}

/** What a named query's parameters are resolved against. */
export interface DeclaredQuery {
  name: string;
  declared: ParamDeclaration[];
}

/**
 * The parameters to run a named query with: `given` (raw `--param` values) converted to their
 * declared types, then the declared defaults. Throws `E_USAGE` for an unknown name (listing the
 * valid ones, with the nearest as a suggestion), a value of the wrong type, or a missing
 * required parameter (with its example).
 */
export function resolveQueryParams(query: DeclaredQuery, given: Record<string, string>): Record<string, ParamValue> {
  const names = query.declared.map((d) => d.name);
  const params: Record<string, ParamValue> = {};
  for (const [key, raw] of Object.entries(given)) {
    const declaration = query.declared.find((d) => d.name === key);
    if (!declaration) {
      const valid = names.length ? names.join(', ') : 'none';
      throw new UserError(`query ${query.name}: no parameter "${key}"${suggestion(key, names)} (valid: ${valid})`, 'E_USAGE');
    }
    params[key] = convertParam(declaration, raw);
  }
  const missing: ParamDeclaration[] = [];
  for (const d of query.declared) {
    if (d.name in params) continue;
    if (d.default === undefined) missing.push(d);
    else params[d.name] = d.default;
  }
  if (missing.length) {
    const flags = missing.map((d) => `--param ${d.name}`).join(', ');
    const example = missing.map((d) => `--param ${shellWord(`${d.name}=${String(d.example ?? '…')}`)}`).join(' ');
    throw new UserError(`query ${query.name}: missing ${flags} (e.g. ${example})`, 'E_USAGE');
  }
  return params;
}

/** A word as typed in a shell: quoted when it holds spaces or quotes. */
function shellWord(text: string): string {
  return /^[\w.:=+-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * `; did you mean X?` for the candidate nearest to `word` by edit distance (case-insensitive),
 * when it is near enough to be a likely misspelling; else the empty string.
 */
export function suggestion(word: string, candidates: readonly string[]): string {
  const near = nearest(word, candidates);
  return near === undefined ? '' : `; did you mean ${near}?`;
}

/** The candidate nearest to `word` (case-insensitive), if within a third of its length (at least 2 edits, fewer than its length). */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  const lower = word.toLowerCase();
  const lowered = candidates.map((c) => c.toLowerCase());
  const best = closest(lower, lowered);
  // Two edits for a short word (a transposition is two), but never all of its letters.
  const limit = Math.min(Math.max(2, Math.floor(lower.length / 3)), lower.length - 1);
  if (distance(lower, best) > limit) return undefined;
  return candidates[lowered.indexOf(best)];
}
