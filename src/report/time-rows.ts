/**
 * Bursts and trends as table rows
 * ===============================
 *
 * Shared by the Markdown and HTML reports so both say the same thing: `escapeText` escapes text
 * for the target format, `topicLink` links a topic id.
 */
import type { Burst, ShareTrend } from '../model.js';
import { formatNumber } from './escape.js';
import type { BurstRow, CommunityTime, CorpusTime, TrendRow } from './types.js';

type Escape = (text: string) => string;
type TopicLink = (id: number) => string;

/** `2015–2018`, or `2016` for a burst of one period. */
export const periodSpan = (b: Pick<Burst, 'start' | 'end'>): string => (b.start === b.end ? b.start : `${b.start}–${b.end}`);

const percent = (share: number): string => `${formatNumber(share * 100, share < 0.01 ? 2 : 1)}%`;

/** `1.2% → 4.5%`: the fitted share in the first and last period of the trend. */
export const shareChange = (t: ShareTrend): string => `${percent(t.firstShare)} → ${percent(t.lastShare)}`;

/** A p-value as read in a table: `< 0.0001` below that. */
export const pValue = (p: number): string => (p < 0.0001 ? '< 0.0001' : formatNumber(p, 4));

/** The header and rows of a burst table. */
export function burstTable(rows: readonly BurstRow[], escapeText: Escape, topicLink: TopicLink): { head: string[]; rows: string[][] } {
  return {
    head: ['#', 'Concept', 'Topic', 'Burst', 'Weight'],
    rows: rows.map((b, i) => [String(i + 1), escapeText(b.label), b.community < 0 ? '' : topicLink(b.community), periodSpan(b), formatNumber(b.weight, 1)]),
  };
}

/** The header and rows of an emerging (or fading) concept table. */
export function trendTable(rows: readonly TrendRow[], escapeText: Escape, topicLink: TopicLink): { head: string[]; rows: string[][] } {
  return {
    head: ['Concept', 'Topic', 'Share of papers', 'p', 'Papers in these periods'],
    rows: rows.map((t) => [escapeText(t.label), t.community < 0 ? '' : topicLink(t.community), shareChange(t), pValue(t.p), String(t.papers)]),
  };
}

/** One sentence on a topic's or field's own share: its trend and bursts. */
export function shareSentence(time: Pick<CommunityTime, 'bursts' | 'trend'>): string {
  const trend = time.trend;
  const trendText = !trend
    ? 'too few dated papers for a trend'
    : `${trend.direction} over the recent periods (${shareChange(trend)}, p ${trend.p < 0.0001 ? '< 0.0001' : `= ${pValue(trend.p)}`})`;
  const bursts = time.bursts.length ? `bursts ${time.bursts.map((b) => `${periodSpan(b)} (weight ${formatNumber(b.weight, 1)})`).join(', ')}` : 'no burst';
  return `Share of all papers: ${trendText}; ${bursts}.`;
}

/** `2019: 12 · 2020: 30 …`: papers per period. */
export function periodCounts(periods: readonly string[], papers: readonly number[]): string {
  return periods.map((p, i) => `${p}: ${papers[i] ?? 0}`).join(' · ');
}

/** How the bursts and trends were found, for the note under the section heading. */
export function methodNote(t: CorpusTime): string {
  const s = t.settings;
  const unit = t.unit === 'month' ? 'month' : 'year';
  return (
    `Periods: one per ${unit}, ${t.periods.length} from ${t.periods[0] ?? '–'} to ${t.periods[t.periods.length - 1] ?? '–'}; ` +
    `runs of periods with under ${s.minPeriodPapers} papers are merged${t.undated ? `; ${t.undated} papers outside every period` : ''}. ` +
    `Bursts: Kleinberg's two-state automaton on each concept's share of the papers (state ratio s = ${formatNumber(s.stateRatio)}, ` +
    `γ = ${formatNumber(s.gamma)}, at least ${s.minDuration} periods); weight is the cost the burst state saves. ` +
    `Emerging and fading: a binomial logistic trend of the share over the last ${s.recentPeriods || 'all'} periods, ` +
    `likelihood-ratio test corrected for overdispersion, p < ${formatNumber(s.alpha, 4)} and a change of at least ${formatNumber(s.minChange)}×; ` +
    `concepts need ${s.minPapers} dated papers.`
  );
}
