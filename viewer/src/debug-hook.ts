/**
 * Read-only hooks on `window.__papergraph` for tests and benchmarks: load timings, readiness,
 * and queries of what the running viewer shows.
 */
import type Sigma from 'sigma';
import type { App } from './app';
import type { ClusterLevel } from './cluster-labels';
import type { DrawnClusterLabel } from './cluster-layer';
import type { EdgeAttrs, NodeAttrs } from './graph';

/** Read-only hooks for tests and benchmarks. */
export interface DebugHook {
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
  /** Field or topic names the last frame drew on the map, in viewport pixels. */
  clusterLabels(): DrawnClusterLabel[];
  /** Fields or topics, most papers first, with where their names belong (graph coordinates). */
  clusterAnchors(level: ClusterLevel): { id: number; text: string; papers: number; x: number; y: number }[];
  /** ms the last recount of a year range took, or null before any. */
  recountMs(): number | null;
  sigma: Sigma<NodeAttrs, EdgeAttrs> | null;
}

declare global {
  interface Window {
    __papergraph: DebugHook;
  }
}

/** Installs an empty hook on `window`, so a test can wait on it before the data loads. */
export function installDebugHook(): DebugHook {
  const hook: DebugHook = {
    ready: false,
    error: null,
    firstRenderMs: null,
    timings: {},
    selection: () => null,
    hiddenCommunities: () => [],
    visibleConcepts: () => 0,
    visiblePapers: () => 0,
    clusterLabels: () => [],
    clusterAnchors: () => [],
    recountMs: () => null,
    sigma: null,
  };
  window.__papergraph = hook;
  return hook;
}

/** Nodes of one kind (and optionally one community) that sigma draws after the reducers. */
function countDrawn(app: App, kind: 'concept' | 'paper', community?: number): number {
  let n = 0;
  app.graph.forEachNode((node, a) => {
    if (a.kind !== kind || (community !== undefined && a.community !== community)) return;
    if (app.renderer.getNodeDisplayData(node)?.hidden === false) n++;
  });
  return n;
}

/** Points the hook's queries at the running viewer. */
export function connectDebugHook(hook: DebugHook, app: App): void {
  const { model, state } = app;
  hook.selection = () => {
    const s = state.selection;
    if (!s) return null;
    if (s.kind === 'topic' || s.kind === 'field') {
      const label = s.kind === 'topic' ? model.communityLabel.get(s.id) : model.fields.find((f) => f.id === s.id)?.label;
      return { kind: s.kind, key: String(s.id), label: label ?? '' };
    }
    return s.kind === 'concept'
      ? { kind: 'concept', key: model.data.concepts.key[s.index]!, label: model.data.concepts.label[s.index]! }
      : { kind: 'paper', key: model.data.papers.id[s.index]!, label: model.data.papers.title[s.index]! };
  };
  hook.hiddenCommunities = () => [...state.hiddenCommunities].sort((a, b) => a - b);
  hook.visibleConcepts = (community?: number) => countDrawn(app, 'concept', community);
  hook.visiblePapers = () => countDrawn(app, 'paper');
  hook.clusterLabels = () => app.clusters.drawn();
  hook.recountMs = () => app.recountMs;
  hook.clusterAnchors = (level) =>
    app.clusters.anchors[level].map(({ id, text, papers, x, y }) => ({ id, text, papers, x, y }));
}
