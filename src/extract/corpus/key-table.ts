/**
 * The key table
 * =============
 *
 * Every candidate key of the corpus pass, interned once (see {@link KeyTable}).
 */
import { growInt32 } from './typed-arrays.js';

/**
 * Every candidate key, interned once: a key is a sequence of words (its text split at spaces),
 * stored as a chain of (first word, rest of the key) nodes found through an integer hash
 * table, so an n-gram's key is found from its first word and the key of the n-gram after it
 * without building its text. Splitting at single spaces and joining with them are inverse, so
 * equal texts are the same chain: one id per distinct key text. The text is built once per key,
 * when asked for.
 */
export class KeyTable {
  private readonly wordIds = new Map<string, number>();
  private readonly wordText: string[] = [];
  /** A token key's words (most are one word), by the token key's text. */
  private readonly tokenWords = new Map<string, number[]>();
  private first = new Int32Array(1 << 12);
  private rest = new Int32Array(1 << 12);
  private depth = new Int32Array(1 << 12);
  private slots = new Int32Array(1 << 13);
  private readonly texts: Array<string | undefined> = [];
  size = 0;

  /** Room for this many keys in arrays indexed by key id. */
  get capacity(): number {
    return this.first.length;
  }

  /** Ids of the words of `text` (split at spaces). */
  wordsOf(text: string): number[] {
    let ids = this.tokenWords.get(text);
    if (ids === undefined) {
      ids = text.split(' ').map((w) => {
        let id = this.wordIds.get(w);
        if (id === undefined) {
          id = this.wordText.length;
          this.wordIds.set(w, id);
          this.wordText.push(w);
        }
        return id;
      });
      this.tokenWords.set(text, ids);
    }
    return ids;
  }

  /** The key `words` followed by key `rest` (-1: nothing). */
  prepend(words: readonly number[], rest: number): number {
    let node = rest;
    for (let k = words.length - 1; k >= 0; k--) node = this.node(words[k]!, node);
    return node;
  }

  /** The id of a key's text. */
  of(text: string): number {
    return this.prepend(this.wordsOf(text), -1);
  }

  /** Words in key `id`. */
  words(id: number): number {
    return this.depth[id]!;
  }

  /** Calls `f` with each word id of key `id`, left to right. */
  forEachWord(id: number, f: (word: number) => void): void {
    for (let n = id; n >= 0; n = this.rest[n]!) f(this.first[n]!);
  }

  text(id: number): string {
    let t = this.texts[id];
    if (t === undefined) {
      const rest = this.rest[id]!;
      t = rest < 0 ? this.wordText[this.first[id]!]! : this.wordText[this.first[id]!]! + ' ' + this.text(rest);
      this.texts[id] = t;
    }
    return t;
  }

  private node(word: number, rest: number): number {
    const slots = this.slots;
    const mask = slots.length - 1;
    let h = (Math.imul(word, 0x9e3779b1) ^ Math.imul(rest + 1, 0x85ebca6b)) >>> 0;
    h = (h ^ (h >>> 15)) & mask;
    for (;;) {
      const s = slots[h]!;
      if (s === 0) break;
      if (this.first[s - 1] === word && this.rest[s - 1] === rest) return s - 1;
      h = (h + 1) & mask;
    }
    const id = this.size++;
    if (id === this.first.length) this.grow();
    this.first[id] = word;
    this.rest[id] = rest;
    this.depth[id] = rest < 0 ? 1 : this.depth[rest]! + 1;
    this.texts.push(undefined);
    if (this.size * 2 > slots.length) this.rehash();
    else slots[h] = id + 1;
    return id;
  }

  private grow(): void {
    const n = this.first.length * 2;
    this.first = growInt32(this.first, n);
    this.rest = growInt32(this.rest, n);
    this.depth = growInt32(this.depth, n);
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let id = 0; id < this.size; id++) {
      let h = (Math.imul(this.first[id]!, 0x9e3779b1) ^ Math.imul(this.rest[id]! + 1, 0x85ebca6b)) >>> 0;
      h = (h ^ (h >>> 15)) & mask;
      while (slots[h] !== 0) h = (h + 1) & mask;
      slots[h] = id + 1;
    }
    this.slots = slots;
  }
}
