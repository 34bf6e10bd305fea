/**
 * The canvas layer that draws the cluster names over sigma's labels after every frame, at the
 * level the zoom asks for (see `cluster-labels.ts`). Text goes through `fillText` only.
 */
import type Sigma from 'sigma';
import { drawDiscNodeLabel } from 'sigma/rendering';
import {
  clusterAnchors,
  clusterFontSize,
  clusterLevel,
  LINE_HEIGHT,
  placeClusterLabels,
  type ClusterAnchor,
  type ClusterLevel,
  type PlacedLabel,
} from './cluster-labels';
import type { DisplayGraph, EdgeAttrs, NodeAttrs } from './graph';
import type { Model } from './model';

const LAYER = 'clusters';
const FONT = 'Inter, "Segoe UI", system-ui, sans-serif';
const WEIGHT: Record<ClusterLevel, string> = { field: '700', topic: '600' };
const COLOR: Record<ClusterLevel, string> = { field: '#111827', topic: '#1f2937' };

/** A name the last frame drew, as the debug hook reports it. */
export interface DrawnClusterLabel {
  level: ClusterLevel;
  id: number;
  text: string;
  size: number;
  x: number;
  y: number;
}

/** The running layer: what it drew last, and the clusters' centres in graph coordinates. */
export interface ClusterLayer {
  drawn(): DrawnClusterLabel[];
  anchors: Record<ClusterLevel, ClusterAnchor[]>;
}

/** Concept positions by index, as the display graph holds them. */
function conceptPositions(graph: DisplayGraph, model: Model): { x: Float64Array; y: Float64Array } {
  const x = new Float64Array(model.conceptCount);
  const y = new Float64Array(model.conceptCount);
  graph.forEachNode((_, a) => {
    if (a.kind !== 'concept') return;
    x[a.index] = a.x;
    y[a.index] = a.y;
  });
  return { x, y };
}

/** What the layer asks of the viewer's state at each frame. */
export interface ClusterLayerState {
  /** Whether the legend hides a topic. */
  isHidden(topic: number): boolean;
  /** Whether a node is hovered or selected: the names then step back. */
  hasFocus(): boolean;
}

/** Adds the layer to `renderer`. */
export function addClusterLayer(
  renderer: Sigma<NodeAttrs, EdgeAttrs>,
  graph: DisplayGraph,
  model: Model,
  { isHidden, hasFocus }: ClusterLayerState,
): ClusterLayer {
  const { x, y } = conceptPositions(graph, model);
  const anchors = clusterAnchors(model, x, y);
  const maxPapers: Record<ClusterLevel, number> = {
    field: Math.max(0, ...anchors.field.map((a) => a.papers)),
    topic: Math.max(0, ...anchors.topic.map((a) => a.papers)),
  };
  // Between sigma's node labels and its hover labels, so a hovered node's label stays on top.
  // createCanvasContext hands its options to createCanvas, which takes `afterLayer`; only its
  // declared type leaves that out.
  const placement = { afterLayer: 'labels', style: { pointerEvents: 'none' } };
  renderer.createCanvasContext(LAYER, placement as { style?: Partial<CSSStyleDeclaration> });
  const canvas = renderer.getCanvases()[LAYER]!;
  const context = canvas.getContext('2d')!;
  // sigma sizes the layer on its next resize; until then it is sized here, the same way
  // (a forced resize now would clear the frame already drawn).
  const ratio = window.devicePixelRatio || 1;
  const size = renderer.getDimensions();
  canvas.setAttribute('width', `${size.width * ratio}px`);
  canvas.setAttribute('height', `${size.height * ratio}px`);
  canvas.style.width = `${size.width}px`;
  canvas.style.height = `${size.height}px`;
  if (ratio !== 1) context.scale(ratio, ratio);
  let drawn: DrawnClusterLabel[] = [];
  let placed: PlacedLabel[] = [];
  let level: ClusterLevel = 'field';
  let placedThisFrame = false;

  // Placed once per frame, at sigma's first node label or else after the frame: the camera's
  // matrix is current by then (at "beforeRender" it is still the last frame's), and node labels
  // under a cluster name can give way.
  const place = (): void => {
    if (placedThisFrame) return;
    placedThisFrame = true;
    const { width, height } = renderer.getDimensions();
    level = clusterLevel(renderer.getCamera().getState().ratio, anchors.field.length > 0);
    const fontOf = (size: number): string => `${WEIGHT[level]} ${size}px ${FONT}`;
    const candidates = anchors[level]
      .filter((a) => a.topics.some((t) => !isHidden(t)))
      .map((a) => {
        const at = renderer.graphToViewport({ x: a.x, y: a.y });
        return { id: a.id, text: a.text, x: at.x, y: at.y, size: clusterFontSize(level, a.papers, maxPapers[level]) };
      });
    placed = placeClusterLabels(
      candidates,
      (text, size) => {
        context.font = fontOf(size);
        return context.measureText(text).width;
      },
      { width, height },
    );
  };

  const draw = (): void => {
    place();
    const { width, height } = renderer.getDimensions();
    context.clearRect(0, 0, width, height);
    const fontOf = (size: number): string => `${WEIGHT[level]} ${size}px ${FONT}`;
    context.globalAlpha = hasFocus() ? 0.35 : 1;
    context.textAlign = 'center';
    context.textBaseline = 'middle';
    context.lineJoin = 'round';
    for (const p of placed) {
      context.font = fontOf(p.size);
      // A white halo keeps the name readable over nodes and edges.
      context.lineWidth = 4;
      context.strokeStyle = 'rgba(255, 255, 255, 0.92)';
      context.fillStyle = COLOR[level];
      const step = p.size * LINE_HEIGHT;
      p.lines.forEach((line, i) => {
        const y = p.y - p.height / 2 + step * (i + 0.5);
        context.strokeText(line, p.x, y);
        context.fillText(line, p.x, y);
      });
    }
    drawn = placed.map((p) => ({ level, id: p.id, text: p.text, size: p.size, x: Math.round(p.x), y: Math.round(p.y) }));
  };
  renderer.on('beforeRender', () => {
    placedThisFrame = false;
  });
  renderer.on('afterRender', draw);
  renderer.setSetting('defaultDrawNodeLabel', (labels, data, settings) => {
    // A concept's label that a cluster name would cover is left out, unless it is in focus.
    place();
    if (data.label && !data.forceLabel && !data.highlighted) {
      labels.font = `${settings.labelWeight} ${settings.labelSize}px ${settings.labelFont}`;
      const box = { x0: data.x + data.size + 3, y0: data.y - settings.labelSize * 0.7, y1: data.y + settings.labelSize * 0.5 };
      const x1 = box.x0 + labels.measureText(data.label).width;
      const covered = placed.some(
        (p) => box.x0 < p.x + p.width / 2 && x1 > p.x - p.width / 2 && box.y0 < p.y + p.height / 2 && box.y1 > p.y - p.height / 2,
      );
      if (covered) return;
    }
    drawDiscNodeLabel(labels, data, settings);
  });
  draw();
  return { drawn: () => drawn, anchors };
}
