import { describe, expect, it } from 'vitest';
import { extractConcepts } from '../../src/extract/index.js';
import type { EligibleKey } from '../../src/extract/corpus/index.js';
import {
  addCounted,
  decodeConcepts,
  decodeEligible,
  decodeRanked,
  encodeConcepts,
  encodeCounted,
  encodeEligible,
  encodeRanked,
} from '../../src/extract/transfer.js';
import type { PaperText } from '../../src/model.js';

const papers: PaperText[] = [
  {
    id: 'a',
    title: 'Physics-informed neural networks (PINNs) for fluid flow',
    abstract:
      'We train physics-informed neural networks (PINNs) on the Navier-Stokes equations. PINNs fit sparse data. A <b>Hopfield</b> network & "quotes" are kept as written.',
  },
  { id: 'b', title: 'Graph neural networks', abstract: 'Graph neural networks learn on graphs. Neural networks generalize.' },
  { id: 'c', title: '', abstract: '' },
];

describe('column encodings for worker messages', () => {
  it('a ranked paper comes back as the same objects, its sentences cut from its own text', () => {
    const result = extractConcepts(papers, { workers: 0 });
    expect(result.papers.flatMap((p) => p.concepts).length).toBeGreaterThan(3);
    const decoded = decodeRanked(encodeRanked(result.papers), (i) => papers[i]!);
    // Labels are keys before the corpus pass finishes; compare with labels put back to keys.
    const before = result.papers.map((p) => ({ ...p, concepts: p.concepts.map((c) => ({ ...c, label: c.key })) }));
    expect(JSON.stringify(decoded)).toBe(JSON.stringify(before));
  });

  it('evidence is encoded as offsets, not copies of the sentences', () => {
    const result = extractConcepts(papers, { workers: 0 });
    const columns = encodeRanked(result.papers);
    const strings = [...columns.keys, ...columns.forms, ...columns.ids];
    const sentences = result.papers.flatMap((p) => p.concepts.flatMap((c) => c.evidence.map((e) => e.sentence)));
    const long = sentences.filter((s) => s.length > 40);
    expect(long.length).toBeGreaterThan(5);
    for (const s of long) expect(strings).not.toContain(s);
    expect(columns.evidence.length).toBe(5 * sentences.length);
  });

  it('eligible keys keep every fact, and an acronym only where there is one', () => {
    const eligible = new Map<string, EligibleKey>([
      ['neural network', { termhood: 3.25, idf: 0.5, df: 7, isAcronym: false }],
      ['physics-informed neural network', { termhood: 1 / 3, idf: Math.PI, df: 2, isAcronym: true, acronym: 'PINN' }],
    ]);
    const decoded = decodeEligible(encodeEligible(eligible));
    expect([...decoded]).toEqual([...eligible]);
    expect('acronym' in decoded.get('neural network')!).toBe(false);
  });

  it('concept facts round-trip, with and without an acronym', () => {
    const { concepts } = extractConcepts(papers, { workers: 0 });
    expect(concepts.some((c) => c.acronym)).toBe(true);
    expect(JSON.stringify(decodeConcepts(encodeConcepts(concepts)))).toBe(JSON.stringify(concepts));
    expect(decodeConcepts(encodeConcepts([]))).toEqual([]);
  });

  it('counted keys add up', () => {
    const into = new Map([['a', 1]]);
    addCounted(into, encodeCounted(new Map([['a', 2], ['b', 5]])));
    addCounted(into, encodeCounted(new Map([['b', -1]])));
    expect([...into]).toEqual([['a', 3], ['b', 4]]);
  });
});
