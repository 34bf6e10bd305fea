/**
 * Communities of a growing graph
 * ==============================
 *
 * When papers are added to a build, the communities are recomputed from the previous partition
 * rather than from scratch: old concepts start in their previous community, new concepts start
 * alone, and Louvain (Blondel et al. 2008, https://doi.org/10.1088/1742-5468/2008/10/P10008)
 * improves that partition with a bonus for staying put, in the spirit of evolutionary
 * clustering (Chakrabarti, Kumar & Tomkins 2006, https://doi.org/10.1145/1150402.1150467).
 * A plain warm start is not enough: the added papers re-weight every co-occurrence, and
 * modularity has many near-equal optima, so an unconstrained run drifts far from the previous
 * partition for little gain. The stickiest bonus whose result stays within a tolerance (2%) of
 * the modularity of a run from scratch is kept; Leiden (Traag, Waltman & van Eck 2019,
 * https://doi.org/10.1038/s41598-019-41695-z) polishing is tried when Louvain alone falls short.
 *
 * Community ids stay stable: each new community takes the id of the previous community it
 * shares most concepts with (one-to-one, largest overlaps first); the others get ids after the
 * largest previous id. The overlaps also say what changed: communities grown or shrunk, split,
 * merged, created, dissolved.
 */
import { UserError } from '../errors.js';
import type { CommunitiesFile, CommunityChanges, CommunityResize } from '../model.js';
import type { KnowledgeGraph } from './build.js';
import { describeCommunities, resolveCommunityOptions, type CommunityOptions } from './communities.js';
import { clusteringGraph, mergeSmallTopics, partitionFields, placeAllConcepts } from './hierarchy.js';
import { partitionGraph, standardModularity } from './partition.js';
import { createRng } from './rng.js';
import { stickyLouvain } from './sticky-louvain.js';
import { compareStrings, toConceptGraph } from './util.js';

export type { CommunityChanges, CommunityResize } from '../model.js';

/** Share of a previous community's surviving concepts a new community must take to count in a split. */
const SPLIT_SHARE = 0.25;
/** Share of a previous community's surviving concepts that must go into one community to count in a merge. */
const MERGE_SHARE = 0.5;
/** A split or merge moves at least this many concepts (one concept moving is not a split). */
const MIN_MOVED = 2;

/** `max` over an iterable, `fallback` when empty. */
function maxOf(values: Iterable<number>, fallback: number): number {
  let max = fallback;
  for (const v of values) if (v > max) max = v;
  return max;
}

/**
 * Matches the communities of `next` (concept key → any community number) to those of
 * `previous` (concept key → community id) by shared concepts: pairs in order of overlap
 * (largest first; ties by previous id, then the smaller new community's first concept),
 * each side used once. Unmatched new communities get ids after the largest previous id,
 * largest first. Returns the id of every community number of `next`, and the changes.
 * Pure and deterministic.
 */
