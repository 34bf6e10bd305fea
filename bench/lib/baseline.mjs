// The code of an earlier commit, compiled beside the working tree, for benchmarks that measure a
// baseline and the current code in the same run. A detached `git worktree` in a temp folder,
// sharing this checkout's node_modules through a link.
import { spawnSync } from 'node:child_process';
import { rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

/** Runs a command to its end; its stdout, or an error with its stderr. */
export function run(command, args, options = {}) {
  const r = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 28, ...options });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${r.status}): ${r.stderr || r.stdout}`);
  return r.stdout;
}

/** `git` in the repository, its output trimmed. */
export const gitIn = (repo, ...args) => run('git', args, { cwd: repo }).trim();

/** The short hash and subject of a ref, for the bench's first line. */
export function describeRef(repo, ref) {
  const hash = gitIn(repo, 'rev-parse', '--short', `${ref}^{commit}`);
  return { hash, subject: gitIn(repo, 'log', '-1', '--format=%s', hash) };
}

/** Checks `ref` out into `dir` and compiles it; returns `dir` (its `dist/` is the baseline's code). */
export function checkoutBaseline(repo, ref, dir) {
  gitIn(repo, 'worktree', 'add', '--detach', dir, ref);
  symlinkSync(join(repo, 'node_modules'), join(dir, 'node_modules'), 'dir');
  run('nice', ['npx', 'tsc', '-p', 'tsconfig.json'], { cwd: dir });
  return dir;
}

/** Removes a checkout made by `checkoutBaseline` (the link first, so nothing it points to goes). */
export function removeBaseline(repo, dir) {
  rmSync(join(dir, 'node_modules'), { force: true });
  spawnSync('git', ['worktree', 'remove', '--force', dir], { cwd: repo });
  spawnSync('git', ['worktree', 'prune'], { cwd: repo });
}
