import { describe, expect, it } from 'vitest';
import { definedOnly, resolveDefaults } from '../src/defaults.js';

interface Options {
  top: number;
  name: string;
  flag: boolean;
  list?: string[];
}
const DEFAULTS: Options = { top: 10, name: 'none', flag: false };

describe('resolveDefaults', () => {
  it.each<[string, Partial<Options> | undefined, Options]>([
    ['no options', undefined, DEFAULTS],
    ['an empty object', {}, DEFAULTS],
    ['a given key', { top: 3 }, { top: 3, name: 'none', flag: false }],
    ['an explicit undefined keeps the default', { top: undefined, name: 'x' }, { top: 10, name: 'x', flag: false }],
    ['falsy values replace the default', { top: 0, name: '', flag: false }, { top: 0, name: '', flag: false }],
    ['an optional key without default', { list: ['a'] }, { top: 10, name: 'none', flag: false, list: ['a'] }],
  ])('%s', (_here, options, expected) => {
    expect(resolveDefaults(DEFAULTS, options)).toEqual(expected);
  });

  it('changes neither argument', () => {
    const options: Partial<Options> = { top: 1 };
    const result = resolveDefaults(DEFAULTS, options);
    result.name = 'changed';
    expect(DEFAULTS).toEqual({ top: 10, name: 'none', flag: false });
    expect(options).toEqual({ top: 1 });
  });
});

describe('definedOnly', () => {
  it('drops undefined values and keeps falsy ones', () => {
    const defined = definedOnly({ a: undefined, b: 0, c: '', d: null });
    expect(defined).toEqual({ b: 0, c: '', d: null });
    expect(Object.keys(defined)).toEqual(['b', 'c', 'd']);
  });
});
