/**
 * The running viewer and the actions that change it. Each action updates the UI state, redraws
 * what depends on it (panel, legend, filters), recomputes the reducers' view state, refreshes
 * sigma and writes the URL hash, in that order.
 */
import type Sigma from 'sigma';
import type { ClusterLayer } from './cluster-layer';
import { renderCommunity } from './community-panel';
import { clear } from './dom';
import { addPapers, conceptNode, conceptSizes, edgeSize, maxEdgeWeight, paperNode, type DisplayGraph, type EdgeAttrs, type NodeAttrs } from './graph';
import type { Model } from './model';
import { lighten } from './palette';
import { renderConcept, renderPaper, type PanelActions, type PanelTime } from './panel';
import type { ViewState } from './renderer';
import { renderColorBy, renderFilters, renderLegend, type SidebarActions } from './sidebar';
import { encodeHash, type Filters, type HashState, type Selection, type State } from './state';
import { meanYears, recountInYears, type Recount } from './time';
import { computeVisibility } from './visibility';
import { overlayColors, overlayExtent, UNDATED_COLOR, yearColor, type YearOverlay } from './year-overlay';

/** The page elements the actions redraw. */
export interface AppElements {
  container: HTMLElement;
  panel: HTMLElement;
  legend: HTMLElement;
  filters: HTMLElement;
  /** The colour switch (clusters or year overlay) and the overlay's legend. */
  colorBy: HTMLElement;
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
  /** The last year range's counts, kept while the range stays. */
  recount: Recount | null;
  /** ms the last recount of a year range took (for tests and benchmarks). */
  recountMs: number | null;
  /** Each concept's mean year and the ramp's years, computed on the first use of the overlay. */
  overlay: YearOverlay | null;
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
  const key = s?.kind === 'concept' ? conceptNode(s.index) : s?.kind === 'paper' ? paperNode(s.index) : null;
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
    topic: sel?.kind === 'topic' ? sel.id : undefined,
    field: sel?.kind === 'field' ? sel.id : undefined,
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
  const { state } = app;
  state.selection = renderSelection(app, selection) ? selection : null;
  document.body.classList.toggle('with-panel', state.selection !== null);
  updateFocus(app);
  refresh(app);
  if (center && (selection?.kind === 'concept' || selection?.kind === 'paper')) {
    centerOn(app, selection.kind === 'concept' ? conceptNode(selection.index) : paperNode(selection.index));
  }
  writeHash(app);
}

/** Draws the panel of a selection (or closes it); false when the selection names nothing. */
function renderSelection(app: App, selection: Selection): boolean {
  const { model, elements } = app;
  const time: PanelTime = { range: app.state.filters.years, recount: app.recount };
  if (selection?.kind === 'concept') renderConcept(elements.panel, model, selection.index, panelActions(app), time);
  else if (selection?.kind === 'paper') renderPaper(elements.panel, model, selection.index, panelActions(app));
  else if (selection && renderCommunity(elements.panel, model, selection, panelActions(app), time)) return true;
  else {
    elements.panel.hidden = true;
    clear(elements.panel);
    return false;
  }
  return true;
}

/** The overlay's mean years and ramp, computed once; null when no paper has a year. */
function yearOverlay(app: App): YearOverlay | null {
  if (!app.overlay) {
    const means = meanYears(app.model);
    const extent = overlayExtent(means);
    if (!extent) return null;
    app.overlay = { means, extent, undated: means.filter((m) => Number.isNaN(m)).length };
  }
  return app.overlay;
}

/**
 * Brings the year-dependent view up to date: the range's counts (recounted only when the range
 * changes), sizes and edge widths within it, and the overlay's colours.
 */
function updateTimeView(app: App): void {
  const { model, state, view } = app;
  const years = state.filters.years;
  if (!years) app.recount = null;
  else if (!app.recount || app.recount.range[0] !== years[0] || app.recount.range[1] !== years[1]) {
    const started = performance.now();
    app.recount = recountInYears(model, years);
    app.recountMs = performance.now() - started;
  }
  const recount = app.recount;
  const df = model.data.concepts.df;
  view.conceptSize = recount ? conceptSizes(model, Array.from(recount.conceptPapers, (n, i) => (df[i]! > 0 ? n / df[i]! : 0))) : null;
  if (recount) {
    const edges = model.data.edges;
    const maxWeight = maxEdgeWeight(model);
    // A link's weight scales with the share of its shared papers that fall in the range.
    view.edgeSize = Float32Array.from(recount.edgePapers, (n, e) => {
      const papers = edges[e * 4 + 3]!;
      return edgeSize(papers > 0 ? (edges[e * 4 + 2]! * n) / papers : 0, maxWeight);
    });
  } else view.edgeSize = null;
  const overlay = state.filters.colorBy === 'year' ? yearOverlay(app) : null;
  if (overlay) {
    const extent = overlay.extent;
    view.conceptColor = overlayColors(overlay.means, extent);
    view.paperColor = model.data.papers.year.map((y) => lighten(typeof y === 'number' ? yearColor(y, extent) : UNDATED_COLOR, 0.35));
  } else {
    view.conceptColor = null;
    view.paperColor = null;
  }
}

/** Applies changed filters or hidden communities: visibility, legend, focus, frame and hash. */
export function applyFilters(app: App): void {
  const { state, model, graph } = app;
  if (state.filters.showPapers) addPapers(graph, model);
  const before = app.recount;
  updateTimeView(app);
  app.view.visibility = computeVisibility(model, state, app.recount);
  renderLegend(app.elements.legend, model, state, sidebarActions(app));
  renderColorBy(app.elements.colorBy, model, state, sidebarActions(app), yearOverlay(app));
  // The panel's counts and lists follow the year range.
  if (app.recount !== before && state.selection) renderSelection(app, state.selection);
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
  updateTimeView(app);
  app.view.visibility = computeVisibility(model, state, app.recount);
  renderLegend(elements.legend, model, state, sidebarActions(app));
  renderColorBy(elements.colorBy, model, state, sidebarActions(app), yearOverlay(app));
  renderFilters(elements.filters, model, state, sidebarActions(app));
  const concept = h.concept !== undefined ? model.conceptByKey.get(h.concept) : undefined;
  const paper = h.paper !== undefined ? model.data.papers.id.indexOf(h.paper) : -1;
  if (concept !== undefined) select(app, { kind: 'concept', index: concept }, true);
  else if (paper >= 0 && state.filters.showPapers) select(app, { kind: 'paper', index: paper }, true);
  else if (h.topic !== undefined) select(app, { kind: 'topic', id: h.topic }, false);
  else if (h.field !== undefined) select(app, { kind: 'field', id: h.field }, false);
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
    openCommunity: (kind, id) => select(app, { kind, id }, false),
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
    selectCommunity: (kind, id) => select(app, { kind, id }, false),
    isolateCommunity: (id) => sidebarActions(app).isolateCommunity(id),
    close: () => select(app, null, false),
  };
}