export function matchCommunityIds(
  previous: ReadonlyMap<string, number>,
  next: ReadonlyMap<string, number>,
): { idOf: Map<number, number>; changes: CommunityChanges } {
  // Members and sizes on each side; overlaps on concepts in both.
  const nextMembers = new Map<number, string[]>();
  for (const [key, c] of next) {
    let list = nextMembers.get(c);
    if (!list) nextMembers.set(c, (list = []));
    list.push(key);
  }
  for (const list of nextMembers.values()) list.sort(compareStrings);
  const firstKey = (c: number) => nextMembers.get(c)![0]!;
  const previousSize = new Map<number, number>();
  const survivors = new Map<number, number>();
  for (const [key, c] of previous) {
    previousSize.set(c, (previousSize.get(c) ?? 0) + 1);
    if (next.has(key)) survivors.set(c, (survivors.get(c) ?? 0) + 1);
  }
  const overlap = new Map<number, Map<number, number>>(); // previous id → next number → shared
  let sharedConcepts = 0;
  for (const [key, c] of next) {
    const p = previous.get(key);
    if (p === undefined) continue;
    sharedConcepts++;
    let row = overlap.get(p);
    if (!row) overlap.set(p, (row = new Map()));
    row.set(c, (row.get(c) ?? 0) + 1);
  }

  // Greedy one-to-one matching, largest overlaps first.
  const pairs: { p: number; n: number; shared: number }[] = [];
  for (const [p, row] of overlap) for (const [n, shared] of row) pairs.push({ p, n, shared });
  pairs.sort((x, y) => y.shared - x.shared || x.p - y.p || compareStrings(firstKey(x.n), firstKey(y.n)));
  const idOf = new Map<number, number>();
  const taken = new Set<number>();
  for (const { p, n } of pairs) {
    if (idOf.has(n) || taken.has(p)) continue;
    idOf.set(n, p);
    taken.add(p);
  }
  const unmatched = [...nextMembers.keys()]
    .filter((n) => !idOf.has(n))
    .sort((x, y) => nextMembers.get(y)!.length - nextMembers.get(x)!.length || compareStrings(firstKey(x), firstKey(y)));
  let fresh = maxOf(previous.values(), -1) + 1;
  for (const n of unmatched) idOf.set(n, fresh++);

  // What changed.
  const newConcepts = [...next.keys()].filter((k) => !previous.has(k)).sort(compareStrings);
  const removedConcepts = [...previous.keys()].filter((k) => !next.has(k)).sort(compareStrings);
  let keptConcepts = 0;
  const newIn = new Map<number, number>(); // final id → new concepts in it
  for (const [key, c] of next) {
    const id = idOf.get(c)!;
    const p = previous.get(key);
    if (p === undefined) newIn.set(id, (newIn.get(id) ?? 0) + 1);
    else if (p === id) keptConcepts++;
  }
  const sizeOf = new Map<number, number>([...nextMembers].map(([n, members]) => [idOf.get(n)!, members.length]));

  const split: CommunityChanges['split'] = [];
  const mergeSources = new Map<number, number[]>(); // final id → previous ids mostly inside it
  for (const p of [...overlap.keys()].sort((x, y) => x - y)) {
    const row = overlap.get(p)!;
    const surviving = survivors.get(p)!;
    const parts = [...row]
      .filter(([, shared]) => shared >= MIN_MOVED && shared >= SPLIT_SHARE * surviving)
      .map(([n]) => idOf.get(n)!)
      .sort((x, y) => (x === p ? -1 : y === p ? 1 : x - y));
    const joined = parts.filter((id) => id !== p && previousSize.has(id));
    if (parts.length >= 2) split.push({ from: p, into: parts, ...(joined.length > 0 && { joined }) });
    for (const [n, shared] of row) {
      if (shared >= MIN_MOVED && shared > MERGE_SHARE * surviving) {
        const id = idOf.get(n)!;
        mergeSources.set(id, [...(mergeSources.get(id) ?? []), p]);
      }
    }
  }
  const merged: CommunityChanges['merged'] = [...mergeSources]
    .filter(([, from]) => from.length >= 2)
    .map(([into, from]) => ({ into, from: from.sort((x, y) => (x === into ? -1 : y === into ? 1 : x - y)) }))
    .sort((x, y) => x.into - y.into);

  const previousIds = new Set(previous.values());
  const splitParts = new Set(split.flatMap((s) => s.into));
  const mergedFrom = new Set(merged.flatMap((m) => m.from));
  const created = [...sizeOf]
    .filter(([id]) => !previousIds.has(id) && !splitParts.has(id))
    .map(([id, size]) => ({ id, size, newConcepts: newIn.get(id) ?? 0 }))
    .sort((x, y) => x.id - y.id);
  const finalIds = new Set(sizeOf.keys());
  const dissolved = [...previousSize]
    .filter(([id]) => !finalIds.has(id) && !mergedFrom.has(id))
    .map(([id, size]) => ({ id, size }))
    .sort((x, y) => x.id - y.id);

  const grown: CommunityResize[] = [];
  const shrunk: CommunityResize[] = [];
  for (const [id, after] of [...sizeOf].sort((x, y) => x[0] - y[0])) {
    const before = previousSize.get(id);
    if (before === undefined || before === after) continue;
    const resize = { id, before, after, newConcepts: newIn.get(id) ?? 0 };
    (after > before ? grown : shrunk).push(resize);
  }
  grown.sort((x, y) => y.after - y.before - (x.after - x.before) || x.id - y.id);
  shrunk.sort((x, y) => x.after - x.before - (y.after - y.before) || x.id - y.id);

  return {
    idOf,
    changes: { newConcepts, removedConcepts, sharedConcepts, keptConcepts, grown, shrunk, split, merged, created, dissolved },
  };
}

/** Options of {@link detectCommunitiesFrom}: those of `detectCommunities`, and how much modularity stability may cost. */
export interface EvolveOptions extends CommunityOptions {
  /**
   * The warm-started partition may have at most this much less modularity than a run from
   * scratch, as a fraction of it (0.02 = 2%). The most stable partition within it is kept.
   */
  tolerance: number;
  /**
   * Stay bonuses tried, most stable first: a concept staying in the community of its previous
   * id gains this fraction of its strength (see {@link stickyLouvain}). The last should be 0.
   */
  stickiness: number[];
}

export const EVOLVE_DEFAULTS: Pick<EvolveOptions, 'tolerance' | 'stickiness'> = {
  // Topics found on the core concept graph sit in a flat landscape: runs from scratch with other
  // seeds spread over 1–3% of modularity, so 2% keeps ids without leaving what a scratch run finds.
  tolerance: 0.02,
  stickiness: [0.2, 0.1, 0.05, 0.02, 0.01, 0],
};

