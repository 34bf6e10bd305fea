/**
 * Which nodes pass the legend and the filters. Recomputed on each filter change into flat arrays
 * the reducers read in O(1), so hover and camera moves never redo this work.
 */
import type { Model } from './model';
import type { State } from './state';

export interface Visibility {
  concept: Uint8Array;
  paper: Uint8Array;
}

function inYears(years: number[], range: [number, number]): boolean {
  for (const y of years) if (y >= range[0] && y <= range[1]) return true;
  return false;
}

export function computeVisibility(model: Model, state: State): Visibility {
  const { minDf, minDegree, years, showPapers } = state.filters;
  const c = model.data.concepts;
  const concept = new Uint8Array(model.conceptCount);
  for (let i = 0; i < model.conceptCount; i++) {
    concept[i] = Number(
      !state.hiddenCommunities.has(c.community[i]!) &&
        c.df[i]! >= minDf &&
        model.degree[i]! >= minDegree &&
        (years === null || inYears(model.conceptYears[i]!, years)),
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
  return { concept, paper };
}
