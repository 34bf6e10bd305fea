/**
 * Level of detail for large graphs. The small nodes get their own node program that draws
 * nothing while the camera moves (like sigma's `hideEdgesOnMove`, for nodes): panning a 50k-node
 * graph then draws only the few thousand most important nodes, and no reducer or refresh runs
 * when the movement starts or stops.
 */
import type { Attributes } from 'graphology-types';
import { NodeCircleProgram } from 'sigma/rendering';
import type { RenderParams } from 'sigma/types';

/** Node program type name of the nodes drawn only when the camera is still. */
export const STILL_ONLY_TYPE = 'still-only';

/** Graphs above this many concepts use the still-only program for their small nodes. */
export const LOD_MIN_CONCEPTS = 5000;

/** How many of the most important concepts stay drawn while moving. */
export function conceptsDrawnWhileMoving(concepts: number): number {
  return concepts > LOD_MIN_CONCEPTS ? Math.max(3000, Math.round(concepts * 0.1)) : concepts;
}

/** A circle program that skips drawing while `isMoving()` says the camera moves. */
export function createStillOnlyNodeProgram<N extends Attributes, E extends Attributes, G extends Attributes>(
  isMoving: () => boolean,
): typeof NodeCircleProgram<N, E, G> {
  return class StillOnlyNodeProgram extends NodeCircleProgram<N, E, G> {
    override render(params: RenderParams): void {
      if (isMoving()) return;
      super.render(params);
    }
  };
}