/**
 * The communities of `graph`, warm-started from `previous` (the communities of an earlier,
 * smaller build of the same corpus). Old concepts start in their previous community, new ones
 * alone; Louvain with a bonus for staying (see {@link stickyLouvain}) improves that partition,
 * stickiest bonus first, and the first result whose modularity is within `tolerance` of a run
 * from scratch (the `algorithm` asked for, same seed) is kept (the file then says `louvain`).
 * Until one is, each result polished by one Leiden iteration is a candidate too, and the most
 * stable acceptable candidate wins (the file says `leiden`). When none is acceptable, Leiden
 * improves the previous partition, and if even that falls short the scratch partition is used.
 * Ids are matched by overlap ({@link matchCommunityIds}); the file lists communities by id.
 * Sets `community` on the graph's nodes, like `detectCommunities`. Deterministic for a seed.
 */
export function detectCommunitiesFrom(
  graph: KnowledgeGraph,
  previous: CommunitiesFile,
  options: Partial<EvolveOptions> = {},
): { communities: CommunitiesFile; changes: CommunityChanges } {
  const { tolerance = EVOLVE_DEFAULTS.tolerance, stickiness = EVOLVE_DEFAULTS.stickiness, ...rest } = options;
  const o = resolveCommunityOptions(rest);
  if (!(tolerance >= 0 && tolerance < 1)) {
    throw new UserError(`communities: invalid \`tolerance\` ${tolerance}. Expecting a number in [0, 1).`);
  }
  if (!stickiness.every((b) => Number.isFinite(b) && b >= 0)) {
    throw new UserError('communities: invalid `stickiness`. Expecting numbers ≥ 0.');
  }
  // Topics are warm-started on the core concept graph (as found from scratch); fields are then
  // found from the topics again, their ids matched to the earlier fields.
  const clustering = clusteringGraph(graph, o.coreMinDf);
  const concepts = clustering.core;
  const previousOf = new Map<string, number>();
  for (const community of previous.communities) for (const key of community.concepts) previousOf.set(key, community.id);
  const initial = new Map<string, number>();
  concepts.forEachNode((node, attributes) => {
    const id = previousOf.get(attributes.key);
    if (id !== undefined) initial.set(node, id);
  });

  const scratch = partitionGraph(concepts, {
    algorithm: o.algorithm,
    resolution: o.resolution,
    rng: createRng(o.seed),
    iterations: o.iterations,
  });
  // Partitions compete on the modularity the file reports: every concept placed, on the whole
  // concept graph. On the core alone the landscape is flat (adding papers moves pairs over and
  // under the two-paper threshold), and the earlier topics would rarely be kept.
  const everyConcept = toConceptGraph(graph);
  const keyOf = (node: string) => (graph.getNodeAttributes(node) as { key: string }).key;
  /**
   * A core partition completed as it would be written — small topics merged, the other concepts
   * placed (kept in the topic that took their earlier topic's id when they can) — with its ids
   * matched, its share of concepts keeping their id, and its modularity.
   */
  const candidate = (core: ReadonlyMap<string, number>, algorithm: CommunitiesFile['algorithm'], keepEarlier = true) => {
    const coreTopics = new Map(core);
    mergeSmallTopics(concepts, coreTopics, o.minTopicConcepts);
    const coreOf = new Map<string, number>();
    for (const [node, c] of coreTopics) coreOf.set(keyOf(node), c);
    const rawOfId = new Map<number, number>();
    for (const [raw, id] of matchCommunityIds(previousOf, coreOf).idOf) rawOfId.set(id, raw);
    const membership = placeAllConcepts(
      graph,
      clustering,
      coreTopics,
      keepEarlier
        ? (node) => {
            const id = previousOf.get(keyOf(node));
            return id === undefined ? undefined : rawOfId.get(id);
          }
        : undefined,
    );
    const nextOf = new Map<string, number>();
    for (const [node, c] of membership) nextOf.set(keyOf(node), c);
    const match = matchCommunityIds(previousOf, nextOf);
    const kept = match.changes.sharedConcepts > 0 ? match.changes.keptConcepts / match.changes.sharedConcepts : 1;
    return { membership, algorithm, kept, modularity: standardModularity(everyConcept, membership), ...match };
  };
  type Candidate = ReturnType<typeof candidate>;
  // The scratch partition as a build from scratch writes it (no earlier topics to keep).
  const scratchCandidate = candidate(scratch.membership, o.algorithm, false);
  const floor = scratchCandidate.modularity - tolerance * Math.abs(scratchCandidate.modularity);
  // Stickiest first: the first sticky result within tolerance is the most stable one. Until
  // then, Leiden polishing each result is tried too (it finds partitions Louvain misses); the
  // most stable acceptable candidate wins.
  let chosen: Candidate | undefined;
  const polished: Candidate[] = [];
  for (const bonus of stickiness) {
    const sticky = candidate(stickyLouvain(concepts, initial, { resolution: o.resolution, bonus, rng: createRng(o.seed) }), 'louvain');
    if (sticky.modularity >= floor) {
      chosen = sticky;
      break;
    }
    const leiden = partitionGraph(concepts, {
      algorithm: 'leiden',
      resolution: o.resolution,
      rng: createRng(o.seed),
      iterations: 1,
      initial: sticky.membership,
    });
    const polish = candidate(leiden.membership, 'leiden');
    if (polish.modularity >= floor) polished.push(polish);
  }
  for (const c of polished) if (!chosen || c.kept > chosen.kept) chosen = c;
  if (!chosen) {
    const leiden = partitionGraph(concepts, {
      algorithm: 'leiden',
      resolution: o.resolution,
      rng: createRng(o.seed),
      iterations: o.iterations,
      initial,
    });
    const warm = candidate(leiden.membership, 'leiden');
    chosen = warm.modularity >= floor ? warm : scratchCandidate;
  }
  const { membership, ...match } = chosen;
  const fields = partitionFields(clustering, membership, o);
  const fieldIds = matchFieldIds(previous, membership, fields.fieldOfTopic, keyOf);
  const communities = describeCommunities(
    graph,
    membership,
    o,
    chosen.algorithm,
    { ...fields, ...(fieldIds && { idOf: fieldIds }) },
    match.idOf,
  );
  return { communities, changes: match.changes };
}

