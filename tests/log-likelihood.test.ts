import { describe, expect, it } from 'vitest';
import { isOverused, logLikelihood } from '../src/log-likelihood.js';

describe('logLikelihood (Dunning G²)', () => {
  it.each([
    // a, b, c, d, G² worked by hand
    // E₁ = 5, E₂ = 10: 2 (10 ln 2 + 5 ln ½) = 10 ln 2.
    [10, 5, 100, 200, 10 * Math.LN2],
    // E₁ = 1.65: 2 · 3 ln(3 / 1.65).
    [3, 0, 11, 9, 6 * Math.log(3 / 1.65)],
    // E₁ = 2.75, E₂ = 2.25.
    [4, 1, 11, 9, 2 * (4 * Math.log(4 / 2.75) + Math.log(1 / 2.25))],
    // Same rate in both corpora: nothing to see.
    [5, 5, 100, 100, 0],
    // Never seen, or an empty corpus.
    [0, 0, 100, 100, 0],
    [3, 0, 0, 10, 0],
  ])('G²(%d, %d, %d, %d) = %f', (a, b, c, d, expected) => {
    expect(logLikelihood(a, b, c, d)).toBeCloseTo(expected, 9);
  });

  it('is symmetric in which corpus is the target', () => {
    expect(logLikelihood(2, 9, 40, 60)).toBeCloseTo(logLikelihood(9, 2, 60, 40), 12);
  });

  it.each([
    [3, 0, 11, 9, true],
    [1, 2, 11, 9, false],
    [5, 5, 100, 100, false],
    [1, 0, 10, 0, true],
    [0, 1, 0, 10, false],
  ])('isOverused(%d, %d, %d, %d) = %s', (a, b, c, d, expected) => {
    expect(isOverused(a, b, c, d)).toBe(expected);
  });
});
