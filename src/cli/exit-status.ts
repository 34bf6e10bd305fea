/**
 * How a command's action reports its exit code: `runCli` hands every command factory one
 * `ExitStatus` per run, an action sets `code` (e.g. `EXIT.partial` when records were skipped), and
 * `runCli` returns it. Only `runCli`'s caller sets `process.exitCode`.
 */
export interface ExitStatus {
  code: number;
}
