import { describe, expect, it } from 'vitest';
import { gatherEvidence, type EvidenceSource } from '../../../src/extract/corpus/evidence.js';
import { Occurrences } from '../../../src/extract/corpus/occurrences.js';

const TITLE = 'Neural networks';
const ABSTRACT = 'We train neural networks. Neural Networks generalize.';

/** A paper's source: its texts and sentence spans (title: one sentence; abstract: two). */
function source(): EvidenceSource {
  return { texts: [TITLE, ABSTRACT], sentences: [[[0, 15]], [[0, 25], [26, 53]]], sentenceTexts: [[], []] };
}

/** Occurrences of one key at `spans` ([field, sentence, start, end]), chained in the order given. */
function chained(spans: ReadonlyArray<readonly [0 | 1, number, number, number]>): { occ: Occurrences; next: Int32Array; surfaces: string[] } {
  const occ = new Occurrences();
  const texts = [TITLE, ABSTRACT];
  for (const [field, sentence, start, end] of spans) occ.push(0, field, sentence, start, end, 2, 0, -1, -1, undefined);
  const next = new Int32Array(spans.length).map((_, i) => (i + 1 < spans.length ? i + 1 : -1));
  return { occ, next, surfaces: spans.map(([field, , start, end]) => texts[field]!.slice(start, end)) };
}

describe('the evidence of a concept', () => {
  it('of one mention is that mention, in its sentence', () => {
    const { occ, next, surfaces } = chained([[1, 0, 9, 24]]);
    expect(gatherEvidence(occ, next, 0, surfaces, source())).toEqual({
      forms: ['neural networks'],
      evidence: [{ field: 'abstract', sentence: 'We train neural networks.', sentenceStart: 0, start: 9, end: 24 }],
    });
  });

  it('gives each mention span once, in text order, with its forms first seen first', () => {
    // Out of order (abstract before title), and one span twice (a nested and a whole key).
    const { occ, next, surfaces } = chained([[1, 1, 26, 41], [0, 0, 0, 15], [1, 0, 9, 24], [1, 0, 9, 24]]);
    const { forms, evidence } = gatherEvidence(occ, next, 0, surfaces, source());
    expect(evidence.map((e) => [e.field, e.start, e.end])).toEqual([['title', 0, 15], ['abstract', 9, 24], ['abstract', 26, 41]]);
    expect(evidence.map((e) => e.sentence)).toEqual(['Neural networks', 'We train neural networks.', 'Neural Networks generalize.']);
    expect(evidence[2]!.sentenceStart).toBe(26);
    expect(forms).toEqual(['Neural networks', 'neural networks', 'Neural Networks']);
  });

  it('slices each sentence once, shared by every concept of the paper', () => {
    const src = source();
    const a = chained([[1, 0, 9, 24]]);
    const first = gatherEvidence(a.occ, a.next, 0, a.surfaces, src).evidence[0]!.sentence;
    expect(src.sentenceTexts[1][0]).toBe('We train neural networks.');
    const b = chained([[1, 0, 3, 8]]);
    expect(gatherEvidence(b.occ, b.next, 0, b.surfaces, src).evidence[0]!.sentence).toBe(first);
  });

  it('reads a mention without a known sentence as its own span', () => {
    const { occ, next, surfaces } = chained([[1, 5, 9, 24]]);
    expect(gatherEvidence(occ, next, 0, surfaces, source()).evidence[0]).toMatchObject({ sentence: 'neural networks', sentenceStart: 9 });
  });
});
