/**
 * The search box: type-ahead hits over labels and aliases, arrow keys and Enter to choose, and a
 * chosen concept that the filters hide shown again before it is selected.
 */
import { applyFilters, select, sidebarActions, type App } from './app';
import { byId, clear, el } from './dom';
import { conceptNode } from './graph';
import { renderFilters } from './sidebar';
import { createSearchIndex, type SearchHit } from './search';

/** One hit of the list, with its community colour, alias and paper count. */
function hitItem(app: App, hit: SearchHit, isActive: boolean, onChoose: () => void): HTMLLIElement {
  const c = app.model.data.concepts;
  return el('li', {
    class: `search-hit${isActive ? ' active' : ''}`,
    attrs: { role: 'option', 'aria-selected': String(isActive) },
    on: {
      mousedown: (event) => {
        event.preventDefault();
        onChoose();
      },
    },
  }, [
    el('span', { class: 'swatch small', attrs: { style: `background:${app.graph.getNodeAttribute(conceptNode(hit.index), 'color')}` } }),
    el('span', { class: 'hit-label', text: c.label[hit.index]! }),
    hit.alias ? el('span', { class: 'hit-alias', text: hit.alias }) : null,
    el('span', { class: 'hit-count', text: `${c.df[hit.index]} papers` }),
  ]);
}

/** Wires the search input and its result list to the viewer. */
export function wireSearch(app: App): void {
  const { model, state } = app;
  const index = createSearchIndex(model);
  const input = byId<HTMLInputElement>('search-input');
  const list = byId<HTMLUListElement>('search-results');
  let hits: SearchHit[] = [];
  let active = 0;
  const closeList = (): void => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
  };
  const choose = (i: number): void => {
    const hit = hits[i];
    if (!hit) return;
    input.value = model.data.concepts.label[hit.index]!;
    closeList();
    input.blur();
    if (!app.view.visibility.concept[hit.index]) {
      // A filtered-out concept is shown again rather than selected invisibly.
      state.hiddenCommunities.delete(model.data.concepts.community[hit.index]!);
      state.filters = { ...state.filters, minDf: 1, minDegree: 0, years: null };
      renderFilters(app.elements.filters, model, state, sidebarActions(app));
      applyFilters(app);
    }
    select(app, { kind: 'concept', index: hit.index }, true);
  };
  const renderHits = (): void => {
    clear(list);
    hits.forEach((hit, i) => list.append(hitItem(app, hit, i === active, () => choose(i))));
    if (!hits.length && input.value.trim()) list.append(el('li', { class: 'search-empty', text: 'No concept matches' }));
    list.hidden = !input.value.trim();
    input.setAttribute('aria-expanded', String(!list.hidden));
  };
  input.addEventListener('input', () => {
    hits = index.search(input.value);
    active = 0;
    renderHits();
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!hits.length) return;
      active = (active + (event.key === 'ArrowDown' ? 1 : hits.length - 1)) % hits.length;
      renderHits();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      choose(active);
    } else if (event.key === 'Escape') {
      closeList();
    }
  });
  input.addEventListener('blur', () => closeList());
  input.addEventListener('focus', () => {
    if (input.value.trim()) renderHits();
  });
}
