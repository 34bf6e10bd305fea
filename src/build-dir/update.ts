/**
 * Replacing one file of a build
 * =============================
 *
 * `papergraph report DIR --format html` writes `DIR/report.html`, a file the build wrote and its
 * manifest lists. Written any other way, the folder would no longer match its manifest and every
 * reader would refuse it; here the file is written under the folder's lock, by rename, and the
 * manifest is written again to list it.
 */
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { lockBuildFolder } from './lock.js';
import { checkBuildManifest, describeFile, manifestOf, writeManifest } from './manifest.js';

/**
 * Writes `content` as file `name` of build folder `dir` (checked to be one build first); when
 * the folder's manifest lists `name`, lists the new file instead. Returns the path written.
 */
export async function saveBuildFile(dir: string, name: string, content: string): Promise<string> {
  const release = await lockBuildFolder(dir);
  try {
    const manifest = await checkBuildManifest(dir);
    const path = join(dir, name);
    const temporary = `${path}.${process.pid}.tmp`;
    await writeFile(temporary, content, 'utf8');
    await rename(temporary, path);
    if (manifest?.files.some((f) => f.name === name)) {
      const entry = await describeFile(dir, name);
      await writeManifest(dir, manifestOf([...manifest.files.filter((f) => f.name !== name), entry]));
    }
    return path;
  } finally {
    await release();
  }
}
