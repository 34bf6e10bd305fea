/**
 * Seeded random numbers
 * =====================
 *
 * Every random choice in the graph stage (Louvain's node order, Leiden's refinement, the
 * layout's starting positions) draws from one of these, so a build is a function of its input
 * and its seed.
 */

export { createRng, type Rng } from '../rng.js';
import type { Rng } from '../rng.js';

/**
 * The two methods `networkanalysis-ts` calls on its `java-random` generator, backed by `rng`,
 * so Leiden is seeded through the same generator as everything else.
 */
export function createJavaRandomAdapter(rng: Rng): { nextInt(bound: number): number; nextDouble(): number } {
  return {
    nextInt: (bound: number) => Math.floor(rng() * bound),
    nextDouble: () => rng(),
  };
}
