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
import type Sigma from 'sigma';
import './style.css';
import { applyHash, sidebarActions, refresh, select, updateFocus, type App } from './app';
import { addClusterLayer } from './cluster-layer';
import { connectDebugHook, installDebugHook } from './debug-hook';
import { byId } from './dom';
import { addPapers, createDisplayGraph, parseNode } from './graph';
import { createModel, validateData, type Model } from './model';
import { createRenderer, createViewState } from './renderer';
import { wireSearch } from './search-box';
import { createState, decodeHash } from './state';

const hook = installDebugHook();
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

/** Hover focuses a node, a click selects it, a click on the stage clears the selection. */
function wirePointer(app: App): void {
  const { renderer, state, elements } = app;
  renderer.on('enterNode', ({ node }) => {
    state.hovered = parseNode(node);
    elements.container.classList.add('pointer');
    updateFocus(app);
    refresh(app);
  });
  renderer.on('leaveNode', () => {
    state.hovered = null;
    elements.container.classList.remove('pointer');
    updateFocus(app);
    refresh(app);
  });
  renderer.on('clickNode', ({ node }) => select(app, parseNode(node), false));
  renderer.on('clickStage', () => {
    if (state.selection) select(app, null, false);
  });
}

/** The toolbar (fit view, PNG export) and the corpus line in the top bar. */
function wireToolbar(app: App): void {
  const { renderer, model } = app;
  byId('reset-view').addEventListener('click', () => void renderer.getCamera().animatedReset({ duration: 400 }));
  byId('export-png').addEventListener('click', async () => {
    const { downloadAsPNG } = await import('@sigma/export-image');
    await downloadAsPNG(renderer as unknown as Sigma, { fileName: 'papergraph', backgroundColor: '#ffffff' });
  });
  byId('stats').textContent =
    `${model.paperCount.toLocaleString('en')} papers · ${model.conceptCount.toLocaleString('en')} concepts · ` +
    (model.fields.length ? `${model.fields.length} fields · ${model.data.communities.length} topics` : `${model.data.communities.length} clusters`);
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
  const view = createViewState(model, state);
  const renderer = createRenderer(graph, container, model, view);
  const clusters = addClusterLayer(renderer, graph, model, {
    isHidden: (topic) => state.hiddenCommunities.has(topic),
    hasFocus: () => (state.hovered ?? state.selection) !== null,
  });
  hook.sigma = renderer;
  hook.timings.sigma = performance.now();
  // The constructor has drawn the first frame; it shows at the next animation frame, by which
  // time the rest of the UI below is wired.
  status.hidden = true;
  requestAnimationFrame(() => {
    hook.firstRenderMs = performance.now();
    hook.ready = true;
  });

  const elements = { container, panel, legend: byId('legend'), filters: byId('filters'), colorBy: byId('color-by') };
  const app: App = { model, graph, state, view, renderer, clusters, elements, writingHash: false, recount: null, recountMs: null, overlay: null };
  byId('legend-all').addEventListener('click', () => sidebarActions(app).showAllCommunities());
  window.addEventListener('hashchange', () => {
    if (!app.writingHash) applyHash(app, decodeHash(location.hash));
  });
  wirePointer(app);
  wireSearch(app);
  wireToolbar(app);
  connectDebugHook(hook, app);
  applyHash(app, initial, true);
}

load()
  .then(start)
  .catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    hook.error = message;
    status.textContent = `Could not open the graph: ${message}`;
    status.classList.add('error');
  });
