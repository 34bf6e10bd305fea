import { describe, expect, it } from 'vitest';
import { KeyTable } from '../../../src/extract/corpus/key-table.js';
import { MAXIMAL, Occurrences } from '../../../src/extract/corpus/occurrences.js';
import { candidateFacts, DEFAULT_WEIGHTS, handScore, paperWords, type CandidateCounts } from '../../../src/extract/corpus/score.js';
import type { EligibleKey } from '../../../src/extract/corpus/types.js';

/** A candidate seen once, as a whole chunk, at the start of the abstract: every factor 1 but idf and termhood. */
const PLAIN: CandidateCounts = { tf: 1, maximal: 1, firstPos: 0, inTitle: false, words: 2, participle: false };
const KEY: Pick<EligibleKey, 'idf' | 'termhood'> = { idf: 2, termhood: Math.E - 1 };

describe('the hand-weighted score', () => {
  it('is idf times log termhood to its weight for a plain candidate', () => {
    expect(handScore(PLAIN, KEY, DEFAULT_WEIGHTS)).toBeCloseTo(2, 12);
  });

  it.each([
    // [what changes, the candidate's counts, the factor on the plain score]
    ['nested only', { maximal: 0 }, DEFAULT_WEIGHTS.nested],
    ['one word', { words: 1 }, DEFAULT_WEIGHTS.unigram],
    ['four words', { words: 4 }, DEFAULT_WEIGHTS.long],
    ['five words', { words: 5 }, DEFAULT_WEIGHTS.long],
    ['later in the text', { firstPos: 0.1 }, Math.pow(1 / 2, DEFAULT_WEIGHTS.position)],
    ['more occurrences (tf weight 0)', { tf: 5 }, 1],
  ] as const)('%s', (_what, counts, factor) => {
    const score = handScore({ ...PLAIN, ...counts }, KEY, DEFAULT_WEIGHTS);
    expect(score / handScore(PLAIN, KEY, DEFAULT_WEIGHTS)).toBeCloseTo(factor, 12);
  });

  it('reads each weight', () => {
    const w = { ...DEFAULT_WEIGHTS, tf: 1, title: 3, participle: 0.5 };
    const score = handScore({ ...PLAIN, tf: 3, inTitle: true, participle: true }, KEY, w);
    expect(score).toBeCloseTo(2 * (1 + Math.log(3)) * 3 * 0.5, 12);
  });

  it('is 0 when not finite', () => {
    expect(handScore(PLAIN, { idf: 1, termhood: -2 }, DEFAULT_WEIGHTS)).toBe(0);
    expect(handScore(PLAIN, { idf: Infinity, termhood: 1 }, DEFAULT_WEIGHTS)).toBe(0);
  });

  it('is a function of its input only', () => {
    const input = { ...PLAIN };
    const first = handScore(input, KEY, DEFAULT_WEIGHTS);
    expect(handScore(input, KEY, DEFAULT_WEIGHTS)).toBe(first);
    expect(input).toEqual(PLAIN);
  });
});

describe('the facts a ranker reads', () => {
  it('averages the log frequency of the key words over whole chunks, and their share in the title', () => {
    const keys = new KeyTable();
    const occ = new Occurrences();
    const ship = keys.of('safe ship');
    const control = keys.of('ship control');
    // "safe ship" as a whole chunk in the title, "ship control" twice in the abstract, once nested.
    occ.push(ship, 0, 0, 0, 9, 2, MAXIMAL, -1, -1, undefined);
    occ.push(control, 1, 0, 0, 12, 2, MAXIMAL, -1, -1, undefined);
    occ.push(control, 1, 1, 0, 12, 2, MAXIMAL, -1, -1, undefined);
    occ.push(keys.of('control'), 1, 1, 5, 12, 1, 0, control, -1, undefined);
    const words = paperWords(occ, keys);
    const g: EligibleKey = { termhood: 1, idf: 0.5, df: 3, isAcronym: false };
    const counts: CandidateCounts = { tf: 2, maximal: 2, firstPos: 0.2, inTitle: false, words: 2, participle: false };
    const facts = candidateFacts(control, counts, g, true, words, keys, 0.25);
    // "ship" 3 times, "control" twice; "ship" alone in the title.
    expect(facts.wordTf).toBeCloseTo((Math.log(3) + Math.log(2)) / 2, 12);
    expect(facts.titleOverlap).toBe(0.5);
    expect(facts).toMatchObject({ tf: 2, maximal: 2, firstPos: 0.2, words: 2, adjective: true, acronym: false, df: 3, idf: 0.5, handScore: 0.25 });
  });
});
