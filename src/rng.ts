/**
 * Seeded random numbers
 * =====================
 *
 * One small generator for every seeded choice in PaperGraph (Louvain's node order, Leiden's
 * refinement, layout starting positions, generated test and benchmark graphs), so a result is a
 * function of its input and its seed.
 */

/** A function returning a float in [0, 1), like `Math.random`. */
export type Rng = () => number;

/**
 * mulberry32: a tiny 32-bit generator, plenty for shuffling node orders and seeding a layout
 * (not for cryptography).
 */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
