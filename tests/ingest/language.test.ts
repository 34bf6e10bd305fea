import { describe, expect, it } from 'vitest';
import { filterByLanguage } from '../../src/ingest/language.js';
import type { PaperRecord } from '../../src/model.js';

const paper = (id: string, title: string, abstract: string): PaperRecord => ({ id, title, abstract, sources: [] });

const ENGLISH = paper(
  'en1',
  'Statistical machine translation with phrase tables',
  'We present a phrase-based statistical machine translation system and evaluate it on news text. Results show that larger phrase tables improve translation quality.',
);
const FRENCH = paper(
  'fr1',
  'Traduction automatique statistique à base de segments',
  'Nous présentons un système de traduction automatique statistique et nous l’évaluons sur des textes journalistiques. Les résultats montrent que des tables plus grandes améliorent la qualité de la traduction.',
);
// A French title over an English abstract: extraction reads English.
const MIXED = paper(
  'mix1',
  'Simplification de textes : un état de l’art',
  'This paper presents the state of the art on text simplification, in particular lexical and syntactic simplification, and the resources and evaluation measures used for it.',
);
const GERMAN = paper(
  'de1',
  'Maschinelle Übersetzung für kleine Sprachen',
  'Wir stellen ein System zur maschinellen Übersetzung vor, das mit wenigen parallelen Texten auskommt, und zeigen, dass es die Qualität der Übersetzung deutlich verbessert.',
);
// Too short to tell (ELD reads it as Danish).
const SHORT = paper('short1', 'Foreword', 'Foreword.');

describe('filterByLanguage', () => {
  it('keeps English (and a French title over an English abstract), leaves French and German out', async () => {
    const result = await filterByLanguage([ENGLISH, FRENCH, MIXED, GERMAN], ['en']);
    expect(result.kept.map((p) => p.id)).toEqual(['en1', 'mix1']);
    expect(result.leftOut).toEqual([
      { id: 'fr1', title: FRENCH.title, language: 'fr' },
      { id: 'de1', title: GERMAN.title, language: 'de' },
    ]);
    expect(result.leftOutByLanguage).toEqual([['de', 1], ['fr', 1]]);
  });

  it('keeps every language asked for', async () => {
    const result = await filterByLanguage([ENGLISH, FRENCH, GERMAN], ['en', 'fr']);
    expect(result.kept.map((p) => p.id)).toEqual(['en1', 'fr1']);
    expect(result.leftOut.map((p) => p.id)).toEqual(['de1']);
  });

  it('keeps a paper whose language it cannot tell for sure, and handles no papers', async () => {
    expect((await filterByLanguage([SHORT], ['en'])).kept).toEqual([SHORT]);
    expect(await filterByLanguage([], ['en'])).toEqual({ kept: [], leftOut: [], leftOutByLanguage: [] });
  });
});
