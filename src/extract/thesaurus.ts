/**
 * Thesaurus files (VOSviewer format)
 * ==================================
 *
 * A tab-separated file with a header line `label<TAB>replace by`; each further line maps a term
 * to another term, or to nothing (the term is dropped). Both sides are normalized to concept
 * keys, so "Neural Networks" in the file matches every spelling of "neural network".
 */
import { UserError } from '../errors.js';
import { keyOfText } from './normalize.js';

/** Concept key → replacement key; `''` drops the concept. */
export type Thesaurus = ReadonlyMap<string, string>;

/**
 * Parses a thesaurus. Throws `UserError` (naming `file:line`) on a line without a tab.
 * The header line is optional; blank lines and lines starting with `#` are skipped.
 */
export function parseThesaurus(text: string, file = 'thesaurus'): Thesaurus {
  const map = new Map<string, string>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((line, i) => {
    if (!line.trim() || line.startsWith('#')) return;
    if (i === 0 && /^label\t/i.test(line)) return;
    const tab = line.indexOf('\t');
    if (tab < 0) throw new UserError(`${file}:${i + 1}: expected "label<TAB>replace by"`, 'E_INPUT');
    const from = keyOfText(line.slice(0, tab).trim());
    const to = line.slice(tab + 1).trim();
    if (!from) throw new UserError(`${file}:${i + 1}: empty label`, 'E_INPUT');
    map.set(from, to ? keyOfText(to) : '');
  });
  return map;
}
