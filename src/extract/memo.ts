/**
 * Per-word memos
 * ==============
 *
 * Extraction memoizes work that is a pure function of one word (tagging, normalization, word
 * facts): abstracts repeat their words heavily. Every such memo is made here, so that each is
 * bounded alike and all of them can be emptied at once (`clearMemos`). A memo never changes a
 * result, only how soon it comes.
 */

/** Entries a memo holds before it empties itself (a corpus's vocabulary fits many times over). */
export const MEMO_LIMIT = 200_000;

const MEMOS: Array<Map<unknown, unknown>> = [];

/** A new, empty memo, emptied with the others by {@link clearMemos}. */
export function createMemo<K, V>(): Map<K, V> {
  const memo = new Map<K, V>();
  MEMOS.push(memo as Map<unknown, unknown>);
  return memo;
}

/** Stores `value` under `key` (emptying a full memo first) and returns it. */
export function remember<K, V>(memo: Map<K, V>, key: K, value: V): V {
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, value);
  return value;
}

/** Empties every memo made by {@link createMemo} on this thread. */
export function clearMemos(): void {
  for (const memo of MEMOS) memo.clear();
}
