import { describe, expect, it } from 'vitest';
import { countFieldsUsing, readBackgroundWords, storeBackgroundWords } from '../../src/graph/index.js';

describe('countFieldsUsing', () => {
  const articles = [
    { field: 'biology', words: ['sample', 'protein', 'sample'] },
    { field: 'biology', words: ['sample', 'protein'] },
    { field: 'biology', words: ['gene'] },
    { field: 'physics', words: ['sample', 'boson'] },
    { field: 'physics', words: ['sample', 'boson', 'protein'] },
    { field: 'maths', words: ['sample'] },
  ];

  it('counts a field as using a word when enough of its articles hold it (a word repeated in one counts once)', () => {
    expect(countFieldsUsing(articles, 2)).toEqual(new Map([['sample', 2], ['protein', 1], ['boson', 1]]));
    expect(countFieldsUsing(articles, 1).get('sample')).toBe(3);
    expect(countFieldsUsing(articles, 1).get('protein')).toBe(2);
  });

  it('leaves out the words fewer fields use than asked', () => {
    expect([...countFieldsUsing(articles, 1, 2).keys()].sort()).toEqual(['protein', 'sample']);
  });
});

describe('storeBackgroundWords / readBackgroundWords', () => {
  it('round-trips the table, words grouped by field count in a fixed order', () => {
    const table = { source: 's', fields: ['a', 'b', 'c'], minArticles: 2, fieldsUsing: new Map([['zeta', 3], ['alpha', 3], ['mid', 2]]) };
    const stored = storeBackgroundWords(table);
    expect(stored.wordsByFieldCount).toEqual({ 3: 'alpha zeta', 2: 'mid' });
    expect(readBackgroundWords(stored)).toEqual(table);
  });
});
