/**
 * One build per folder at a time
 * ==============================
 *
 * A build holds an exclusive lock on its output folder (and on the folder it builds `--into`)
 * from start to end: `proper-lockfile` makes `DIR/.papergraph.lock` with an atomic `mkdir` and
 * keeps its mtime fresh while the build runs, so a lock whose owner died without releasing it
 * goes stale and is taken over. Beside it, `DIR/.papergraph.lock.json` names the owner (pid and
 * host): a second build is told who holds the folder, and a lock whose owner is a process of
 * this host that no longer runs (killed with -9) is taken over at once instead of after the
 * stale time.
 */
import { readFile, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import lockfile from 'proper-lockfile';
import { UserError } from '../errors.js';
import { checkBuildFolder } from './folder.js';
import { createOutputFolder } from './save.js';

const LOCK_DIR = '.papergraph.lock';
const OWNER_FILE = '.papergraph.lock.json';

/**
 * A lock not refreshed for this long is stale. Long, because a build's synchronous stages
 * (community detection of a large graph) keep the refresh timer from running meanwhile; a killed
 * owner on this host is found by its pid instead.
 */
const STALE_MS = 60_000;

/** Who holds a folder's lock. */
interface LockOwner {
  pid: number;
  host: string;
}

/** `dir` is locked by the build of `owner`. */
export function folderBusy(dir: string, owner: LockOwner | undefined): UserError {
  const who = owner ? `pid ${owner.pid}${owner.host === hostname() ? '' : ` on ${owner.host}`}` : 'pid unknown';
  return new UserError(`${dir} is being built by another papergraph (${who})`, 'E_USAGE');
}

async function readOwner(dir: string): Promise<LockOwner | undefined> {
  try {
    const value = JSON.parse(await readFile(join(dir, OWNER_FILE), 'utf8')) as Partial<LockOwner>;
    return typeof value.pid === 'number' && typeof value.host === 'string' ? { pid: value.pid, host: value.host } : undefined;
  } catch {
    return undefined;
  }
}

/** The owner of a lock just taken by another process, which names itself a moment after. */
async function waitForOwner(dir: string): Promise<LockOwner | undefined> {
  for (let i = 0; i < 20; i++) {
    const owner = await readOwner(dir);
    if (owner) return owner;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return undefined;
}

/** Whether process `pid` of this host still runs. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Locks build folder `dir` (created if missing, and removed again on release if still empty)
 * for this process; resolves to the function that releases it. Throws {@link folderBusy} at once when another papergraph holds it.
 */
export async function lockBuildFolder(dir: string): Promise<() => Promise<void>> {
  const existed = (await stat(dir).catch(() => undefined)) !== undefined;
  await createOutputFolder(dir);
  const owner = await readOwner(dir);
  if (owner && owner.pid !== process.pid && owner.host === hostname()) {
    if (isRunning(owner.pid)) throw folderBusy(dir, owner);
    // Its owner was killed before releasing it.
    await rm(join(dir, LOCK_DIR), { recursive: true, force: true });
  }
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dir, {
      lockfilePath: join(dir, LOCK_DIR),
      realpath: false,
      stale: STALE_MS,
      // A refresh missed while a long stage ran is not worth failing the build for; another
      // build checks the pid before it takes the lock over.
      onCompromised: () => undefined,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') throw folderBusy(dir, await waitForOwner(dir));
    throw new UserError(`cannot lock build folder ${dir}: ${(error as Error).message}`, 'E_USAGE');
  }
  const me: LockOwner = { pid: process.pid, host: hostname() };
  await writeFile(join(dir, OWNER_FILE), `${JSON.stringify(me)}\n`, 'utf8');
  return async () => {
    await rm(join(dir, OWNER_FILE), { force: true });
    await release().catch(() => undefined);
    // A build that failed before writing anything leaves no empty folder it made.
    if (!existed) await rmdir(dir).catch(() => undefined);
  };
}

/**
 * Locks output folder `out` and the folder `into` a build starts from, when given (once when
 * they are the same); resolves to the function that releases both. A missing `into` is
 * "no such build folder"; when `into` is held, `out` is released again before the error.
 */
export async function lockBuildFolders(out: string, into?: string): Promise<() => Promise<void>> {
  // A `--into` folder that is not there is the user's mistake, not a folder to make.
  if (into !== undefined) await checkBuildFolder(into);
  const releaseOut = await lockBuildFolder(out);
  if (into === undefined || resolve(into) === resolve(out)) return releaseOut;
  try {
    const releaseInto = await lockBuildFolder(into);
    return async () => {
      await releaseInto();
      await releaseOut();
    };
  } catch (error) {
    await releaseOut();
    throw error;
  }
}