/**
 * The ids of the new fields (field number → id), matched to the earlier build's fields by
 * shared concepts; undefined when the earlier file had no fields.
 */
function matchFieldIds(
  previous: CommunitiesFile,
  membership: ReadonlyMap<string, number>,
  fieldOfTopic: ReadonlyMap<number, number>,
  keyOf: (node: string) => string,
): Map<number, number> | undefined {
  const previousFieldOf = new Map<string, number>();
  for (const community of previous.communities) {
    if (community.field === undefined) continue;
    for (const key of community.concepts) previousFieldOf.set(key, community.field);
  }
  if (previousFieldOf.size === 0) return undefined;
  const nextFieldOf = new Map<string, number>();
  for (const [node, t] of membership) nextFieldOf.set(keyOf(node), fieldOfTopic.get(t)!);
  return matchCommunityIds(previousFieldOf, nextFieldOf).idOf;
}

/** One readable line per change, for the build summary (empty when nothing changed). */
export function formatCommunityChanges(changes: CommunityChanges): string[] {
  const lines: string[] = [];
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (changes.newConcepts.length > 0) lines.push(`${plural(changes.newConcepts.length, 'new concept')}`);
  if (changes.removedConcepts.length > 0) lines.push(`${plural(changes.removedConcepts.length, 'concept')} no longer in the graph`);
  if (changes.sharedConcepts > 0) {
    const share = (100 * changes.keptConcepts) / changes.sharedConcepts;
    lines.push(
      `${changes.keptConcepts} of ${plural(changes.sharedConcepts, 'previous concept')} kept their community (${share.toFixed(1)}%)`,
    );
  }
  for (const g of changes.grown) {
    lines.push(`community ${g.id} grew from ${g.before} to ${plural(g.after, 'concept')} (${g.newConcepts} new)`);
  }
  for (const s of changes.shrunk) lines.push(`community ${s.id} shrank from ${s.before} to ${plural(s.after, 'concept')}`);
  for (const s of changes.split) lines.push(formatSplit(s));
  for (const m of changes.merged) lines.push(`communities ${m.from.join(', ')} merged into ${m.into}`);
  for (const c of changes.created) {
    lines.push(`new community ${c.id} (${plural(c.size, 'concept')}, ${c.newConcepts} new)`);
  }
  for (const d of changes.dissolved) lines.push(`community ${d.id} dissolved (had ${plural(d.size, 'concept')})`);
  return lines;
}

/**
 * "community 12 split into 12, 14", or, when a part went into a community that existed before,
 * "community 12 split: part stayed in 12, part joined community 13" (never "split into" an id
 * that was already there).
 */
function formatSplit(s: CommunityChanges['split'][number]): string {
  const joined = s.joined ?? [];
  const formed = s.into.filter((id) => !joined.includes(id));
  if (joined.length === 0) return `community ${s.from} split into ${formed.join(', ')}`;
  const parts = formed.map((id) => (id === s.from ? `part stayed in ${id}` : `part formed new community ${id}`));
  parts.push(`part joined ${joined.length === 1 ? 'community' : 'communities'} ${joined.join(', ')}`);
  return `community ${s.from} split: ${parts.join(', ')}`;
}
