import { describe, expect, it } from 'vitest';
import { chooseKeyConcepts, KEY_CONCEPT_DEFAULTS, npmi, type KeyConceptCandidate } from '../../src/graph/key-concepts.js';

/** A candidate from the group's papers it covers and the papers outside the group it is in. */
const candidate = (inside: number[], outside: number[] = []): KeyConceptCandidate => ({
  inside,
  papers: new Set([...inside, ...outside]),
});
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
const options = (groupSize: number, totalPapers: number, count = 10) => ({ ...KEY_CONCEPT_DEFAULTS, count, groupSize, totalPapers });

describe('chooseKeyConcepts', () => {
  it('picks nothing for an empty group or corpus', () => {
    expect(chooseKeyConcepts([candidate([0])], options(0, 10))).toEqual([]);
    expect(chooseKeyConcepts([], options(5, 10))).toEqual([]);
  });

  it('never picks a concept spread over the corpus as the group is, however many papers it covers', () => {
    // The group is papers 0–9 of 40; 'everywhere' is in every paper.
    const everywhere = candidate(range(0, 10), range(10, 40));
    const focused = candidate(range(0, 4));
    expect(chooseKeyConcepts([everywhere, focused], options(10, 40))).toEqual([1]);
  });

  it('prefers a concept that reaches papers not yet described over a twin of one picked', () => {
    // 'twin' repeats the first pick's papers; 'other' covers the rest and meets the first in paper 5.
    const first = candidate(range(0, 6));
    const twin = candidate(range(0, 6));
    const other = candidate(range(5, 10));
    expect(chooseKeyConcepts([first, twin, other], options(10, 100, 2))).toEqual([0, 2]);
  });

  it('prefers a concept that co-occurs with those picked over one that never meets them', () => {
    const first = candidate(range(0, 6));
    const apart = candidate(range(6, 10));
    const together = candidate([4, 5, 6, 7]);
    expect(chooseKeyConcepts([first, apart, together], options(10, 100, 2))).toEqual([0, 2]);
  });

  it('breaks ties by the order given', () => {
    expect(chooseKeyConcepts([candidate([0, 1]), candidate([2, 3])], options(4, 8, 1))).toEqual([0]);
    expect(chooseKeyConcepts([candidate([2, 3]), candidate([0, 1])], options(4, 8, 1))).toEqual([0]);
  });
});

describe('npmi', () => {
  it.each([
    ['never together', [0, 1], [2, 3], 10, -1],
    ['always together', [0, 1, 2], [0, 1, 2], 3, 1],
    ['independent', [0, 1, 2, 3, 4], [0, 1, 5, 6], 10, Math.log(0.2 / (0.5 * 0.4)) / -Math.log(0.2)],
  ])('%s', (_name, a, b, n, expected) => {
    expect(npmi(new Set(a), new Set(b), n)).toBeCloseTo(expected, 10);
  });
});
