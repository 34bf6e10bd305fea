/**
 * Which nodes pass the legend and the filters. Recomputed on each filter change into flat arrays
 * the reducers read in O(1), so hover and camera moves never redo this work.
 */
import type { Model } from './model';
import type { State } from './state';
import { recountInYears, type Recount } from './time';

export interface Visibility {
  concept: Uint8Array;
  paper: Uint8Array;
  /**
   * The year range's counts, or null with no range: then a displayed edge is hidden when its two
   * ends share no paper in the range.
   */
  recount: Recount | null;
}

/**
 * Which concepts and papers pass. With a year range (counted here unless `recount` holds it), the minimum
 * papers and links apply to the counts within the range, so a concept with no paper there is hidden.
 */
export function computeVisibility(model: Model, state: State, recount: Recount | null = null): Visibility {
  const { minDf, minDegree, years, showPapers } = state.filters;
  const c = model.data.concepts;
  const inRange =
    years === null ? null : recount && recount.range[0] === years[0] && recount.range[1] === years[1] ? recount : recountInYears(model, years);
  const df = inRange?.conceptPapers ?? c.df;
  const degree = inRange?.conceptLinks ?? model.degree;
  const concept = new Uint8Array(model.conceptCount);
  for (let i = 0; i < model.conceptCount; i++) {
    concept[i] = Number(
      !state.hiddenCommunities.has(c.community[i]!) &&
        df[i]! >= Math.max(1, minDf) &&
        degree[i]! >= minDegree,
    );
  }
  const paper = new Uint8Array(model.paperCount);
  if (showPapers) {
    const p = model.data.papers;
    for (let i = 0; i < model.paperCount; i++) {
      const year = p.year[i];
      if (state.hiddenCommunities.has(p.community[i]!)) continue;
      if (years !== null && (typeof year !== 'number' || year < years[0] || year > years[1])) continue;
      paper[i] = Number(model.paperMentions[i]!.some((m) => concept[m.concept] === 1));
    }
  }
  return { concept, paper, recount: inRange };
}
