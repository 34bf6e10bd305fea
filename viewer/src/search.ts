/**
 * Search over concept labels and aliases ("NTK" finds "neural tangent kernel"), ranked: exact
 * match, then prefix, then word prefix, then substring; labels before aliases; bigger concepts
 * first (concept indices are already ordered by weighted degree).
 */
import type { Model } from './model';

export interface SearchHit {
  index: number;
  /** The alias that matched, when it was not the label. */
  alias: string | null;
  rank: number;
}

interface Entry {
  text: string;
  index: number;
  alias: string | null;
}

export function normalize(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[-_/]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface SearchIndex {
  search(query: string, limit?: number): SearchHit[];
}

export function createSearchIndex(model: Model): SearchIndex {
  const entries: Entry[] = [];
  const c = model.data.concepts;
  for (let i = 0; i < model.conceptCount; i++) {
    entries.push({ text: normalize(c.label[i]!), index: i, alias: null });
    const seen = new Set([entries[entries.length - 1]!.text]);
    for (const alias of c.aliases[i] ?? []) {
      const text = normalize(alias);
      if (!text || seen.has(text)) continue;
      seen.add(text);
      entries.push({ text, index: i, alias });
    }
  }
  return {
    search(query, limit = 8) {
      const q = normalize(query);
      if (!q) return [];
      const best = new Map<number, SearchHit>();
      for (const e of entries) {
        let rank: number;
        if (e.text === q) rank = 0;
        else if (e.text.startsWith(q)) rank = 1;
        else if (e.text.includes(` ${q}`)) rank = 2;
        else if (q.length >= 3 && e.text.includes(q)) rank = 3;
        else continue;
        rank = rank * 2 + (e.alias === null ? 0 : 1);
        const prev = best.get(e.index);
        if (!prev || rank < prev.rank) best.set(e.index, { index: e.index, alias: e.alias, rank });
      }
      return [...best.values()].sort((a, b) => a.rank - b.rank || a.index - b.index).slice(0, limit);
    },
  };
}
