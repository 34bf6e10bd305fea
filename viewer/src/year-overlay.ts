/**
 * The year overlay: concepts coloured by the mean publication year of their dated papers on a
 * sequential, colour-blind-safe ramp (viridis: dark violet for the earliest years, yellow for the
 * latest), concepts without a dated paper in the grey of "other".
 */
import { interpolateViridis } from 'd3-scale-chromatic';
import { OTHER_COLOR } from './palette';
import type { YearRange } from './time';

/** What the overlay's colours and legend need. */
export interface YearOverlay {
  /** Mean year of each concept's dated papers (NaN: none dated). */
  means: Float64Array;
  /** The years the ramp spans (see {@link overlayExtent}). */
  extent: YearRange;
  /** Concepts without a dated paper. */
  undated: number;
}

/** Colour of concepts none of whose papers has a year. */
export const UNDATED_COLOR = OTHER_COLOR;

/**
 * The ramp's colour for a (mean) year within the corpus's years; the ends of the extent get the
 * ends of the ramp, a one-year corpus the middle.
 */
export function yearColor(year: number, extent: YearRange): string {
  if (!Number.isFinite(year)) return UNDATED_COLOR;
  const span = extent[1] - extent[0];
  const t = span > 0 ? (year - extent[0]) / span : 0.5;
  return interpolateViridis(Math.min(1, Math.max(0, t)));
}

/** Share of concepts left out at each end when the ramp's years are chosen (outliers). */
const TAIL = 0.05;

/**
 * The years the ramp spans: from the 5th to the 95th percentile of the concepts' mean years,
 * widened to whole years, so that a few concepts of one old paper do not squeeze every other
 * concept into the last colours (means beyond take the end colours); null when none is dated.
 */
export function overlayExtent(means: Float64Array): YearRange | null {
  const dated = Array.from(means).filter((m) => Number.isFinite(m)).sort((a, b) => a - b);
  if (dated.length === 0) return null;
  const at = (q: number): number => dated[Math.min(dated.length - 1, Math.max(0, Math.round(q * (dated.length - 1))))]!;
  return [Math.floor(at(TAIL)), Math.ceil(at(1 - TAIL))];
}

/** Each concept's overlay colour from its mean year (NaN = undated). */
export function overlayColors(means: Float64Array, extent: YearRange): string[] {
  return Array.from(means, (m) => yearColor(m, extent));
}

/** A CSS gradient of the ramp, for the legend. */
export function rampGradient(steps = 8): string {
  const stops = Array.from({ length: steps + 1 }, (_, i) => `${interpolateViridis(i / steps)} ${Math.round((100 * i) / steps)}%`);
  return `linear-gradient(to right, ${stops.join(', ')})`;
}
