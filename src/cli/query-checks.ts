/**
 * Checks of named-query parameters the Cypher would match nothing for
 * ====================================================================
 *
 * Some named queries take a value that, when wrong, makes the statement return no rows rather
 * than fail: `emerging`'s `direction` is compared with the stored trend, and `bursts`' and
 * `emerging`'s `community` filters the concepts (a negative id means all). An empty result then
 * reads as "nothing emerging". The table below names those parameters; `papergraph query` checks
 * them and says what is wrong in one line. (A parameter declared with type `community`, as in
 * `community-timeline`, is looked up by the store already.)
 */
import { UserError } from '../errors.js';
import type { NamedQuery, ParamDeclaration, ParamValue } from '../store/index.js';
import { nearest } from '../store/query-params.js';

/** A check of one parameter's value. */
export type ParamCheck =
  /** One of these words (case-insensitive, as the Cypher compares them); `meaning`: other words users type for them. */
  | { oneOf: readonly string[]; meaning?: Readonly<Record<string, string>> }
  /** A community id that must exist at the query's level, unless negative ("all communities"). */
  | { communityUnlessNegative: true };

/** Per named query, the parameters to check and how. */
export const NAMED_QUERY_CHECKS: Readonly<Record<string, Readonly<Record<string, ParamCheck>>>> = {
  emerging: {
    direction: { oneOf: ['emerging', 'fading', 'both'], meaning: { rising: 'emerging', growing: 'emerging', falling: 'fading', declining: 'fading', all: 'both' } },
    community: { communityUnlessNegative: true },
  },
  bursts: { community: { communityUnlessNegative: true } },
};

/** `a, b or c`. */
const orList = (words: readonly string[]): string => (words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`);

/**
 * Checks the word-valued parameters of `query` (no database needed); throws `E_USAGE` naming
 * the parameter, its value and the words it accepts.
 */
export function checkParamWords(query: Pick<NamedQuery, 'name'>, params: Record<string, ParamValue>): void {
  for (const [name, check] of Object.entries(NAMED_QUERY_CHECKS[query.name] ?? {})) {
    const value = params[name];
    if (!('oneOf' in check) || value === undefined) continue;
    const word = String(value).trim().toLowerCase();
    if (check.oneOf.includes(word)) continue;
    const near = check.meaning?.[word] ?? nearest(word, check.oneOf);
    throw new UserError(`query ${query.name}: --param ${name}=${String(value)}: expecting ${orList(check.oneOf)}${near ? `; did you mean ${near}?` : ''}`, 'E_USAGE');
  }
}

/**
 * The declarations to look up in the database for `query`'s checked community ids: those
 * given a non-negative id, declared as `community` so the store's look-up names a missing one.
 */
export function communityLookups(query: Pick<NamedQuery, 'name' | 'declared'>, params: Record<string, ParamValue>): ParamDeclaration[] {
  const checks = NAMED_QUERY_CHECKS[query.name] ?? {};
  return query.declared.flatMap((d) => {
    const check = checks[d.name];
    const value = params[d.name];
    if (!check || !('communityUnlessNegative' in check) || value === undefined || Number(value.toString()) < 0) return [];
    return [{ ...d, type: 'community' as const }];
  });
}

/**
 * Checks `query`'s word-valued parameters now ({@link checkParamWords}) and returns the
 * declarations whose values the database must hold: every declared one (the store looks up
 * concepts, papers and communities by their type) and the checked community ids.
 */
export function checkNamedQueryParams(query: Pick<NamedQuery, 'name' | 'declared'>, params: Record<string, ParamValue>): ParamDeclaration[] {
  checkParamWords(query, params);
  return [...query.declared, ...communityLookups(query, params)];
}
