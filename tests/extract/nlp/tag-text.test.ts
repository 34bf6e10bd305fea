import { describe, expect, it } from 'vitest';
import { tagText } from '../../../src/extract/nlp/index.js';
import { chunkSentence } from '../../../src/extract/candidates.js';

/** The noun-phrase chunks of `text`, as written. */
function chunks(text: string): string[] {
  return tagText(text).flatMap((s) => chunkSentence(s.tokens).map((run) => run.map((t) => t.text).join(' ')));
}

/** Part of speech of the first token written `word`. */
function posOf(text: string, word: string): string | undefined {
  return tagText(text).flatMap((s) => s.tokens).find((t) => t.text === word)?.pos;
}

describe('nouns the tagger reads as verbs, taken back from context', () => {
  it.each([
    // [sentence, a chunk it must contain]
    ['We use the model time granularity of the system.', 'model time granularity'],
    ['It relies on the message passing interface.', 'message passing interface'],
    ['Demand variability affects the supply chain.', 'Demand variability'],
    ['The state ambiguity resolution step is fast.', 'state ambiguity resolution step'],
    ['We compare business processes in production.', 'business processes'],
    ['Training samples are drawn at random.', 'Training samples'],
    ['We study piecewise constant functions.', 'piecewise constant functions'],
    ['We render 2D gray level images.', '2D gray level images'],
    ['Their control performance improves.', 'control performance'],
    ['Ground-Truth Targets Dampen Regularization', 'Ground-Truth Targets'],
    ['Events are logged with model time granularity.', 'model time granularity'],
    ['We study costs in records management.', 'records management'],
    ['Many IT projects are late.', 'IT projects'],
  ])('%s → "%s"', (text, chunk) => {
    expect(chunks(text)).toContain(chunk);
  });

  it.each([
    // [sentence, a word that stays a verb]
    ['Researchers model the data with kernels.', 'model'],
    ['The method works on graphs of any size.', 'works'],
    ['Our approach relies on sparse coding.', 'relies'],
    ['The network samples the posterior.', 'samples'],
    ['These results show that the bound is tight.', 'show'],
    ['Both model the conditional distribution.', 'model'],
    ['We model the loss landscape.', 'model'],
    ['The goal is to model the loss landscape.', 'model'],
    ['This allows us to train faster.', 'allows'],
    ['This improves the current bound.', 'improves'],
    ['Most studies focus on neural networks.', 'focus'],
    ['Its predictions coincide with the experiments.', 'coincide'],
    ['We assume that data lies on a manifold.', 'lies'],
    ['An approximation heuristic requires cubic time.', 'requires'],
    ['Weight decay and dropout force all neurons to learn.', 'force'],
  ])('%s: "%s" stays a verb', (text, word) => {
    expect(posOf(text, word)).toBe('verb');
  });

  it('a verb kept as a verb splits the chunks around it', () => {
    expect(chunks('The method works on large graphs.')).toEqual(['method', 'large graphs']);
  });
});

describe('gerunds with an object are verbs, not the start of a concept', () => {
  it.each([
    // [sentence, chunks it must contain, chunks it must not contain]
    ['We control the plant by using quasi-LPV methods.', 'quasi-LPV methods', 'using quasi-LPV methods'],
    ['Deploying hierarchies of agents is hard.', 'hierarchies', 'Deploying hierarchies'],
    ['Tasks involving distribution transport are common.', 'distribution transport', 'Tasks involving distribution transport'],
  ])('%s', (text, wanted, unwanted) => {
    const found = chunks(text);
    expect(found).toContain(wanted);
    expect(found).not.toContain(unwanted);
  });

  it.each([
    ['Exception handling is slow.', 'Exception handling'],
    ['A minimum spanning tree is built.', 'minimum spanning tree'],
  ])('a gerund that names a thing stays: %s', (text, chunk) => {
    expect(chunks(text)).toContain(chunk);
  });

  it('"exhibit" is a verb between two noun phrases', () => {
    expect(chunks('Regression models exhibit sharp transitions.')).toEqual(['Regression models', 'sharp transitions']);
  });
});
