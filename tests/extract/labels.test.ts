import { describe, expect, it } from 'vitest';
import { extractConcepts } from '../../src/extract/index.js';
import { tagText } from '../../src/extract/nlp/index.js';

const labelOf = (abstracts: string[], key: string, titles: string[] = []) => {
  const result = extractConcepts(abstracts.map((abstract, i) => ({ id: `p${i}`, title: titles[i] ?? '', abstract })));
  return result.concepts.find((c) => c.key === key)?.label;
};

describe('concept labels', () => {
  it.each([
    // [here, abstracts, key, expected label]
    [
      'a name stays capitalized although most forms open a sentence',
      ['Hopfield networks store patterns. Hopfield networks are recurrent.', 'Hopfield networks retrieve memories.', 'We train modern Hopfield networks on text.'],
      'hopfield network',
      'Hopfield network',
    ],
    [
      'a name the key only shows at sentence starts is known from the rest of the corpus',
      ['Hopfield layers improve retrieval in many tasks.', 'We use a Hopfield model of memory and a Hopfield model of retrieval.'],
      'hopfield layer',
      'Hopfield layer',
    ],
    [
      'an ordinary word opening sentences is lower-cased',
      ['Diffusion models generate images. Diffusion models are slow.', 'Diffusion models denoise data step by step.'],
      'diffusion model',
      'diffusion model',
    ],
    [
      'a slashed last word keeps its first part',
      ['Synapses keep presynaptic activities/traces of recent spikes in presynaptic activities/traces.'],
      'presynaptic activities trace',
      'presynaptic activities/trace',
    ],
    [
      'a Title Case long form is lower-cased in its hyphenated parts too',
      ['We propose Physics-Informed Gaussians (PIGs) for regression. PIGs are fast.', 'We place a Gaussian kernel on the inputs.', 'Our Gaussian kernel is broad.'],
      'physics informed gaussian',
      'physics-informed Gaussian',
    ],
  ])('%s', (_here, abstracts, key, expected) => {
    expect(labelOf(abstracts, key)).toBe(expected);
  });

  it('singularizes a plural long form in -sses to -ss', () => {
    const result = extractConcepts([{ id: 'a', title: '', abstract: 'Markov jump processes (MJPs) model discrete states. MJPs are common.' }]);
    expect(result.concepts.map((c) => c.key)).toContain('markov jump process');
    expect(result.concepts.some((c) => c.key.endsWith('processe'))).toBe(false);
  });
});

describe('links are never concepts', () => {
  const texts = [
    'Code is available at https://github.com/someone/ActivationFunctions. We study activation functions.',
    'See github.com/edwardjhu/TP4 and www.example.org/tensor-programs for tensor programs.',
    'Write to first.author@example.edu or read doi:10.1000/xyz123 about kernel methods.',
  ];
  const result = extractConcepts(texts.map((abstract, i) => ({ id: `p${i}`, title: '', abstract })));
  const all = [...result.concepts.flatMap((c) => [c.key, c.label, ...c.aliases])];
  it.each(['github', 'http', 'www', '@', 'doi', 'example', '10.1000'])('no concept holds %s', (part) => {
    expect(all.filter((k) => k.toLowerCase().includes(part))).toEqual([]);
  });
  it('the phrases around a link still are concepts', () => {
    const keys = result.concepts.map((c) => c.key);
    expect(keys).toEqual(expect.arrayContaining(['activation function', 'tensor program', 'kernel method']));
  });
  it('a link splits the phrase it interrupts', () => {
    const tokens = tagText('neural https://x.org/a nets').flatMap((s) => s.tokens);
    expect(tokens.map((t) => t.text)).toEqual(['neural', 'nets']);
    expect(tokens[0]!.breakAfter && tokens[1]!.breakBefore).toBe(true);
  });
});
