/**
 * Input expansion: paths, directories (recursively, known extensions only) and globs become a
 * sorted, de-duplicated file list, so the same inputs are always read in the same order.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { KNOWN_EXTENSIONS } from './detect.js';

const KNOWN = new RegExp(`\\.(?:${KNOWN_EXTENSIONS.join('|')})(?:\\.gz)?$`, 'i');

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const out: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(path)));
    else if (entry.isFile() && KNOWN.test(entry.name)) out.push(path);
  }
  return out;
}

/**
 * Expands inputs into files. A path that does not exist and is not a glob is kept, so that
 * reading it reports it as unreadable (one problem line) rather than dropping it silently.
 */
export async function expandInputs(inputs: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    let info;
    try {
      info = await stat(input);
    } catch {
      info = undefined;
    }
    if (info?.isDirectory()) files.push(...(await walk(input)));
    else if (info) files.push(input);
    else if (isDynamicPattern(input)) files.push(...(await glob(input, { onlyFiles: true, expandDirectories: false })).sort());
    else files.push(input);
  }
  return [...new Set(files)];
}
