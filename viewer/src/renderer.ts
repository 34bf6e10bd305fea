/**
 * The sigma renderer of the display graph. Everything that depends on the UI state is styled by
 * the node and edge reducers, which read a precomputed `ViewState` in O(1) per item; the graph
 * itself is never restyled.
 */
import type { Attributes } from 'graphology-types';
import Sigma from 'sigma';
import type { EdgeDisplayData, NodeDisplayData } from 'sigma/types';
import { LOD_MIN_PAPERS, type DisplayGraph, type EdgeAttrs, type NodeAttrs } from './graph';
import { LOD_MIN_CONCEPTS, STILL_ONLY_TYPE } from './lod';
import { createStillOnlyNodeProgram } from './still-only-program';
import type { Model } from './model';
import { EDGE_HIGHLIGHT, FADED_NODE } from './palette';
import type { State } from './state';
import { computeVisibility, type Visibility } from './visibility';

/** What the reducers read: recomputed on filter and focus changes, never per drawn item. */
export interface ViewState {
  visibility: Visibility;
  /** The hovered or selected node's key, computed once per refresh rather than per item. */
  focus: string | null;
  /** Display keys of the focused node's neighbours. */
  focusNeighbors: Set<string>;
  /** Year-overlay colour of each concept, or null for the community colours. */
  conceptColor: string[] | null;
  /** Year-overlay colour of each paper node, or null. */
  paperColor: string[] | null;
  /** Concept sizes within the year range, or null for those of all years. */
  conceptSize: Float32Array | null;
  /** Widths of the displayed edges within the year range (data edge order), or null. */
  edgeSize: Float32Array | null;
}

/** The view state of a fresh viewer: the filters' visibility, nothing focused. */
export function createViewState(model: Model, state: State): ViewState {
  return {
    visibility: computeVisibility(model, state),
    focus: null,
    focusNeighbors: new Set(),
    conceptColor: null,
    paperColor: null,
    conceptSize: null,
    edgeSize: null,
  };
}

/**
 * Labels by importance within each topic: the nodes that carry a label are already each topic's
 * first few (see `labelQuota`), so any of them may be drawn; the label grid keeps the largest per
 * cell, more per cell as one zooms in.
 */
function labelThreshold(graph: DisplayGraph): number {
  let min = Infinity;
  graph.forEachNode((_, a) => {
    if (a.label !== null && a.size < min) min = a.size;
  });
  return Number.isFinite(min) ? Math.max(0, min - 0.01) : 0;
}

/** Hides what the filters drop; with a focus, highlights it and its neighbours and fades the rest. */
export function createNodeReducer(view: ViewState): (node: string, a: NodeAttrs) => Partial<NodeDisplayData> {
  const isVisible = (a: NodeAttrs): boolean =>
    (a.kind === 'concept' ? view.visibility.concept[a.index] : view.visibility.paper[a.index]) === 1;
  // The overlay's colour and the year range's size replace the graph's own, focus or not.
  const styled = (a: NodeAttrs): NodeAttrs => {
    const color = a.kind === 'concept' ? view.conceptColor?.[a.index] : view.paperColor?.[a.index];
    const size = a.kind === 'concept' ? view.conceptSize?.[a.index] : undefined;
    return color === undefined && size === undefined ? a : { ...a, color: color ?? a.color, size: size ?? a.size };
  };
  return (node, attrs) => {
    if (!isVisible(attrs)) return { ...attrs, hidden: true } as Partial<NodeDisplayData>;
    const a = styled(attrs);
    const focus = view.focus;
    if (!focus) return a;
    if (node === focus) return { ...a, label: a.name, highlighted: true, forceLabel: true, zIndex: 2 };
    if (view.focusNeighbors.has(node)) return { ...a, label: a.name, forceLabel: view.focusNeighbors.size <= 24, zIndex: 1 };
    return { ...a, color: FADED_NODE, label: '', zIndex: 0 };
  };
}

/** Hides edges with a hidden end; with a focus, shows only the focused node's edges, highlighted. */
export function createEdgeReducer(view: ViewState): (edge: string, a: EdgeAttrs) => Partial<EdgeDisplayData> {
  // Display keys are `c<index>` / `p<index>`: no attribute lookup needed.
  const isKeyVisible = (key: string): boolean =>
    (key.charCodeAt(0) === 112 ? view.visibility.paper : view.visibility.concept)[Number(key.slice(1))] === 1;
  return (_edge, attrs) => {
    if (!isKeyVisible(attrs.source) || !isKeyVisible(attrs.target)) return { ...attrs, hidden: true } as Partial<EdgeDisplayData>;
    // Within a year range, a link whose ends share no paper there is not drawn.
    const recount = view.visibility.recount;
    if (recount && attrs.kind === 'co' && recount.edgePapers[attrs.index] === 0) return { ...attrs, hidden: true } as Partial<EdgeDisplayData>;
    const size = attrs.kind === 'co' ? view.edgeSize?.[attrs.index] : undefined;
    const a = size === undefined ? attrs : { ...attrs, size };
    const focus = view.focus;
    if (!focus) return a;
    if (a.source === focus || a.target === focus) return { ...a, color: EDGE_HIGHLIGHT, size: Math.max(1, a.size * 1.6), zIndex: 1 };
    return { ...a, hidden: true };
  };
}

/** Creates the renderer, which draws the first frame; level-of-detail settings scale with the graph. */
export function createRenderer(
  graph: DisplayGraph,
  container: HTMLElement,
  model: Model,
  view: ViewState,
): Sigma<NodeAttrs, EdgeAttrs> {
  const big = model.conceptCount > 2000;
  // sigma's own test for "the camera moves" (see its render()), for the still-only program.
  let current: Sigma<NodeAttrs, EdgeAttrs> | null = null;
  const isMoving = (): boolean => {
    if (!current) return false;
    const mouse = current.getMouseCaptor();
    return current.getCamera().isAnimated() || mouse.isMoving || mouse.draggedEvents > 0 || mouse.currentWheelDirection !== 0;
  };
  const usesStillOnly = model.conceptCount > LOD_MIN_CONCEPTS || model.paperCount > LOD_MIN_PAPERS;
  current = new Sigma<NodeAttrs, EdgeAttrs>(graph, container, {
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
    labelRenderedSizeThreshold: labelThreshold(graph),
    labelFont: 'Inter, "Segoe UI", system-ui, sans-serif',
    labelSize: 12,
    labelWeight: '500',
    labelColor: { color: '#1f2430' },
    defaultEdgeType: 'line',
    stagePadding: 40,
    minCameraRatio: 0.03,
    maxCameraRatio: 6,
    nodeReducer: createNodeReducer(view),
    edgeReducer: createEdgeReducer(view),
  });
  return current;
}
