/**
 * Full garbage collections on demand
 * ==================================
 *
 * A build's stages each allocate a lot and keep little. V8 collects the old generation only
 * when its heap has grown well past what is live, so without help a large build's peak memory
 * is what is live plus everything earlier stages left behind. Between stages, the CLI asks for
 * a full collection, and the peak becomes the largest stage's own.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * A function running a full garbage collection: Node's `gc` when it was started with
 * `--expose-gc`, else one made available now (the flag applies to contexts created after it).
 */
export function fullGarbageCollection(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  return () => gc();
}
