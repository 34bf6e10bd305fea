/** Hand-made papers + extraction results for graph tests. */
import type { ConceptMention, ExtractionResult, PaperRecord } from '../../src/model.js';

/** A paper of the fixture: its id and the concept keys it mentions (score falls with rank). */
export interface FixturePaper {
  id: string;
  concepts: string[];
  title?: string;
}

/** Builds `PaperRecord[]` and an `ExtractionResult` whose df counts the fixture papers. */
const sentenceOf = (key: string): string => `We study ${key}.`;

/** Where each concept's sentence starts in an abstract of the sentences joined by spaces. */
function sentenceStarts(concepts: readonly string[]): number[] {
  const starts: number[] = [];
  let at = 0;
  for (const key of concepts) {
    starts.push(at);
    at += sentenceOf(key).length + 1;
  }
  return starts;
}

export function makeCorpus(spec: FixturePaper[]): { papers: PaperRecord[]; extraction: ExtractionResult } {
  const papers: PaperRecord[] = spec.map((p, i) => ({
    id: p.id,
    title: p.title ?? `Paper ${p.id}`,
    abstract: p.concepts.length ? p.concepts.map(sentenceOf).join(' ') : 'We study .',
    year: 2020 + (i % 3),
    sources: [{ file: 'fixture.txt', line: i + 1, format: 'listing' }],
  }));
  const df = new Map<string, number>();
  for (const p of spec) for (const k of new Set(p.concepts)) df.set(k, (df.get(k) ?? 0) + 1);
  const extraction: ExtractionResult = {
    papers: spec.map((p) => ({
      paperId: p.id,
      concepts: p.concepts.map(
        (key, rank): ConceptMention => ({
          key,
          label: key.toUpperCase(),
          forms: [key],
          count: 1,
          score: 1 / (rank + 1),
          // The sentence as it stands in the abstract: one per concept, in the paper's order.
          evidence: [{ field: 'abstract', sentence: sentenceOf(key), sentenceStart: sentenceStarts(p.concepts)[rank]!, start: sentenceStarts(p.concepts)[rank]! + 9, end: sentenceStarts(p.concepts)[rank]! + 9 + key.length }],
        }),
      ),
      acronyms: [],
    })),
    concepts: [...df].map(([key, n]) => ({ key, label: key.toUpperCase(), aliases: [key], df: n, termhood: 1 })),
    ambiguousAcronyms: [],
  };
  return { papers, extraction };
}

/** Concept keys of clique `c` (size `size`): `c0n0`, `c0n1`, ... */
export function cliqueKeys(c: number, size: number): string[] {
  return Array.from({ length: size }, (_, i) => `c${c}n${i}`);
}

/**
 * Papers that make `count` cliques of `size` concepts (two papers per clique, so every
 * concept has df 2), plus one paper per link joining clique i's first concept to clique
 * j's first concept.
 */
export function cliqueCorpus(count: number, size: number, links: [number, number][]): FixturePaper[] {
  const spec: FixturePaper[] = [];
  for (let c = 0; c < count; c++) {
    spec.push({ id: `q${c}a`, concepts: cliqueKeys(c, size) });
    spec.push({ id: `q${c}b`, concepts: cliqueKeys(c, size) });
  }
  links.forEach(([i, j], k) => spec.push({ id: `link${k}`, concepts: [`c${i}n0`, `c${j}n0`] }));
  return spec;
}
