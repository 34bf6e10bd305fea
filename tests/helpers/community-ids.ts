import { matchCommunityIds } from '../../src/graph/index.js';
import type { CommunitiesFile } from '../../src/model.js';

/** concept key → community id of a communities file. */
export const communityOf = (file: CommunitiesFile): Map<string, number> =>
  new Map(file.communities.flatMap((c) => c.concepts.map((k) => [k, c.id] as const)));

/**
 * Concepts of `first` still in `after`, and the share of them in a community of the same id.
 * `rematch`: `after` numbered its communities afresh (a scratch build); match them to `first`'s
 * ids by overlap first, as `--into` does.
 */
export function keptShare(first: CommunitiesFile, after: CommunitiesFile, rematch = false): { shared: number; kept: number } {
  const before = communityOf(first);
  let next = communityOf(after);
  if (rematch) {
    const { idOf } = matchCommunityIds(before, next);
    next = new Map([...next].map(([k, c]) => [k, idOf.get(c)!]));
  }
  const shared = [...before.keys()].filter((k) => next.has(k));
  return { shared: shared.length, kept: shared.filter((k) => before.get(k) === next.get(k)).length / shared.length };
}
