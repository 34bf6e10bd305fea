import { describe, expect, it } from 'vitest';
import { detectBursts } from '../../src/trends/kleinberg.js';

const PARAMS = { stateRatio: 2, gamma: 1, minDuration: 2 };

/** A yearly series: `total` papers a year, `base` share, `burst` share in years [from, to]. */
function planted(years: number, total: (t: number) => number, base: number, burst: number, from: number, to: number) {
  const totals = Array.from({ length: years }, (_, t) => total(t));
  const relevant = totals.map((d, t) => Math.round(d * (t >= from && t <= to ? burst : base)));
  return { relevant, total: totals };
}

describe('detectBursts', () => {
  it('finds nothing in an empty series, or when nothing or everything is relevant', () => {
    expect(detectBursts({ relevant: [], total: [] }, PARAMS)).toEqual([]);
    expect(detectBursts({ relevant: [0, 0, 0], total: [10, 10, 10] }, PARAMS)).toEqual([]);
    expect(detectBursts({ relevant: [10, 10, 10], total: [10, 10, 10] }, PARAMS)).toEqual([]);
  });

  it('finds a planted burst with its start and end', () => {
    const series = planted(20, () => 200, 0.02, 0.12, 8, 12);
    const bursts = detectBursts(series, PARAMS);
    expect(bursts.map(({ start, end }) => ({ start, end }))).toEqual([{ start: 8, end: 12 }]);
    expect(bursts[0]!.weight).toBeGreaterThan(0);
  });

  it('finds two planted bursts in order, the stronger with the larger weight', () => {
    const totals = Array.from({ length: 30 }, () => 300);
    const share = (t: number) => (t >= 3 && t <= 6 ? 0.12 : t >= 18 && t <= 24 ? 0.2 : 0.02);
    const bursts = detectBursts({ relevant: totals.map((d, t) => Math.round(d * share(t))), total: totals }, PARAMS);
    expect(bursts.map(({ start, end }) => [start, end])).toEqual([
      [3, 6],
      [18, 24],
    ]);
    expect(bursts[1]!.weight).toBeGreaterThan(bursts[0]!.weight);
  });

  it('finds no burst in a flat series', () => {
    expect(detectBursts(planted(25, () => 400, 0.05, 0.05, 0, 0), PARAMS)).toEqual([]);
  });

  it('finds no burst in a corpus growing each year with a constant share', () => {
    // Papers grow 30% a year: the raw counts rise 100-fold, the share stays 5%.
    expect(detectBursts(planted(18, (t) => Math.round(50 * 1.3 ** t), 0.05, 0.05, 0, 0), PARAMS)).toEqual([]);
  });

  it('drops bursts shorter than the minimum duration, and a higher γ needs stronger evidence', () => {
    const series = planted(20, () => 200, 0.02, 0.12, 9, 9);
    expect(detectBursts(series, { ...PARAMS, minDuration: 1 }).map((b) => [b.start, b.end])).toEqual([[9, 9]]);
    expect(detectBursts(series, PARAMS)).toEqual([]);
    const weak = planted(20, () => 200, 0.02, 0.045, 8, 12);
    expect(detectBursts(weak, { ...PARAMS, gamma: 0.5 }).length).toBe(1);
    expect(detectBursts(weak, { ...PARAMS, gamma: 8 })).toEqual([]);
  });

  it('is deterministic', () => {
    const series = planted(20, (t) => 100 + 10 * t, 0.03, 0.1, 5, 9);
    expect(detectBursts(series, PARAMS)).toEqual(detectBursts(series, PARAMS));
  });
});
