/**
 * Cluster names on the map
 * ========================
 *
 * Zoomed out, each field's name is drawn at the centre of its concepts; zoomed in past
 * {@link TOPIC_ZOOM_RATIO}, the topics' names instead. Names are placed largest cluster first;
 * one that would overlap a placed name is drawn smaller, or not at all. The names are canvas text
 * (`fillText`), so a label made from an abstract can never become markup.
 */
import { resolveDefaults } from '../../src/defaults';
import type { Model } from './model';

/** Camera ratios below this (zoomed in) name topics; above, fields. sigma starts at 1. */
export const TOPIC_ZOOM_RATIO = 0.55;

/** Which level of clusters the map names. */
export type ClusterLevel = 'field' | 'topic';

/** A cluster's name and where it goes, in graph coordinates. */
export interface ClusterAnchor {
  level: ClusterLevel;
  id: number;
  text: string;
  x: number;
  y: number;
  papers: number;
  /** Topic ids this name stands for (its own id for a topic), for hiding with the legend. */
  topics: number[];
}

/** A name to place on screen: viewport position and its preferred font size. */
export interface LabelCandidate {
  id: number;
  text: string;
  x: number;
  y: number;
  size: number;
}

/** A name as drawn: viewport centre, font size, its lines and box. */
export interface PlacedLabel extends LabelCandidate {
  lines: string[];
  width: number;
  height: number;
}

/** Options of {@link placeClusterLabels}. */
export interface PlacementOptions {
  width: number;
  height: number;
  /** A name that overlaps is retried once at this share of its size. */
  shrink: number;
  /** Names are never drawn smaller than this (px). */
  minSize: number;
  /** Free space kept around each name (px). */
  padding: number;
  /** A longer name breaks after a " · " between its parts (px). */
  maxLineWidth: number;
}

export const PLACEMENT_DEFAULTS: PlacementOptions = { width: 0, height: 0, shrink: 0.8, minSize: 10, padding: 4, maxLineWidth: 230 };

/** Line height as a share of the font size. */
export const LINE_HEIGHT = 1.2;

/** The parts of a label joined into lines no wider than `maxWidth` where the parts allow. */
export function wrapName(text: string, maxWidth: number, measure: (text: string) => number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const part of text.split(' · ')) {
    const longer = line ? `${line} · ${part}` : part;
    if (line && measure(longer) > maxWidth) {
      lines.push(line);
      line = part;
    } else line = longer;
  }
  if (line) lines.push(line);
  return lines;
}

/** Font sizes (px) of the two levels: the smallest cluster's and the largest's. */
const SIZES: Record<ClusterLevel, [number, number]> = { field: [13, 18], topic: [12, 16] };

/** The level the camera's ratio asks for; data without fields names topics at every zoom. */
export function clusterLevel(ratio: number, hasFields: boolean): ClusterLevel {
  return hasFields && ratio >= TOPIC_ZOOM_RATIO ? 'field' : 'topic';
}

/** Font size of a cluster with `papers` papers when the largest of its level has `maxPapers`. */
export function clusterFontSize(level: ClusterLevel, papers: number, maxPapers: number): number {
  const [lo, hi] = SIZES[level];
  return Math.round(lo + (hi - lo) * Math.sqrt(maxPapers > 0 ? Math.max(0, papers) / maxPapers : 0));
}

/**
 * The names of both levels at the mean position of their concepts (`x`, `y` by concept index),
 * largest first; clusters with no concept have no place and are left out.
 */
export function clusterAnchors(model: Model, x: ArrayLike<number>, y: ArrayLike<number>): Record<ClusterLevel, ClusterAnchor[]> {
  const sum = new Map<number, { x: number; y: number; n: number }>();
  const community = model.data.concepts.community;
  for (let i = 0; i < model.conceptCount; i++) {
    const c = community[i]!;
    if (c < 0) continue;
    const s = sum.get(c) ?? { x: 0, y: 0, n: 0 };
    s.x += x[i]!;
    s.y += y[i]!;
    s.n++;
    sum.set(c, s);
  }
  const byPapers = (a: ClusterAnchor, b: ClusterAnchor): number => b.papers - a.papers || a.id - b.id;
  const topic: ClusterAnchor[] = [];
  for (const c of model.data.communities) {
    const s = sum.get(c.id);
    if (s) topic.push({ level: 'topic', id: c.id, text: c.label, x: s.x / s.n, y: s.y / s.n, papers: c.papers, topics: [c.id] });
  }
  const field: ClusterAnchor[] = [];
  for (const f of model.fields) {
    let sx = 0;
    let sy = 0;
    let n = 0;
    for (const t of f.topics) {
      const s = sum.get(t);
      if (!s) continue;
      sx += s.x;
      sy += s.y;
      n += s.n;
    }
    if (n > 0) field.push({ level: 'field', id: f.id, text: f.label, x: sx / n, y: sy / n, papers: f.papers, topics: [...f.topics] });
  }
  return { field: field.sort(byPapers), topic: topic.sort(byPapers) };
}

/** A centre moved so that a box of `extent` around it lies within `[0, limit]` (when it fits). */
function inside(centre: number, extent: number, limit: number): number {
  if (extent >= limit) return limit / 2;
  return Math.min(limit - extent / 2, Math.max(extent / 2, centre));
}

function overlaps(a: PlacedLabel, b: PlacedLabel, padding: number): boolean {
  return (
    Math.abs(a.x - b.x) * 2 < a.width + b.width + 2 * padding &&
    Math.abs(a.y - b.y) * 2 < a.height + b.height + 2 * padding
  );
}

/**
 * Places names in the order given (most important first): each at its preferred size, else
 * shrunk once, else skipped when it would overlap a name already placed. A name whose centre is
 * on screen is moved inward so that all of it is; one whose centre is off screen is left out.
 * `measure(text, size)` is the text's width in px at that font size.
 */
export function placeClusterLabels(
  candidates: readonly LabelCandidate[],
  measure: (text: string, size: number) => number,
  options: Pick<PlacementOptions, 'width' | 'height'> & Partial<PlacementOptions>,
): PlacedLabel[] {
  const opts = resolveDefaults(PLACEMENT_DEFAULTS, options);
  const placed: PlacedLabel[] = [];
  for (const c of candidates) {
    if (c.x < 0 || c.y < 0 || c.x > opts.width || c.y > opts.height) continue;
    for (const size of [c.size, Math.max(opts.minSize, Math.round(c.size * opts.shrink))]) {
      const lines = wrapName(c.text, opts.maxLineWidth, (t) => measure(t, size));
      const width = Math.max(...lines.map((l) => measure(l, size)));
      const height = size * LINE_HEIGHT * lines.length;
      const label: PlacedLabel = { ...c, size, lines, width, height, x: inside(c.x, width, opts.width), y: inside(c.y, height, opts.height) };
      if (!placed.some((p) => overlaps(label, p, opts.padding))) {
        placed.push(label);
        break;
      }
    }
  }
  return placed;
}
