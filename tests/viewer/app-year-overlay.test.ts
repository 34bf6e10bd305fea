/** The year overlay's colours: viridis from the first to the last year, grey when undated. */
import { describe, expect, it } from 'vitest';
import { overlayColors, overlayExtent, rampGradient, UNDATED_COLOR, yearColor } from '../../viewer/src/year-overlay.js';

describe('year overlay colours', () => {
  it('puts the first and last year at the ends of viridis (dark violet to yellow)', () => {
    // Viridis' published end colours.
    expect(yearColor(2000, [2000, 2020])).toBe('#440154');
    expect(yearColor(2020, [2000, 2020])).toBe('#fde725');
  });

  it('gives different mean years different colours, and the same year the same colour', () => {
    const colors = overlayColors(Float64Array.from([2005, 2015, 2005, NaN]), [2000, 2020]);
    expect(colors[0]).not.toBe(colors[1]);
    expect(colors[0]).toBe(colors[2]);
    expect(colors[3]).toBe(UNDATED_COLOR);
  });

  it('keeps a one-year corpus and out-of-range years on the ramp', () => {
    expect(yearColor(2010, [2010, 2010])).toMatch(/^#[0-9a-f]{6}$/);
    expect(yearColor(1990, [2000, 2020])).toBe(yearColor(2000, [2000, 2020]));
    expect(rampGradient()).toMatch(/^linear-gradient\(to right, #440154 0%, .*#fde725 100%\)$/);
  });
});

describe('the ramp’s years', () => {
  it('span the concepts’ mean years without their outlying 5% at each end, in whole years', () => {
    // 1 outlier in 1963 among 40 concepts between 2010.2 and 2021.6.
    const means = Float64Array.from([1963, ...Array.from({ length: 39 }, (_, i) => 2010.2 + (i * 11.4) / 38), NaN]);
    const [first, last] = overlayExtent(means)!;
    expect(first).toBeGreaterThanOrEqual(2010);
    expect(first).toBeLessThan(2012);
    expect(last).toBeGreaterThan(2020);
    expect(last).toBeLessThanOrEqual(2022);
    expect(Number.isInteger(first) && Number.isInteger(last)).toBe(true);
  });

  it('are null when no concept is dated', () => {
    expect(overlayExtent(Float64Array.from([NaN, NaN]))).toBeNull();
  });
});
