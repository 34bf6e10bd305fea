import { describe, expect, it } from 'vitest';
import nlp from 'compromise/two';
import { parseTerms, TAGGING_BY_STEPS, type TaggedTerm } from '../../../src/extract/nlp/index.js';

// The replay of compromise's tagger (src/extract/nlp/compromise-steps.ts, driven by parse.ts)
// against compromise's own entry point: they must give the same terms and tags.

/** What compromise's own entry point gives for `text`, in `parseTerms`'s shape. */
function viaTokenize(text: string): TaggedTerm[][] {
  const doc = nlp.tokenize(text) as unknown as { compute(steps: string[]): void; document: Array<Array<{ text: string; pre: string; post: string; tags: Set<string>; switch?: string }>> };
  doc.compute(['lexicon', 'preTagger']);
  return doc.document.map((terms) =>
    terms.map((t) => ({ text: t.text, pre: t.pre, post: t.post, tags: [...t.tags].sort(), ...(t.switch ? { switch: t.switch } : {}) })),
  );
}

describe('tagging drives compromise step by step, with the same result as nlp.tokenize', () => {
  const texts = [
    // Texts the contractions step leaves alone (it is skipped for them).
    'We propose a neural network for protein folding.',
    "The model's output and the networks' weights are compared.",
    'Physics-informed neural networks (PINNs) solve PDEs; see Fig. 3.',
    'Ünïcödé wörds and “quoted” text … with en–dash.',
    // Texts it changes or may change (it runs for them).
    "We don't know why it can't converge, and won't guess.",
    "We'll see that they're right and I'm wrong.",
    "There's no model that's better; let's go.",
    "L'amour and d'Artagnan, j'aime.",
    'Scores improve by 2-4 points, from 5km to 10 km, at 5-9pm.',
    'Errors of +5dB and -3kg, 1st and 2nd place, 3.5x faster.',
    'We cannot and we gonna, dunno.',
    '',
    '   ',
  ];
  // Words tagged once and then reused from a memo: the same words in other contexts.
  const reused = [
    'Model selection matters. The model selection step uses a Model of the data.',
    'Machine Learning For Natural Language Processing In Practice',
    'THE MODEL WORKS IN ALL CAPS AND THE DATA TOO',
    'In order to do so, as well as the ice cream, we use input/output & R&D.',
    'U.S. data, e.g. the N.A.S.A. model, i.e. F.B.I. files and c.e.o. notes.',
    'In 1993 we had 3,000 samples (95%), 10^3 steps and 2x speed.',
    'State-of-the-art co-operation, re-enactment and self-attention; pre-trained models.',
    "Naïve Bayes, café résumés and Björk's models' outputs.",
    'As well as this, in order that; ice cream as well.',
    'Order to order, well as well: cream ice.',
    // Words that name properties of a plain object, before multi-word entries.
    'The constructor is in order to help, as well as toString and valueOf, in order to eat ice cream.',
    // Elisions split the same way twice in one text, and again in the next.
    'L’analyse d’un corpus et l’analyse d’un modèle d’apprentissage.',
    "L’analyse d’une phrase, l'aide d’un outil et d’un corpus.",
    // Unknown words: the first loop of the third pass reads their neighbours, differently each time.
    'The zorblax is big. Zorblax zorblax runs. We zorblax the data. A quick zorblax, the zorblax of many zorblaxes.',
    'Blorpt blorpt, to blorpt the blorpt; they blorpt quickly.',
    // A sentence's first word before a colon, and the same word elsewhere.
    'Summary: we propose models. Summary: models. The summary: fine.',
    // The same words in a clause written in capitals and in one that is not.
    'THE ZORBLAX MODEL WORKS WELL HERE, and the zorblax model works well here.',
    // Years read their neighbours.
    'In 1993 models, the 1993 model, a 2019 study and 2019-2020 data of 1993.',
    // Multi-word entries next to each other and inside longer stretches.
    'Such as in order to, a priori carried out at least a few, so called for example a lot of course.',
  ];
  it.each([...texts, ...reused])('%j', (text) => {
    expect(parseTerms(text)).toEqual(viaTokenize(text));
  });

  it('gives the same tags for texts seen before, in any order', () => {
    for (const text of [...reused, ...texts].reverse()) expect(parseTerms(text)).toEqual(viaTokenize(text));
  });

  it("runs compromise's own tagger steps (the modules compromise loads), not a fallback", () => {
    expect(TAGGING_BY_STEPS).toBe(true);
  });

  it('keeps a contraction split as compromise splits it', () => {
    const words = parseTerms("We don't stop.")[0]!.map((t) => t.text);
    expect(words.length).toBeGreaterThan(3);
  });
});
