/**
 * Trends stage
 * ============
 *
 * Time in a build: the periods papers are counted in, Kleinberg bursts and emerging / fading
 * trends of each concept's, topic's and field's share of the papers.
 */
export { analyzeTrends, resolveTrendSettings, savedConceptTimes, withTimelines, TREND_DEFAULTS, type TrendOptions, type Trends } from './analyze.js';
export { detectBursts, type BurstParameters, type BurstSpan, type ShareSeries } from './kleinberg.js';
export { shareTrend, chiSquare1PValue, type TrendParameters } from './share-trend.js';
export { buildPeriodAxis, chooseUnit, periodKey, yearOf, type PaperDate, type PeriodAxis } from './periods.js';
