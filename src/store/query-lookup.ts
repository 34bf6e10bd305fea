/**
 * Query parameter look-ups
 * ========================
 *
 * Before a named query runs, every `concept`, `community` and `paper` parameter is looked up (a
 * community at the level of the query's `level` parameter, a topic without one),
 * so a misspelling is one line naming it ("no concept named NTKK; did you mean NTK?") instead of
 * an empty result. Each look-up is one parameterized read; the suggestions come from the names
 * stored in the database.
 */
import { UserError } from '../errors.js';
import { withSession, type StoreContext } from './connection.js';
import { nearest, type ParamDeclaration, type ParamValue } from './query-params.js';
import type { CommunityLevel } from './rows.js';

interface Lookup {
  /** Returns one row when the value names something. */
  exists: string;
  /** Names to suggest from (column `name`), sorted. */
  candidates: string;
  /** The message for a value that names nothing; `near` is the suggestion, if any. */
  missing: (value: string, near: string | undefined, names: readonly string[], scope: LookupScope) => string;
}

/** What a look-up is confined to: the query's own `corpus` and `level` parameters, if it has them. */
interface LookupScope {
  corpus: string | undefined;
  level: CommunityLevel;
}

const LOOKUPS: Partial<Record<ParamDeclaration['type'], Lookup>> = {
  concept: {
    exists: 'MATCH (a:Alias {name: toLower(trim($value))}) RETURN 1 LIMIT 1',
    // The forms as written ("NTK"), so the suggestion reads like the user's input.
    candidates: 'MATCH (a:Alias) UNWIND coalesce(a.forms, [a.name]) AS name RETURN DISTINCT name ORDER BY name',
    missing: (value, near) => `no concept named ${value}${near ? `; did you mean ${near}?` : ''}`,
  },
  community: {
    // Communities are numbered per corpus and level.
    exists: 'MATCH (m:Community {id: $value, level: $level}) WHERE $corpus IS NULL OR m.corpus = $corpus RETURN 1 LIMIT 1',
    candidates:
      'MATCH (m:Community {level: $level}) WHERE $corpus IS NULL OR m.corpus = $corpus RETURN DISTINCT toString(m.id) AS name, m.id AS id ORDER BY id',
    missing: (value, _near, ids, { corpus, level }) => {
      const where = corpus === undefined ? '' : ` in corpus "${corpus}"`;
      return ids.length === 0 ? `no ${level} ${value}${where}: it has no ${level}s` : `no ${level} ${value}${where} (ids ${ids[0]} to ${ids.at(-1)})`;
    },
  },
  paper: {
    exists: 'MATCH (p:Paper) WHERE p.id = $value OR toLower(p.title) = toLower(trim($value)) RETURN 1 LIMIT 1',
    candidates: 'MATCH (p:Paper) WHERE p.title IS NOT NULL RETURN p.title AS name ORDER BY name',
    missing: (value, near) => `no paper with id or title "${value}"${near ? `; did you mean "${near}"?` : ''}`,
  },
};

/**
 * Throws `E_NOT_FOUND` for the first `concept`, `community` or `paper` parameter whose value
 * names nothing in the database, with the nearest stored name as a suggestion.
 */
export async function checkQueryEntities(
  ctx: StoreContext,
  declared: readonly ParamDeclaration[],
  params: Record<string, ParamValue>,
): Promise<void> {
  const checks = declared.filter((d) => LOOKUPS[d.type] && params[d.name] !== undefined);
  if (checks.length === 0) return;
  await withSession(ctx, 'READ', async (session) => {
    for (const d of checks) {
      const lookup = LOOKUPS[d.type]!;
      const value = params[d.name]!;
      const scope: LookupScope = {
        corpus: typeof params.corpus === 'string' ? params.corpus : undefined,
        level: params.level === 'field' ? 'field' : 'topic',
      };
      const scoped = { corpus: scope.corpus ?? null, level: scope.level };
      const found = await session.executeRead((tx) => tx.run(lookup.exists, { value, ...scoped }));
      if (found.records.length > 0) continue;
      const candidates = await session.executeRead((tx) => tx.run(lookup.candidates, scoped));
      const names = candidates.records.map((r) => String(r.get('name')));
      throw new UserError(lookup.missing(String(value), nearest(String(value), names), names, scope), 'E_NOT_FOUND');
    }
  });
}
