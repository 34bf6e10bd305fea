import { describe, expect, it } from 'vitest';
import { buildPeriodAxis, chooseUnit, periodKey } from '../../src/trends/periods.js';

describe('chooseUnit', () => {
  it('counts months when the dated papers span under three years, years otherwise', () => {
    expect(chooseUnit([{ date: '2023-01-05' }, { date: '2025-11' }])).toBe('month');
    expect(chooseUnit([{ date: '2023-01-05' }, { date: '2025-12' }])).toBe('year');
    // Papers with a year only cannot be placed in a month.
    expect(chooseUnit([{ date: '2023-01' }, { year: 2023 }, { year: 2024 }])).toBe('year');
    expect(chooseUnit([])).toBe('year');
  });

  it('gives each paper its period key', () => {
    expect(periodKey({ date: '2019-02-01', year: 2019 }, 'month')).toBe('2019-02');
    expect(periodKey({ year: 2019 }, 'month')).toBeUndefined();
    expect(periodKey({ date: '2019-02' }, 'year')).toBe('2019');
    expect(periodKey({}, 'year')).toBeUndefined();
  });
});

describe('buildPeriodAxis', () => {
  it('lists every period between the first and the last, empty ones too', () => {
    const axis = buildPeriodAxis(['2019', '2021', '2021'], 'year', 1);
    expect(axis.labels).toEqual(['2019', '2020–2021']);
    expect(axis.papers).toEqual([1, 2]);
    expect(buildPeriodAxis(['2023-11', '2024-02'], 'month', 0).labels).toEqual(['2023-11', '2023-12', '2024-01', '2024-02']);
  });

  it('merges sparse early periods with the next, and a sparse end with the one before', () => {
    const keys = ['1963', '1971', '1975', ...Array<string>(12).fill('2000'), ...Array<string>(10).fill('2001'), '2002'];
    const axis = buildPeriodAxis(keys, 'year', 10);
    expect(axis.labels).toEqual(['1963–2000', '2001–2002']);
    expect(axis.papers).toEqual([15, 11]);
    expect(axis.indexOf.get('1980')).toBe(0);
    expect(axis.indexOf.get('2002')).toBe(1);
  });

  it('is empty without dated papers', () => {
    expect(buildPeriodAxis([], 'year', 10).labels).toEqual([]);
  });
});
