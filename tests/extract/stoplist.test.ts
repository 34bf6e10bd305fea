import { describe, expect, it } from 'vitest';
import { isBoilerplate } from '../../src/extract/stoplist.js';

describe('isBoilerplate', () => {
  it.each([
    // a generic head with generic modifiers only
    'experimental result',
    'extensive experiment',
    'model performance',
    'method performance',
    'proposed approach',
    // the process every paper is about, before a generic head
    'learning method',
    'learning algorithm',
    'training process',
    'learning community',
    // what running anything costs
    'computational cost',
    'computational time',
    'computational efficiency',
    'project page',
    // the data every experiment has, like "dataset"
    'data set',
    'training data',
    'test set',
    // single generic words
    'performance',
    'accuracy',
    'network',
  ])('boilerplate: %s', (key) => expect(isBoilerplate(key)).toBe(true));

  it.each([
    // a noun modifier makes a term of a generic head
    'time series',
    'objective function',
    'information system',
    'human factor',
    'data structure',
    'initial value problem',
    // the heads that make a term with the process words
    'learning rate',
    'learning theory',
    // topics, not costs
    'computational complexity',
    'computational model',
    'neural network',
    'NTK',
  ])('a concept: %s', (key) => expect(isBoilerplate(key)).toBe(false));
});
