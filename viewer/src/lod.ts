/**
 * Level of detail for large graphs. The small nodes get their own node program that draws
 * nothing while the camera moves (like sigma's `hideEdgesOnMove`, for nodes): panning a 50k-node
 * graph then draws only the few thousand most important nodes, and no reducer or refresh runs
 * when the movement starts or stops. The program itself is in `still-only-program.ts`, so this
 * file (and the display graph that reads it) loads without WebGL.
 */

/** Node program type name of the nodes drawn only when the camera is still. */
export const STILL_ONLY_TYPE = 'still-only';

/** Graphs above this many concepts use the still-only program for their small nodes. */
export const LOD_MIN_CONCEPTS = 5000;

/** How many of the most important concepts stay drawn while moving. */
export function conceptsDrawnWhileMoving(concepts: number): number {
  return concepts > LOD_MIN_CONCEPTS ? Math.max(3000, Math.round(concepts * 0.1)) : concepts;
}
