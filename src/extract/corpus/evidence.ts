/**
 * Evidence
 * ========
 *
 * Where a paper mentions one of its concepts: each mention span once, in text order, with its
 * sentence, and the surface forms written there. A pure function of the paper's occurrences.
 */
import type { PaperAnalysis } from '../candidates.js';
import type { Evidence } from '../../model.js';
import type { Occurrences } from './occurrences.js';

/** A paper as evidence is read from: its texts (title, abstract) and their sentence spans. */
export interface EvidenceSource {
  texts: readonly [string, string];
  sentences: PaperAnalysis['sentences'];
  /**
   * Each sentence's text once sliced, per field (filled as sentences are met, so that every
   * concept of the paper shares them).
   */
  sentenceTexts: [Array<string | undefined>, Array<string | undefined>];
}

/** A concept's mentions in its paper: its surface forms (first seen first) and its evidence. */
export interface ConceptEvidence {
  forms: string[];
  evidence: Evidence[];
}

/**
 * The evidence of a concept whose occurrences in `occ` are chained from `first` through `next`
 * (`next[i]`: the occurrence after `i`, -1 ends); `surfaces[i]` is occurrence `i` as written.
 */
export function gatherEvidence(
  occ: Occurrences,
  next: Int32Array,
  first: number,
  surfaces: ReadonlyArray<string | undefined>,
  source: EvidenceSource,
): ConceptEvidence {
  const byTextOrder = (x: number, y: number): number =>
    occ.field[x]! - occ.field[y]! || occ.start[x]! - occ.start[y]! || occ.end[x]! - occ.end[y]!;
  const { texts, sentences, sentenceTexts } = source;
  const forms: string[] = [];
  const evidence: Evidence[] = [];
  let lastField = -1;
  let lastStart = -1;
  let lastEnd = -1;
  // Evidence in text order; one entry per mention span. The occurrences mostly come in text
  // order already (chunks are walked in order).
  let sorted: number[] | undefined;
  for (let i = first, after = next[i]!; after >= 0; i = after, after = next[i]!) {
    if (byTextOrder(i, after) > 0) {
      sorted = [];
      for (let k = first; k >= 0; k = next[k]!) sorted.push(k);
      sorted.sort(byTextOrder);
      break;
    }
  }
  for (let k = 0, i = sorted ? sorted[0]! : first; i >= 0; i = sorted ? (++k < sorted.length ? sorted[k]! : -1) : next[i]!) {
    const field = occ.field[i] as 0 | 1;
    const start = occ.start[i]!;
    const end = occ.end[i]!;
    if (field === lastField && start === lastStart && end === lastEnd) continue;
    const surface = surfaces[i]!;
    if (!forms.includes(surface)) forms.push(surface);
    lastField = field;
    lastStart = start;
    lastEnd = end;
    const index = occ.sentence[i]!;
    const [ss, se] = sentences[field][index] ?? [start, end];
    let sentence = sentenceTexts[field][index];
    if (sentence === undefined) sentenceTexts[field][index] = sentence = texts[field].slice(ss, se);
    evidence.push({
      field: field === 0 ? 'title' : 'abstract',
      sentence,
      sentenceStart: ss,
      start,
      end,
    });
  }
  return { forms, evidence };
}
