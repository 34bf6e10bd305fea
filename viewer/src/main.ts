/**
 * PaperGraph viewer
 * =================
 *
 * Loads the compact viewer data once, draws the concept graph with sigma.js, and wires search,
 * hover, the side panel, legend, filters, URL hash and PNG export. All styling that depends on
 * the UI state goes through sigma's node/edge reducers; the graph itself is never restyled.
 *
 * Level of detail for large graphs: edges are hidden while the camera moves, labels are drawn
 * by importance only (size threshold + label grid), labels are hidden while moving on big
 * graphs, weak edges were pruned when the data file was written, and the data loads in one
 * compact request.
 */
import type { Attributes } from 'graphology-types';
import Sigma from 'sigma';
import type { EdgeDisplayData, NodeDisplayData } from 'sigma/types';
import './style.css';
import { byId, clear, el } from './dom';
import { addPapers, conceptNode, LOD_MIN_PAPERS, createDisplayGraph, type EdgeAttrs, type NodeAttrs, paperNode, parseNode } from './graph';
import { createModel, validateData, type Model } from './model';
import { EDGE_HIGHLIGHT, FADED_NODE } from './palette';
import { renderConcept, renderPaper, type PanelActions } from './panel';
import { createStillOnlyNodeProgram, LOD_MIN_CONCEPTS, STILL_ONLY_TYPE } from './lod';
import { createSearchIndex } from './search';
import { renderFilters, renderLegend, type SidebarActions } from './sidebar';
import { createState, decodeHash, encodeHash, type Filters, type Selection } from './state';
import { computeVisibility } from './visibility';

/** Read-only hooks for tests and benchmarks. */
interface DebugHook {
  ready: boolean;
  error: string | null;
  /** ms from navigation start to the first drawn frame. */
  firstRenderMs: number | null;
  /** ms from navigation start at each loading step. */
  timings: Record<string, number>;
  selection(): { kind: string; key: string; label: string } | null;
  hiddenCommunities(): number[];
  /** Concept nodes sigma currently draws (after reducers), optionally of one community. */
  visibleConcepts(community?: number): number;
  /** Paper nodes sigma currently draws (the bipartite view). */
  visiblePapers(): number;
  sigma: Sigma<NodeAttrs, EdgeAttrs> | null;
}

declare global {
  interface Window {
    __papergraph: DebugHook;
  }
}

const hook: DebugHook = {
  ready: false,
  error: null,
  firstRenderMs: null,
  timings: {},
  selection: () => null,
  hiddenCommunities: () => [],
  visibleConcepts: () => 0,
  visiblePapers: () => 0,
  sigma: null,
};
window.__papergraph = hook;

const status = byId('status');

function dataUrl(): string {
  // `?data=` lets the static folder open any viewer-data.json of the same origin.
  const param = new URLSearchParams(location.search).get('data');
  return param && !/^[a-z]+:/i.test(param) ? param : 'data/viewer-data.json';
}

async function load(): Promise<Model> {
  hook.timings.start = performance.now();
  const response = await fetch(dataUrl());
  if (!response.ok) throw new Error(`could not load the graph data (HTTP ${response.status})`);
  const json: unknown = await response.json();
  hook.timings.fetched = performance.now();
  const model = createModel(validateData(json));
  hook.timings.model = performance.now();
  return model;
}

