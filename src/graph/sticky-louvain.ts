/**
 * Louvain with a bonus for staying put
 * ====================================
 *
 * The community search behind `build --into` (./evolve.ts): Louvain from an earlier partition,
 * where a node in the community holding its initial label gains a share of its strength. The
 * graph is kept in compressed (CSR) typed arrays, one level per aggregation, so the local
 * moving loop touches no Map and no object property.
 */
import type { WeightedGraph } from './partition.js';
import type { Rng } from './rng.js';

/** Options of {@link stickyLouvain}. */
export interface StickyLouvainOptions {
  /** Resolution γ of the modularity optimized. */
  resolution: number;
  /** Fraction of a node's strength gained by staying in its initial community (0 = plain Louvain from `initial`). */
  bonus: number;
  rng: Rng;
}

/**
 * Louvain (Blondel et al. 2008, https://doi.org/10.1088/1742-5468/2008/10/P10008) started from
 * `initial` (node key → community; nodes missing start alone) and optimizing modularity plus a
 * bonus for stability: a node in the community holding its initial label adds `bonus` times its
 * strength, so a node leaves its community only when the modularity gain is worth it, as in
 * evolutionary clustering (Chakrabarti, Kumar & Tomkins 2006,
 * https://doi.org/10.1145/1150402.1150467). Communities keep labels as nodes move and merge,
 * so the bonus carries over to aggregated nodes (the strength of their members whose initial
 * label a community holds). Returns node key → label (initial labels where they survive).
 */
export function stickyLouvain(
  graph: WeightedGraph,
  initial: ReadonlyMap<string, number>,
  options: StickyLouvainOptions,
): Map<string, number> {
  const nodes = graph.nodes();
  const n = nodes.length;
  // Labels: the initial ones, then one fresh label per node without one. Internally labels are
  // indices into `labels` (sorted by value, so ties go to the smaller label).
  let fresh = 0;
  for (const c of initial.values()) if (c >= fresh) fresh = c + 1;
  const startLabel = nodes.map((node) => initial.get(node) ?? fresh++);
  const labels = [...new Set(startLabel)].sort((x, y) => x - y);
  const labelIndex = new Map(labels.map((c, i) => [c, i]));
  const membership = new Map<string, number>(nodes.map((node, i) => [node, startLabel[i]!]));
  if (n === 0) return membership;

  let level = firstLevel(graph, nodes, initial, Int32Array.from(startLabel, (c) => labelIndex.get(c)!), options.bonus);
  const total = level.strength.reduce((a, b) => a + b, 0);
  if (total === 0) return membership;

  const memberOf = Int32Array.from({ length: n }, (_, i) => i); // original node → level node
  const moves = createMoveScratch(labels.length, total, options);
  for (let depth = 0; ; depth++) {
    const moved = moveNodes(level, moves);
    if (!moved && depth > 0) break;
    const next = aggregateLevel(level, memberOf, labels.length);
    if (!next) break;
    level = next;
  }
  for (let v = 0; v < n; v++) membership.set(nodes[v]!, labels[level.community[memberOf[v]!]!]!);
  return membership;
}

/**
 * One level of {@link stickyLouvain} in compressed form. Level node `i` has the neighbours
 * `neighbors[offsets[i]..offsets[i+1]]` (no self-loops) with `weights`, its `strength` (with
 * self-loops), the bonus it keeps in each label (`bonusLabels`/`bonusAmounts` between its
 * `bonusOffsets`), and its community (a label index).
 */
interface StickyLevel {
  offsets: Int32Array;
  neighbors: Int32Array;
  weights: Float64Array;
  strength: Float64Array;
  bonusOffsets: Int32Array;
  bonusLabels: Int32Array;
  bonusAmounts: Float64Array;
  community: Int32Array;
}

