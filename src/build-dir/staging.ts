/**
 * Staging a build
 * ===============
 *
 * A build writes every file into a staging folder of its own inside the output folder
 * (`.papergraph-staging-<pid>`: on the same file system, so a rename moves a file whole, and a
 * dot folder `serve` never shows). Only when all of them are written does {@link Staging.commit}
 * move them into place: a commit marker first, then each file by rename, then the manifest,
 * then the marker goes. A build killed before the commit leaves the earlier build as it was (and
 * a staging folder the next build removes); one killed during the commit leaves the marker, and
 * every reader refuses the folder until it is rebuilt (see manifest.ts).
 */
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createOutputFolder } from './save.js';
import { COMMIT_MARKER, MANIFEST_FILE, clearCommitMarker, describeFiles, writeManifest } from './manifest.js';

const STAGING_PREFIX = '.papergraph-staging-';

/** A build's staging folder, from {@link openStaging}. */
export interface Staging {
  /** Where the build writes its files. */
  dir: string;
  /** Moves the staged files into the output folder and writes the manifest; returns the names moved (and the manifest's). */
  commit(): Promise<string[]>;
  /** Removes the staging folder (a failed build: the folder keeps its earlier build). */
  discard(): Promise<void>;
}

/**
 * Opens a staging folder for a build of `out` (created if missing). Staging folders left by
 * killed builds are removed first: the caller holds the folder's lock, so none is in use.
 */
export async function openStaging(out: string): Promise<Staging> {
  await createOutputFolder(out);
  for (const name of await readdir(out)) {
    if (name.startsWith(STAGING_PREFIX)) await rm(join(out, name), { recursive: true, force: true });
  }
  const dir = join(out, `${STAGING_PREFIX}${process.pid}`);
  await mkdir(dir, { recursive: true });
  return {
    dir,
    async commit() {
      const manifest = await describeFiles(dir);
      await writeFile(join(out, COMMIT_MARKER), `${manifest.generation}\n`, 'utf8');
      for (const { name } of manifest.files) {
        const target = join(out, name);
        await mkdir(dirname(target), { recursive: true });
        await rename(join(dir, name), target);
      }
      await writeManifest(out, manifest);
      await clearCommitMarker(out);
      await rm(dir, { recursive: true, force: true });
      return [...manifest.files.map((f) => f.name), MANIFEST_FILE];
    },
    async discard() {
      await rm(dir, { recursive: true, force: true });
    },
  };
}
