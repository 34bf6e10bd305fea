/**
 * Growing typed arrays
 * ====================
 *
 * The corpus pass keeps its tables in typed-array columns (no object per key or occurrence for
 * the garbage collector to trace); these make a column longer, keeping its values.
 */

/** A copy of `a` with room for `n` values; the new ones are `fill`. */
export function growInt32(a: Int32Array<ArrayBuffer>, n: number, fill = 0): Int32Array<ArrayBuffer> {
  const b = new Int32Array(n);
  b.set(a);
  if (fill !== 0) b.fill(fill, a.length);
  return b;
}

/** A copy of `a` with room for `n` values (the new ones 0). */
export function growUint8(a: Uint8Array<ArrayBuffer>, n: number): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(n);
  b.set(a);
  return b;
}
