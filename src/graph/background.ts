/**
 * Words of general scientific English
 * ===================================
 *
 * A single word that articles of most scientific fields use ("sample", "representation",
 * "stability", "coefficient") names no research area in any of them, however often one corpus
 * writes it. Such words are found in a background of full-text articles from many fields (the
 * table in science-words.ts, built by `scripts/build-science-words.mjs`): a word counts as used
 * by a field when at least two of its articles hold it, and a word used by most fields is
 * general. This judges a concept of any corpus, of any size, with no statistic of that corpus
 * itself: a 200-abstract corpus has too few papers per concept for the spread over its own
 * fields to say anything.
 */
import { compareStrings } from './util.js';

/** How many fields of a background use each word. */
export interface BackgroundWords {
  /** Where the table comes from (source, version, licence). */
  source: string;
  /** Fields the background's articles come from. */
  fields: readonly string[];
  /** Articles of a field that must hold a word for the field to count as using it. */
  minArticles: number;
  /** Concept key of a word → the number of fields using it (words used by fewer are absent). */
  fieldsUsing: ReadonlyMap<string, number>;
}

/** One background article: its field and the concept keys of its words. */
export interface BackgroundArticle {
  field: string;
  words: Iterable<string>;
}

/**
 * The number of fields using each word: a field uses a word when at least `minArticles` of its
 * articles hold it. Words used by fewer than `minFields` fields are left out. Pure.
 */
export function countFieldsUsing(articles: Iterable<BackgroundArticle>, minArticles = 2, minFields = 1): Map<string, number> {
  const articlesOf = new Map<string, Map<string, number>>();
  for (const article of articles) {
    for (const word of new Set(article.words)) {
      let perField = articlesOf.get(word);
      if (!perField) articlesOf.set(word, (perField = new Map()));
      perField.set(article.field, (perField.get(article.field) ?? 0) + 1);
    }
  }
  const fieldsUsing = new Map<string, number>();
  for (const [word, perField] of articlesOf) {
    let fields = 0;
    for (const n of perField.values()) if (n >= minArticles) fields++;
    if (fields >= minFields) fieldsUsing.set(word, fields);
  }
  return fieldsUsing;
}

/**
 * A table as science-words.ts stores it: for each count of fields, the words used by that many,
 * space-separated. Read back by {@link readBackgroundWords}.
 */
export interface StoredBackgroundWords {
  source: string;
  fields: readonly string[];
  minArticles: number;
  wordsByFieldCount: Readonly<Record<number, string>>;
}

/** The table of {@link StoredBackgroundWords} as a lookup. */
export function readBackgroundWords(stored: StoredBackgroundWords): BackgroundWords {
  const fieldsUsing = new Map<string, number>();
  for (const [count, words] of Object.entries(stored.wordsByFieldCount)) {
    for (const word of words.split(' ')) if (word) fieldsUsing.set(word, Number(count));
  }
  return { source: stored.source, fields: stored.fields, minArticles: stored.minArticles, fieldsUsing };
}

/** Inverse of {@link readBackgroundWords}, with words sorted so the same counts give the same text. */
export function storeBackgroundWords(table: BackgroundWords): StoredBackgroundWords {
  const byCount = new Map<number, string[]>();
  for (const [word, count] of table.fieldsUsing) {
    let words = byCount.get(count);
    if (!words) byCount.set(count, (words = []));
    words.push(word);
  }
  const wordsByFieldCount: Record<number, string> = {};
  for (const count of [...byCount.keys()].sort((a, b) => b - a)) {
    wordsByFieldCount[count] = byCount.get(count)!.sort(compareStrings).join(' ');
  }
  return { source: table.source, fields: table.fields, minArticles: table.minArticles, wordsByFieldCount };
}
