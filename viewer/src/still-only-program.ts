/**
 * The node program of the level of detail in `lod.ts`: sigma's circle program, drawing nothing
 * while the camera moves.
 */
import type { Attributes } from 'graphology-types';
import { NodeCircleProgram } from 'sigma/rendering';
import type { RenderParams } from 'sigma/types';

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
