/**
 * Key counts
 * ==========
 *
 * Corpus statistics of the counted keys (document frequency, independent and nested
 * occurrences, the longer keys holding each), and the eligible keys they decide: C-value
 * termhood after Frantzi, Ananiadou & Mima 2000 (https://doi.org/10.1007/s007999900023), the
 * nested-term rule and the boilerplate filter.
 */
import { bracketsBalance } from '../normalize.js';
import { isBoilerplate } from '../stoplist.js';
import type { KeyTable } from './key-table.js';
import { MAXIMAL, NAMED, SUFFIX, type Occurrences } from './occurrences.js';
import { growInt32 } from './typed-arrays.js';
import type { EligibleKey } from './types.js';

/** Share of a single word's occurrences written as a name that makes it one. */
const NAMED_SHARE = 0.3;

/** Share of a single word's occurrences that must stand alone (not inside a longer candidate). */
const SINGLE_ALONE = 0.2;

/** Corpus statistics of counted keys, in columns indexed by key id. */
export class KeyCounts {
  /** Paper last counting the key; -1: the key has no statistics. */
  lastPaper = new Int32Array(0);
  df = new Int32Array(0);
  freq = new Int32Array(0);
  independent = new Int32Array(0);
  /** Occurrences as the head-preserving tail of a longer chunk ("ship control" in "safe ship control"). */
  suffix = new Int32Array(0);
  /**
   * Distinct longer keys this key is nested in, and their total frequency. Most keys have one:
   * it is held in `parent`, and the set is made only when a second one comes.
   */
  parent = new Int32Array(0);
  /** Index + 1 in `parentSets` of the key's set of parents, once it has two (0: none). */
  parentSet = new Int32Array(0);
  readonly parentSets: Array<Set<number>> = [];
  nestedFreq = new Int32Array(0);
  /**
   * How often each one-word-longer key holds this one (C-value's nesting, word by word): the
   * first such key and its count, and a map of all of them once there is a second.
   */
  ext = new Int32Array(0);
  extCount = new Int32Array(0);
  /** Index + 1 in `extMaps` of the key's counts per longer key, once it has two (0: none). */
  extMap = new Int32Array(0);
  readonly extMaps: Array<Map<number, number>> = [];
  /** Occurrences written as a name (see `Occurrence.named`). */
  named = new Int32Array(0);
  words = new Int32Array(0);
  readonly acronym = new Map<number, string>();
  /** Counted keys in the order they were first counted. */
  order: number[] = [];

  ensure(capacity: number): void {
    if (this.lastPaper.length >= capacity) return;
    const n = Math.max(capacity, this.lastPaper.length * 2);
    this.lastPaper = growInt32(this.lastPaper, n, -1);
    this.df = growInt32(this.df, n);
    this.freq = growInt32(this.freq, n);
    this.independent = growInt32(this.independent, n);
    this.suffix = growInt32(this.suffix, n);
    this.parent = growInt32(this.parent, n, -1);
    this.nestedFreq = growInt32(this.nestedFreq, n);
    this.ext = growInt32(this.ext, n, -1);
    this.extCount = growInt32(this.extCount, n);
    this.named = growInt32(this.named, n);
    this.words = growInt32(this.words, n);
    this.parentSet = growInt32(this.parentSet, n);
    this.extMap = growInt32(this.extMap, n);
  }
}

/**
 * Counts paper `p`'s occurrences into `s` (grown to `capacity` keys). A key not counted yet is
 * counted only if `admits` it (a pass counting a share of the keys, or keys that may reach
 * `minDf` papers).
 */
