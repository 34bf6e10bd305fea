/**
 * Files of `../shared`, the folder beside the clone with the corpora and evaluation sets that are
 * too large for the repository. CI always has it; a clone without it skips the tests that read it
 * (and `.ci/run` fails on any skipped test, so CI can never lose them quietly).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SHARED = new URL('../../../shared/', import.meta.url);

/** A file of `../shared` found (or not) when a test file is collected. */
export interface SharedFile {
  url: URL;
  present: boolean;
}

/**
 * `path` inside `../shared`, and whether it is there. When it is not, says so on the console, so
 * a test skipped on it (`it.skipIf(!file.present)`) names what is missing.
 */
export function sharedFile(path: string): SharedFile {
  const url = new URL(path, SHARED);
  const present = existsSync(url);
  if (!present) console.warn(`skipping the tests that read ${fileURLToPath(url)}: it is missing (../shared beside the clone)`);
  return { url, present };
}
