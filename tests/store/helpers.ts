/** What the store tests use from src/store, plus small helpers. */
import { findFreePort } from '../../src/store/server.js';

export * from '../../src/store/index.js';
// The build folder's reader: the store takes the loaded graph, never a path.
export { loadBuild } from '../../src/build-dir/index.js';
export type { KnowledgeGraph } from '../../src/model.js';

/** A port nobody listens on (for the stopped-server test). */
export const findFreePortForTests = (): Promise<number> => findFreePort();