export function countOccurrences(s: KeyCounts, occ: Occurrences, p: number, capacity: number, admits: (key: number) => boolean): void {
  s.ensure(capacity);
  const { lastPaper, df, freq, independent, suffix, parent: firstParent, parentSet, parentSets, nestedFreq, ext: firstExt, extCount, extMap, extMaps, named } = s;
  // Chunk-level parent relation for C-value: each maximal key is the parent of its n-grams.
  for (let i = 0; i < occ.length; i++) {
    const key = occ.key[i]!;
    const last = lastPaper[key]!;
    if (last === -1) {
      if (!admits(key)) continue;
      s.words[key] = occ.words[i]!;
      s.order.push(key);
    }
    if (last !== p) {
      df[key]!++;
      lastPaper[key] = p;
    }
    freq[key]!++;
    const flags = occ.flags[i]!;
    if (flags & MAXIMAL) independent[key]!++;
    else if (flags & SUFFIX) suffix[key]!++;
    const acronym = occ.acronym[i];
    if (acronym) s.acronym.set(key, acronym);
    const parent = occ.parent[i]!;
    if (parent >= 0 && parent !== key) {
      const first = firstParent[key]!;
      if (first < 0) firstParent[key] = parent;
      else {
        const set = parentSet[key]!;
        if (set > 0) parentSets[set - 1]!.add(parent);
        else if (parent !== first) parentSet[key] = parentSets.push(new Set([first, parent]));
      }
      nestedFreq[key]!++;
    }
    if (flags & NAMED) named[key]!++;
    const ext = occ.ext[i]!;
    if (ext >= 0 && ext !== key) {
      const first = firstExt[key]!;
      if (first < 0) {
        firstExt[key] = ext;
        extCount[key] = 1;
      } else {
        const m = extMap[key]!;
        if (m > 0) {
          const map = extMaps[m - 1]!;
          map.set(ext, (map.get(ext) ?? 0) + 1);
        } else if (ext === first) extCount[key]!++;
        else extMap[key] = extMaps.push(new Map([[first, extCount[key]!], [ext, 1]]));
      }
    }
  }
}

/**
 * C-value's nested-term rule, word by word: a key that is (almost) always part of one longer
 * key ("tangent kernel", "neural tangent" inside "neural tangent kernel") is not a concept of its
 * own. A single word must also stand alone often enough: "network" written mostly inside
 * "neural network", "Hopfield network", … is a head, not a concept.
 */
export function standsAlone(s: KeyCounts, id: number): boolean {
  if (s.ext[id]! < 0) return true;
  const freq = s.freq[id]!;
  let top = s.extCount[id]!;
  let nested = top;
  const exts = s.extMap[id]! > 0 ? s.extMaps[s.extMap[id]! - 1]! : undefined;
  if (exts) {
    top = 0;
    nested = 0;
    for (const c of exts.values()) {
      nested += c;
      if (c > top) top = c;
    }
  }
  const alone = freq - nested;
  if (top >= 0.7 * freq && alone <= 0.2 * freq) return false;
  // A name ("Hopfield", "Stokes") is a concept even when mostly a modifier.
  if (s.words[id] === 1 && alone < SINGLE_ALONE * freq && s.named[id]! < NAMED_SHARE * freq) return false;
  return true;
}

/** What settling the counted keys needs besides their counts. */
export interface SettleInput {
  /** Papers in the corpus. */
  papers: number;
  minDf: number;
  /** Ids of the acronyms' long-form keys (concepts even when only ever nested). */
  longForm: ReadonlySet<number>;
}

/**
 * The eligible keys among those counted in `s`, with their termhood and idf, in counting order:
 * into `eligible` by text, and into `byId` (index + 1 in `list`, by key id). Returns how many.
 */
export function settleKeys(
  s: KeyCounts,
  keys: KeyTable,
  { papers, minDf, longForm }: SettleInput,
  eligible: Map<string, EligibleKey>,
  byId: Int32Array,
  list: EligibleKey[],
): number {
  const N = Math.max(1, papers);
  let settled = 0;
  for (const id of s.order) {
    const df = s.df[id]!;
    if (df < minDf) continue;
    const acronym = s.acronym.get(id);
    const isAcronym = longForm.has(id) || acronym !== undefined;
    const set = s.parentSet[id]! > 0 ? s.parentSets[s.parentSet[id]! - 1] : undefined;
    const parents = set ? set.size : s.parent[id]! >= 0 ? 1 : 0;
    const words = s.words[id]!;
    if (!isAcronym && s.independent[id] === 0 && parents < 2 && !(s.suffix[id]! > 0 && words >= 2)) continue;
    if (!isAcronym && !standsAlone(s, id)) continue;
    // The text tests last: most keys are dropped by the counts above, for less.
    const key = keys.text(id);
    if (!/\p{L}/u.test(key) || !bracketsBalance(key)) continue;
    if (isBoilerplate(key)) continue;
    // C-value: frequency minus the average frequency of the longer terms holding it.
    const nestedAvg = parents ? s.nestedFreq[id]! / parents : 0;
    const cvalue = Math.log2(1 + words) * Math.max(0.5, s.freq[id]! - nestedAvg + (parents > 1 ? Math.log2(parents) : 0));
    const e: EligibleKey = { termhood: cvalue, idf: Math.log((N + 1) / df), df, isAcronym };
    if (acronym !== undefined) e.acronym = acronym;
    eligible.set(key, e);
    list.push(e);
    byId[id] = list.length;
    settled++;
  }
  return settled;
}
