import { formatNumber } from './escape.js';
import type { CorpusSummary } from './types.js';

/**
 * The corpus summary as `[measure, value]` rows, shared by the Markdown and HTML reports so
 * both list the same measures in the same order; `escapeText` escapes text for the target format.
 */
export function corpusSummaryRows(s: CorpusSummary, escapeText: (text: string) => string): string[][] {
  return [
    ['Input files', String(s.inputs.length)],
    ['Papers', String(s.papers)],
    ['Concepts', String(s.concepts)],
    ['Communities', String(s.communities)],
    ['Mentions (paper → concept)', String(s.mentions)],
    ['Co-occurrence edges', String(s.coOccurrences)],
    ['Edge weighting', escapeText(s.weighting)],
    ['Minimum document frequency', String(s.minDf)],
    ['Algorithm', escapeText(s.algorithm)],
    ['Resolution', formatNumber(s.resolution)],
    ['Seed', String(s.seed)],
    ['Modularity', formatNumber(s.modularity, 4)],
  ];
}