/** Level 0: one level node per graph node, in `nodes` order, in the community of its start label. */
function firstLevel(
  graph: WeightedGraph,
  nodes: string[],
  initial: ReadonlyMap<string, number>,
  community: Int32Array,
  bonus: number,
): StickyLevel {
  const n = nodes.length;
  const index = new Map(nodes.map((node, i) => [node, i]));
  const offsets = new Int32Array(n + 1);
  const strength = new Float64Array(n);
  graph.forEachEdge((_e, _a, source, target) => {
    if (source === target) return;
    offsets[index.get(source)! + 1]! += 1;
    offsets[index.get(target)! + 1]! += 1;
  });
  for (let i = 0; i < n; i++) offsets[i + 1]! += offsets[i]!;
  const neighbors = new Int32Array(offsets[n]!);
  const weights = new Float64Array(offsets[n]!);
  const fill = offsets.slice(0, n);
  graph.forEachEdge((_e, attributes, source, target) => {
    const w = Number(attributes.weight);
    const i = index.get(source)!;
    const j = index.get(target)!;
    strength[i]! += w;
    strength[j]! += w;
    if (i === j) return;
    neighbors[fill[i]!] = j;
    weights[fill[i]!++] = w;
    neighbors[fill[j]!] = i;
    weights[fill[j]!++] = w;
  });

  // The bonus of a node with an initial label: its strength × bonus, kept in that label.
  const bonusOffsets = new Int32Array(n + 1);
  const labelsOf: number[] = [];
  const amounts: number[] = [];
  nodes.forEach((node, i) => {
    if (initial.has(node)) {
      labelsOf.push(community[i]!);
      amounts.push(bonus * strength[i]!);
    }
    bonusOffsets[i + 1] = labelsOf.length;
  });
  const bonusLabels = Int32Array.from(labelsOf);
  const bonusAmounts = Float64Array.from(amounts);
  return { offsets, neighbors, weights, strength, bonusOffsets, bonusLabels, bonusAmounts, community };
}

/** Per-label work arrays of the local moving phase, allocated once for all levels. */
interface MoveScratch {
  /** Total strength of each label's level nodes. */
  tot: Float64Array;
  /** Weight from the node being moved to each label, and the bonus it keeps there. */
  link: Float64Array;
  bonusIn: Float64Array;
  /** The labels `link`/`bonusIn` hold for this node (to reset only those). */
  touched: Int32Array;
  isTouched: Uint8Array;
  /** Gains closer than this are ties. */
  epsilon: number;
  /** γ / total strength. */
  scale: number;
  rng: Rng;
}

function createMoveScratch(labelCount: number, total: number, options: StickyLouvainOptions): MoveScratch {
  return {
    tot: new Float64Array(labelCount),
    link: new Float64Array(labelCount),
    bonusIn: new Float64Array(labelCount),
    touched: new Int32Array(labelCount),
    isTouched: new Uint8Array(labelCount),
    epsilon: 1e-12 * total,
    scale: options.resolution / total,
    rng: options.rng,
  };
}

/**
 * Local moving: visits the level nodes in a random order, moving each to the label of best gain
 * (modularity plus kept bonus; ties to the smaller label), until a pass moves none (at most
 * 1000 passes). Updates `level.community`; returns whether any node moved.
 */
function moveNodes(level: StickyLevel, scratch: MoveScratch): boolean {
  // Locals, not property reads, in the hot loop.
  const { offsets, neighbors, weights, strength, bonusOffsets, bonusLabels, bonusAmounts, community } = level;
  const { tot, link, bonusIn, touched, isTouched, epsilon, scale, rng } = scratch;
  const count = community.length;
  tot.fill(0);
  for (let i = 0; i < count; i++) tot[community[i]!]! += strength[i]!;
  const order = Int32Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  let movedThisLevel = false;
  for (let pass = 0; pass < 1000; pass++) {
    let moved = false;
    for (const i of order) {
      const current = community[i]!;
      const k = strength[i]!;
      let touchedCount = 1;
      touched[0] = current;
      isTouched[current] = 1;
      for (let e = offsets[i]!; e < offsets[i + 1]!; e++) {
        const c = community[neighbors[e]!]!;
        link[c]! += weights[e]!;
        if (!isTouched[c]) {
          isTouched[c] = 1;
          touched[touchedCount++] = c;
        }
      }
      for (let e = bonusOffsets[i]!; e < bonusOffsets[i + 1]!; e++) {
        const c = bonusLabels[e]!;
        bonusIn[c]! += bonusAmounts[e]!;
        if (!isTouched[c]) {
          isTouched[c] = 1;
          touched[touchedCount++] = c;
        }
      }
      tot[current]! -= k;
      let best = current;
      let bestGain = link[current]! - k * tot[current]! * scale + bonusIn[current]!;
      for (let t = 0; t < touchedCount; t++) {
        const c = touched[t]!;
        const gain = link[c]! - k * tot[c]! * scale + bonusIn[c]!;
        if (gain > bestGain + epsilon || (gain > bestGain - epsilon && c < best && c !== current && best !== current)) {
          best = c;
          bestGain = gain;
        }
      }
      for (let t = 0; t < touchedCount; t++) {
        const c = touched[t]!;
        link[c] = 0;
        bonusIn[c] = 0;
        isTouched[c] = 0;
      }
      tot[best]! += k;
      if (best !== current) {
        community[i] = best;
        moved = true;
        movedThisLevel = true;
      }
    }
    if (!moved) break;
  }
  return movedThisLevel;
}

