import { describe, expect, it } from 'vitest';
import { chiSquare1PValue, shareTrend } from '../../src/trends/share-trend.js';

const PARAMS = { alpha: 0.01, minChange: 1.5 };
const years = (n: number, total: (t: number) => number, share: (t: number) => number) => {
  const totals = Array.from({ length: n }, (_, t) => total(t));
  return { relevant: totals.map((d, t) => Math.round(d * share(t))), total: totals };
};

describe('chiSquare1PValue', () => {
  it.each([
    [0, 1],
    [3.841459, 0.05],
    [6.634897, 0.01],
    [10.827566, 0.001],
  ])('P(χ²₁ > %s) = %s', (g2, p) => {
    expect(chiSquare1PValue(g2)).toBeCloseTo(p, 6);
  });
});

describe('shareTrend', () => {
  it('is undefined for too few periods or a share of 0 or 1', () => {
    expect(shareTrend({ relevant: [1, 2], total: [10, 10] }, PARAMS)).toBeUndefined();
    expect(shareTrend({ relevant: [0, 0, 0, 0], total: [10, 10, 10, 10] }, PARAMS)).toBeUndefined();
    expect(shareTrend({ relevant: [5, 5, 5], total: [5, 5, 5] }, PARAMS)).toBeUndefined();
  });

  it('finds a rising share emerging and a falling one fading', () => {
    const rising = shareTrend(years(10, () => 500, (t) => 0.01 * 1.4 ** t), PARAMS)!;
    expect(rising.direction).toBe('emerging');
    expect(rising.slope).toBeCloseTo(Math.log(1.4), 1);
    expect(rising.p).toBeLessThan(1e-6);
    const falling = shareTrend(years(10, () => 500, (t) => 0.2 * 0.8 ** t), PARAMS)!;
    expect(falling.direction).toBe('fading');
    expect(falling.lastShare).toBeLessThan(falling.firstShare);
  });

  it('finds a flat series steady', () => {
    expect(shareTrend(years(12, () => 800, () => 0.04), PARAMS)).toMatchObject({ direction: 'steady', p: 1 });
  });

  it('finds a growing corpus with a constant share steady, though its counts rise 30-fold', () => {
    const trend = shareTrend(years(14, (t) => Math.round(60 * 1.3 ** t), () => 0.05), PARAMS)!;
    expect(trend.direction).toBe('steady');
    expect(Math.abs(trend.slope)).toBeLessThan(0.01);
  });

  it('reads a noisy share that wanders without a direction as steady (overdispersion)', () => {
    const wobble = [0.05, 0.09, 0.04, 0.1, 0.05, 0.08, 0.04, 0.1, 0.06, 0.09];
    expect(shareTrend(years(10, () => 2000, (t) => wobble[t]!), PARAMS)!.direction).toBe('steady');
  });

  it('needs the minimum change: a significant but small rise stays steady', () => {
    const series = years(10, () => 20000, (t) => 0.1 + 0.002 * t);
    expect(shareTrend(series, PARAMS)!.direction).toBe('steady');
    expect(shareTrend(series, { ...PARAMS, minChange: 1 })!.direction).toBe('emerging');
  });
});
