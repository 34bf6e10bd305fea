#!/usr/bin/env node
/**
 * papergraph CLI
 * ==============
 *
 * Thin wiring: every file in `./commands/` exports `command`, a factory of a commander `Command`
 * whose action calls the library. Commands import their stage lazily, so `--help` stays fast.
 * Only `runCli` decides the exit code (an action may set the `ExitStatus` it is given); nothing
 * deeper calls `process.exit`.
 */
import { readdirSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { EXIT, UserError } from '../errors.js';
import { printable } from './printable.js';
import { PACKAGE_VERSION } from '../version.js';
import type { ExitStatus } from './exit-status.js';

/** What a command module exports. */
export interface CommandModule {
  /** The command; its action sets `status.code` when it ends with another code than 0. */
  command: (status: ExitStatus) => Command;
}

async function loadCommands(status: ExitStatus): Promise<Command[]> {
  const dir = fileURLToPath(new URL('./commands/', import.meta.url));
  const files = readdirSync(dir)
    .filter((f) => /\.(js|ts)$/.test(f) && !f.endsWith('.d.ts') && !f.endsWith('.map'))
    .sort();
  const modules = await Promise.all(
    files.map((f) => import(new URL(`./commands/${f}`, import.meta.url).href) as Promise<CommandModule>),
  );
  return modules.map((m) => m.command(status));
}

/** Builds the program; exported for tests and for `--help` generation. */
export async function createProgram(status: ExitStatus = { code: EXIT.ok }): Promise<Command> {
  const program = new Command('papergraph')
    .description(
      'Knowledge graphs of research abstracts: key concepts, research clusters, Neo4j, a viewer and reports.',
    )
    .version(PACKAGE_VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  for (const cmd of await loadCommands(status)) program.addCommand(cmd.exitOverride());
  return program;
}

/**
 * Runs the CLI on `argv` (without `node` and the script) and returns the exit code: the one the
 * command's action set (e.g. 2 for partial success), else 0, or the code of the error it threw.
 */
export async function runCli(argv: string[]): Promise<number> {
  const status: ExitStatus = { code: EXIT.ok };
  try {
    const program = await createProgram(status);
    await program.parseAsync(argv, { from: 'user' });
    return status.code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with exit code 0; usage mistakes with 1.
      return error.exitCode === 0 ? EXIT.ok : EXIT.userError;
    }
    if (error instanceof UserError) {
      process.stderr.write(`papergraph: ${printable(error.message)}\n`);
      return EXIT.userError;
    }
    process.stderr.write(`papergraph: internal error: ${printable((error as Error)?.stack ?? String(error))}\n`);
    return EXIT.internal;
  }
}

// Run as the `papergraph` binary; a test importing `runCli` starts nothing. The one place that
// sets the process's exit code.
if (process.argv[1] && fileURLToPath(import.meta.url) === realpathSync(process.argv[1])) {
  void runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