/**
 * Aggregation: one level node per non-empty label (in label order), labels kept, edges and
 * bonuses summed. Moves `memberOf` (original node → level node) to the new level. Returns
 * `undefined`, changing nothing, when every label holds one level node (nothing to merge).
 */
function aggregateLevel(level: StickyLevel, memberOf: Int32Array, labelCount: number): StickyLevel | undefined {
  const { offsets, neighbors, weights, strength, bonusOffsets, bonusLabels, bonusAmounts, community } = level;
  const count = community.length;
  const at = new Int32Array(labelCount).fill(-1);
  const kept: number[] = [];
  for (let i = 0; i < count; i++) {
    const c = community[i]!;
    if (at[c] === -1) {
      at[c] = 0;
      kept.push(c);
    }
  }
  if (kept.length === count) return undefined;
  kept.sort((x, y) => x - y);
  kept.forEach((c, a) => (at[c] = a));
  const size = kept.length;
  const rows: Map<number, number>[] = Array.from({ length: size }, () => new Map());
  const bonusRows: Map<number, number>[] = Array.from({ length: size }, () => new Map());
  const nextStrength = new Float64Array(size);
  for (let i = 0; i < count; i++) {
    const a = at[community[i]!]!;
    nextStrength[a]! += strength[i]!;
    for (let e = offsets[i]!; e < offsets[i + 1]!; e++) {
      const b = at[community[neighbors[e]!]!]!;
      if (a !== b) rows[a]!.set(b, (rows[a]!.get(b) ?? 0) + weights[e]!);
    }
    for (let e = bonusOffsets[i]!; e < bonusOffsets[i + 1]!; e++) {
      bonusRows[a]!.set(bonusLabels[e]!, (bonusRows[a]!.get(bonusLabels[e]!) ?? 0) + bonusAmounts[e]!);
    }
  }
  for (let v = 0; v < memberOf.length; v++) memberOf[v] = at[community[memberOf[v]!]!]!;
  const [nextOffsets, nextNeighbors, nextWeights] = compress(rows);
  const [nextBonusOffsets, nextBonusLabels, nextBonusAmounts] = compress(bonusRows);
  return {
    offsets: nextOffsets,
    neighbors: nextNeighbors,
    weights: nextWeights,
    strength: nextStrength,
    bonusOffsets: nextBonusOffsets,
    bonusLabels: nextBonusLabels,
    bonusAmounts: nextBonusAmounts,
    community: Int32Array.from(kept),
  };
}

/** Rows of (column → value) as offsets, columns (ascending) and values. */
function compress(rows: Map<number, number>[]): [Int32Array, Int32Array, Float64Array] {
  const offsets = new Int32Array(rows.length + 1);
  rows.forEach((row, i) => (offsets[i + 1] = offsets[i]! + row.size));
  const columns = new Int32Array(offsets[rows.length]!);
  const values = new Float64Array(offsets[rows.length]!);
  rows.forEach((row, i) => {
    let e = offsets[i]!;
    for (const [c, v] of [...row].sort((x, y) => x[0] - y[0])) {
      columns[e] = c;
      values[e++] = v;
    }
  });
  return [offsets, columns, values];
}