function start(model: Model): void {
  const state = createState();
  const graph = createDisplayGraph(model);
  hook.timings.graph = performance.now();
  // The shared view's filters apply before the first frame, so it is drawn once, right.
  const initial = decodeHash(location.hash);
  state.filters = initial.filters;
  state.hiddenCommunities = new Set(initial.hide);
  if (state.filters.showPapers) addPapers(graph, model);
  const container = byId('graph');
  const panel = byId('panel');
  const big = model.conceptCount > 2000;
  let visibility = computeVisibility(model, state);
  let focusNeighbors = new Set<string>();
  // The hovered or selected node's key, computed once per refresh rather than per item.
  let currentFocus: string | null = null;

  // Labels by importance: only the ~80 largest nodes qualify at the initial zoom (more as one
  // zooms in), and the label grid keeps the largest per cell among those.
  const sizes: number[] = [];
  graph.forEachNode((_, a) => sizes.push(a.size));
  sizes.sort((a, b) => b - a);
  const labelThreshold = Math.max(3, (sizes[Math.min(sizes.length - 1, 80)] ?? 3) - 0.01);

  const focusKey = (): string | null => {
    const s = state.hovered ?? state.selection;
    return s ? (s.kind === 'concept' ? conceptNode(s.index) : paperNode(s.index)) : null;
  };
  const isVisible = (a: NodeAttrs): boolean =>
    (a.kind === 'concept' ? visibility.concept[a.index] : visibility.paper[a.index]) === 1;
  // Display keys are `c<index>` / `p<index>`: no attribute lookup needed.
  const isKeyVisible = (key: string): boolean =>
    (key.charCodeAt(0) === 112 ? visibility.paper : visibility.concept)[Number(key.slice(1))] === 1;

  // sigma's own test for "the camera moves" (see its render()), for the still-only program.
  let current: Sigma<NodeAttrs, EdgeAttrs> | null = null;
  const isMoving = (): boolean => {
    if (!current) return false;
    const mouse = current.getMouseCaptor();
    return current.getCamera().isAnimated() || mouse.isMoving || mouse.draggedEvents > 0 || mouse.currentWheelDirection !== 0;
  };

  const usesStillOnly = model.conceptCount > LOD_MIN_CONCEPTS || model.paperCount > LOD_MIN_PAPERS;

  const renderer = new Sigma<NodeAttrs, EdgeAttrs>(graph, container, {
    // Each program costs a shader compile at start-up: only big graphs register this one.
    nodeProgramClasses: usesStillOnly
      ? { [STILL_ONLY_TYPE]: createStillOnlyNodeProgram<NodeAttrs, EdgeAttrs, Attributes>(isMoving) }
      : {},
    hideEdgesOnMove: true,
    hideLabelsOnMove: big,
    enableEdgeEvents: false,
    renderEdgeLabels: false,
    zIndex: !big,
    labelDensity: 0.6,
    labelGridCellSize: 120,
    labelRenderedSizeThreshold: labelThreshold,
    labelFont: 'Inter, "Segoe UI", system-ui, sans-serif',
    labelSize: 12,
    labelWeight: '500',
    labelColor: { color: '#1f2430' },
    defaultEdgeType: 'line',
    stagePadding: 40,
    minCameraRatio: 0.03,
    maxCameraRatio: 6,
    nodeReducer: (node, a) => {
      if (!isVisible(a)) return { ...a, hidden: true } as Partial<NodeDisplayData>;
      const focus = currentFocus;
      if (!focus) return a;
      if (node === focus) return { ...a, highlighted: true, forceLabel: true, zIndex: 2 };
      if (focusNeighbors.has(node)) return { ...a, forceLabel: focusNeighbors.size <= 24, zIndex: 1 };
      return { ...a, color: FADED_NODE, label: '', zIndex: 0 };
    },
    edgeReducer: (_edge, a) => {
      if (!isKeyVisible(a.source) || !isKeyVisible(a.target)) return { ...a, hidden: true } as Partial<EdgeDisplayData>;
      const focus = currentFocus;
      if (!focus) return a;
      if (a.source === focus || a.target === focus) return { ...a, color: EDGE_HIGHLIGHT, size: Math.max(1, a.size * 1.6), zIndex: 1 };
      return { ...a, hidden: true };
    },
  });
  current = renderer;
  hook.sigma = renderer;
  hook.timings.sigma = performance.now();
  // The constructor has drawn the first frame; it shows at the next animation frame, by which
  // time the rest of the UI below is wired.
  status.hidden = true;
  requestAnimationFrame(() => {
    hook.firstRenderMs = performance.now();
    hook.ready = true;
  });

  const refresh = (): void => {
    renderer.refresh({ skipIndexation: true });
  };
  const updateFocus = (): void => {
    focusNeighbors = new Set();
    const key = focusKey();
    currentFocus = key;
    if (key && graph.hasNode(key)) graph.forEachNeighbor(key, (n) => focusNeighbors.add(n));
  };

  // --- URL hash ---------------------------------------------------------------------------
  let writingHash = false;
  const writeHash = (): void => {
    const sel = state.selection;
    const hash = encodeHash({
      concept: sel?.kind === 'concept' ? model.data.concepts.key[sel.index] : undefined,
      paper: sel?.kind === 'paper' ? model.data.papers.id[sel.index] : undefined,
      hide: [...state.hiddenCommunities],
      filters: state.filters,
    });
    if (hash !== location.hash && !(hash === '' && location.hash === '')) {
      writingHash = true;
      history.replaceState(null, '', hash || `${location.pathname}${location.search}`);
      writingHash = false;
    }
  };

  // --- selection ----------------------------------------------------------------------------
  /** Centres the camera on a node, zoomed so that its neighbours fit around it. */
  const centerOn = (key: string): void => {
    const d = renderer.getNodeDisplayData(key);
    if (!d) return;
    let reach = 0;
    graph.forEachNeighbor(key, (n) => {
      const o = renderer.getNodeDisplayData(n);
      if (o && !o.hidden) reach = Math.max(reach, Math.abs(o.x - d.x), Math.abs(o.y - d.y));
    });
    const ratio = Math.min(1, Math.max(0.08, reach * 3.2 || 0.3));
    void renderer.getCamera().animate({ x: d.x, y: d.y, ratio }, { duration: 500 });
  };

  const panelActions: PanelActions = {
    selectConcept: (index) => select({ kind: 'concept', index }, true),
    isolateCommunity: (id) => sidebarActions.isolateCommunity(id),
    close: () => select(null, false),
  };

  function select(selection: Selection, center: boolean): void {
    state.selection = selection;
    if (selection?.kind === 'concept') renderConcept(panel, model, selection.index, panelActions);
    else if (selection?.kind === 'paper') renderPaper(panel, model, selection.index, panelActions);
    else {
      panel.hidden = true;
      clear(panel);
    }
    document.body.classList.toggle('with-panel', selection !== null);
    updateFocus();
    refresh();
    if (selection && center) centerOn(selection.kind === 'concept' ? conceptNode(selection.index) : paperNode(selection.index));
    writeHash();
  }

  // --- legend and filters -----------------------------------------------------------------
  const legendRoot = byId('legend');
  const filtersRoot = byId('filters');
  const applyFilters = (): void => {
    if (state.filters.showPapers) addPapers(graph, model);
    visibility = computeVisibility(model, state);
    renderLegend(legendRoot, model, state, sidebarActions);
    updateFocus();
    refresh();
    writeHash();
  };
  const sidebarActions: SidebarActions = {
    toggleCommunity: (id) => {
      if (state.hiddenCommunities.has(id)) state.hiddenCommunities.delete(id);
      else state.hiddenCommunities.add(id);
      applyFilters();
    },
    isolateCommunity: (id) => {
      state.hiddenCommunities = new Set(model.data.communities.map((c) => c.id).filter((c) => c !== id));
      applyFilters();
    },
    showAllCommunities: () => {
      state.hiddenCommunities.clear();
      applyFilters();
    },
    setFilters: (patch: Partial<Filters>) => {
      state.filters = { ...state.filters, ...patch };
      applyFilters();
    },
  };
  byId('legend-all').addEventListener('click', () => sidebarActions.showAllCommunities());

  const applyHash = (h = decodeHash(location.hash), first = false): void => {
    state.filters = h.filters;
    state.hiddenCommunities = new Set(h.hide);
    if (state.filters.showPapers) addPapers(graph, model);
    visibility = computeVisibility(model, state);
    renderLegend(legendRoot, model, state, sidebarActions);
    renderFilters(filtersRoot, model, state, sidebarActions);
    const concept = h.concept !== undefined ? model.conceptByKey.get(h.concept) : undefined;
    const paper = h.paper !== undefined ? model.data.papers.id.indexOf(h.paper) : -1;
    if (concept !== undefined) select({ kind: 'concept', index: concept }, true);
    else if (paper >= 0 && state.filters.showPapers) select({ kind: 'paper', index: paper }, true);
    else if (!first || state.selection) select(null, false);
  };
  window.addEventListener('hashchange', () => {
    if (!writingHash) applyHash(decodeHash(location.hash));
  });

  // --- hover and click --------------------------------------------------------------------
  renderer.on('enterNode', ({ node }) => {
    state.hovered = parseNode(node);
    container.classList.add('pointer');
    updateFocus();
    refresh();
  });
  renderer.on('leaveNode', () => {
    state.hovered = null;
    container.classList.remove('pointer');
    updateFocus();
    refresh();
  });
  renderer.on('clickNode', ({ node }) => select(parseNode(node), false));
  renderer.on('clickStage', () => {
    if (state.selection) select(null, false);
  });

  // --- search -----------------------------------------------------------------------------
  const index = createSearchIndex(model);
  const input = byId<HTMLInputElement>('search-input');
  const list = byId<HTMLUListElement>('search-results');
  let hits: ReturnType<typeof index.search> = [];
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
    if (!visibility.concept[hit.index]) {
      // A filtered-out concept is shown again rather than selected invisibly.
      state.hiddenCommunities.delete(model.data.concepts.community[hit.index]!);
      state.filters = { ...state.filters, minDf: 1, minDegree: 0, years: null };
      renderFilters(filtersRoot, model, state, sidebarActions);
      applyFilters();
    }
    select({ kind: 'concept', index: hit.index }, true);
  };
  const renderHits = (): void => {
    clear(list);
    hits.forEach((hit, i) => {
      const c = model.data.concepts;
      list.append(
        el('li', {
          class: `search-hit${i === active ? ' active' : ''}`,
          attrs: { role: 'option', 'aria-selected': String(i === active) },
          on: {
            mousedown: (event) => {
              event.preventDefault();
              choose(i);
            },
          },
        }, [
          el('span', { class: 'swatch small', attrs: { style: `background:${graph.getNodeAttribute(conceptNode(hit.index), 'color')}` } }),
          el('span', { class: 'hit-label', text: c.label[hit.index]! }),
          hit.alias ? el('span', { class: 'hit-alias', text: hit.alias }) : null,
          el('span', { class: 'hit-count', text: `${c.df[hit.index]} papers` }),
        ]),
      );
    });
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

  // --- toolbar ----------------------------------------------------------------------------
  byId('reset-view').addEventListener('click', () => void renderer.getCamera().animatedReset({ duration: 400 }));
  byId('export-png').addEventListener('click', async () => {
    const { downloadAsPNG } = await import('@sigma/export-image');
    await downloadAsPNG(renderer as unknown as Sigma, { fileName: 'papergraph', backgroundColor: '#ffffff' });
  });

  byId('stats').textContent =
    `${model.paperCount.toLocaleString('en')} papers · ${model.conceptCount.toLocaleString('en')} concepts · ` +
    `${model.data.communities.length} clusters`;

  hook.selection = () => {
    const s = state.selection;
    if (!s) return null;
    return s.kind === 'concept'
      ? { kind: 'concept', key: model.data.concepts.key[s.index]!, label: model.data.concepts.label[s.index]! }
      : { kind: 'paper', key: model.data.papers.id[s.index]!, label: model.data.papers.title[s.index]! };
  };
  hook.hiddenCommunities = () => [...state.hiddenCommunities].sort((a, b) => a - b);
  const countDrawn = (kind: 'concept' | 'paper', community?: number): number => {
    let n = 0;
    graph.forEachNode((node, a) => {
      if (a.kind !== kind || (community !== undefined && a.community !== community)) return;
      if (renderer.getNodeDisplayData(node)?.hidden === false) n++;
    });
    return n;
  };
  hook.visibleConcepts = (community?: number) => countDrawn('concept', community);
  hook.visiblePapers = () => countDrawn('paper');

  applyHash(initial, true);
}

load()
  .then(start)
  .catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    hook.error = message;
    status.textContent = `Could not open the graph: ${message}`;
    status.classList.add('error');
  });
