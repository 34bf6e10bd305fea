/**
 * Dunning log-likelihood
 * ======================
 *
 * G² for a term seen `a` times in a target corpus of `c` tokens and `b` times in a reference
 * corpus of `d` tokens: G² = 2 (a ln(a/E₁) + b ln(b/E₂)), E₁ = c(a+b)/(c+d), E₂ = d(a+b)/(c+d).
 * Unlike chi-squared it stays reliable for the rare terms research clusters are made of.
 *
 * Dunning, T. (1993). Accurate methods for the statistics of surprise and coincidence.
 * Computational Linguistics 19(1), 61–74. https://aclanthology.org/J93-1003
 * Rayson, P. & Garside, R. (2000). Comparing corpora using frequency profiling.
 * https://doi.org/10.3115/1117729.1117730
 */

/** x ln(x / e), with the limit 0 at x = 0. */
function term(x: number, expected: number): number {
  return x > 0 ? x * Math.log(x / expected) : 0;
}

/**
 * Dunning's G² of a term: `a` occurrences among `c` in the target, `b` among `d` in the
 * reference. Returns 0 when either corpus is empty or the term never occurs.
 */
export function logLikelihood(a: number, b: number, c: number, d: number): number {
  const n = c + d;
  if (c <= 0 || d < 0 || n <= 0 || a + b <= 0) return 0;
  const e1 = (c * (a + b)) / n;
  const e2 = (d * (a + b)) / n;
  const g2 = 2 * (term(a, e1) + term(b, e2));
  // Rounding can leave −1e−16 for a term used at the same rate in both corpora.
  return g2 > 0 ? g2 : 0;
}

/** True when the term is relatively more frequent in the target than in the reference. */
export function isOverused(a: number, b: number, c: number, d: number): boolean {
  if (c <= 0) return false;
  if (d <= 0) return a > 0;
  return a / c > b / d;
}
