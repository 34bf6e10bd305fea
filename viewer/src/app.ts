/**
 * The running viewer and the actions that change it. Each action updates the UI state, redraws
 * what depends on it (panel, legend, filters), recomputes the reducers' view state, refreshes
 * sigma and writes the URL hash, in that order.
 */
import type Sigma from 'sigma';
import type { ClusterLayer } from './cluster-layer';
import { clear } from './dom';
import { addPapers, conceptNode, paperNode, type DisplayGraph, type EdgeAttrs, type NodeAttrs } from './graph';
import type { Model } from './model';
import { renderConcept, renderPaper, type PanelActions } from './panel';
import type { ViewState } from './renderer';
import { renderFilters, renderLegend, type SidebarActions } from './sidebar';
import { encodeHash, type Filters, type HashState, type Selection, type State } from './state';
import { computeVisibility } from './visibility';

/** The page elements the actions redraw. */
export interface AppElements {
  container: HTMLElement;
  panel: HTMLElement;
  legend: HTMLElement;
  filters: HTMLElement;
}

/** Everything the viewer's actions read and change, passed to them explicitly. */
export interface App {
  model: Model;
  graph: DisplayGraph;
  state: State;
  view: ViewState;
  renderer: Sigma<NodeAttrs, EdgeAttrs>;
  /** The cluster names drawn on the map. */
  clusters: ClusterLayer;
  elements: AppElements;
  /** True while the viewer writes the hash itself, so its own change is not applied again. */
  writingHash: boolean;
}

/** Redraws with the current reducers; the graph's structure is unchanged. */
export function refresh(app: App): void {
  app.renderer.refresh({ skipIndexation: true });
}

/** Recomputes the focused node (hovered, else selected) and its neighbours for the reducers. */
export function updateFocus(app: App): void {
  const { state, view, graph } = app;
  view.focusNeighbors = new Set();
  const s = state.hovered ?? state.selection;
  const key = s ? (s.kind === 'concept' ? conceptNode(s.index) : paperNode(s.index)) : null;
  view.focus = key;
  if (key && graph.hasNode(key)) graph.forEachNeighbor(key, (n) => view.focusNeighbors.add(n));
}

/** Writes the selection and filters into the URL hash, without a history entry. */
export function writeHash(app: App): void {
  const { state, model } = app;
  const sel = state.selection;
  const hash = encodeHash({
    concept: sel?.kind === 'concept' ? model.data.concepts.key[sel.index] : undefined,
    paper: sel?.kind === 'paper' ? model.data.papers.id[sel.index] : undefined,
    hide: [...state.hiddenCommunities],
    filters: state.filters,
  });
  if (hash !== location.hash && !(hash === '' && location.hash === '')) {
    app.writingHash = true;
    history.replaceState(null, '', hash || `${location.pathname}${location.search}`);
    app.writingHash = false;
  }
}

/** Centres the camera on a node, zoomed so that its neighbours fit around it. */
export function centerOn(app: App, key: string): void {
  const { renderer, graph } = app;
  const d = renderer.getNodeDisplayData(key);
  if (!d) return;
  let reach = 0;
  graph.forEachNeighbor(key, (n) => {
    const o = renderer.getNodeDisplayData(n);
    if (o && !o.hidden) reach = Math.max(reach, Math.abs(o.x - d.x), Math.abs(o.y - d.y));
  });
  const ratio = Math.min(1, Math.max(0.08, reach * 3.2 || 0.3));
  void renderer.getCamera().animate({ x: d.x, y: d.y, ratio }, { duration: 500 });
}

/** Selects a concept or paper (or nothing), opening its panel and optionally centring on it. */
export function select(app: App, selection: Selection, center: boolean): void {
  const { state, model, elements } = app;
  state.selection = selection;
  if (selection?.kind === 'concept') renderConcept(elements.panel, model, selection.index, panelActions(app));
  else if (selection?.kind === 'paper') renderPaper(elements.panel, model, selection.index, panelActions(app));
  else {
    elements.panel.hidden = true;
    clear(elements.panel);
  }
  document.body.classList.toggle('with-panel', selection !== null);
  updateFocus(app);
  refresh(app);
  if (selection && center) centerOn(app, selection.kind === 'concept' ? conceptNode(selection.index) : paperNode(selection.index));
  writeHash(app);
}

/** Applies changed filters or hidden communities: visibility, legend, focus, frame and hash. */
export function applyFilters(app: App): void {
  const { state, model, graph } = app;
  if (state.filters.showPapers) addPapers(graph, model);
  app.view.visibility = computeVisibility(model, state);
  renderLegend(app.elements.legend, model, state, sidebarActions(app));
  updateFocus(app);
  refresh(app);
  writeHash(app);
}

/**
 * Applies a decoded hash: its filters, hidden communities and selection. On the first call an
 * empty selection leaves the view as drawn.
 */
export function applyHash(app: App, h: HashState, first = false): void {
  const { state, model, graph, elements } = app;
  state.filters = h.filters;
  state.hiddenCommunities = new Set(h.hide);
  if (state.filters.showPapers) addPapers(graph, model);
  app.view.visibility = computeVisibility(model, state);
  renderLegend(elements.legend, model, state, sidebarActions(app));
  renderFilters(elements.filters, model, state, sidebarActions(app));
  const concept = h.concept !== undefined ? model.conceptByKey.get(h.concept) : undefined;
  const paper = h.paper !== undefined ? model.data.papers.id.indexOf(h.paper) : -1;
  if (concept !== undefined) select(app, { kind: 'concept', index: concept }, true);
  else if (paper >= 0 && state.filters.showPapers) select(app, { kind: 'paper', index: paper }, true);
  else if (!first || state.selection) select(app, null, false);
}

/** The legend's and filters' actions on this viewer. */
export function sidebarActions(app: App): SidebarActions {
  const { state, model } = app;
  return {
    toggleCommunity: (id) => {
      if (state.hiddenCommunities.has(id)) state.hiddenCommunities.delete(id);
      else state.hiddenCommunities.add(id);
      applyFilters(app);
    },
    toggleField: (id) => {
      const topics = model.fields.find((f) => f.id === id)?.topics ?? [];
      const allHidden = topics.every((t) => state.hiddenCommunities.has(t));
      for (const t of topics) {
        if (allHidden) state.hiddenCommunities.delete(t);
        else state.hiddenCommunities.add(t);
      }
      applyFilters(app);
    },
    isolateCommunity: (id) => {
      state.hiddenCommunities = new Set(model.data.communities.map((c) => c.id).filter((c) => c !== id));
      applyFilters(app);
    },
    showAllCommunities: () => {
      state.hiddenCommunities.clear();
      applyFilters(app);
    },
    setFilters: (patch: Partial<Filters>) => {
      state.filters = { ...state.filters, ...patch };
      applyFilters(app);
    },
  };
}

/** The side panel's actions on this viewer. */
export function panelActions(app: App): PanelActions {
  return {
    selectConcept: (index) => select(app, { kind: 'concept', index }, true),
    isolateCommunity: (id) => sidebarActions(app).isolateCommunity(id),
    close: () => select(app, null, false),
  };
}
