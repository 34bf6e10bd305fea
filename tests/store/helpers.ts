/** What the store tests use from src/store, plus small helpers. */
import { findFreePort } from '../../src/store/server.js';

export * from '../../src/store/index.js';

/** A port nobody listens on (for the stopped-server test). */
export const findFreePortForTests = (): Promise<number> => findFreePort();
