#!/usr/bin/env node
/**
 * papergraph CLI
 * ==============
 *
 * Thin wiring: every file in `./commands/` exports `command` (a commander `Command`) whose
 * action calls the library. Commands import their stage lazily, so `--help` stays fast.
 * Only `runCli` decides the exit code; nothing deeper calls `process.exit`.
 */
import { readdirSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { EXIT, UserError } from '../errors.js';
import { PACKAGE_VERSION } from '../version.js';

/** What a command module exports. */
export interface CommandModule {
  command: () => Command;
}

async function loadCommands(): Promise<Command[]> {
  const dir = fileURLToPath(new URL('./commands/', import.meta.url));
  const files = readdirSync(dir)
    .filter((f) => /\.(js|ts)$/.test(f) && !f.endsWith('.d.ts') && !f.endsWith('.map'))
    .sort();
  const modules = await Promise.all(
    files.map((f) => import(new URL(`./commands/${f}`, import.meta.url).href) as Promise<CommandModule>),
  );
  return modules.map((m) => m.command());
}

/** Builds the program; exported for tests and for `--help` generation. */
export async function createProgram(): Promise<Command> {
  const program = new Command('papergraph')
    .description(
      'Knowledge graphs of research abstracts: key concepts, research clusters, Neo4j, a viewer and reports.',
    )
    .version(PACKAGE_VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  for (const cmd of await loadCommands()) program.addCommand(cmd.exitOverride());
  return program;
}

/**
 * Runs the CLI on `argv` (without `node` and the script) and returns the exit code.
 * A command's action may return a number (its exit code, e.g. 2 for partial success).
 */
export async function runCli(argv: string[]): Promise<number> {
  let exitCode: number = EXIT.ok;
  try {
    const program = await createProgram();
    program.hook('postAction', (_this, action) => {
      const code = (action as Command & { _exitCode?: number })._exitCode;
      if (typeof code === 'number') exitCode = code;
    });
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with exit code 0; usage mistakes with 1.
      return error.exitCode === 0 ? EXIT.ok : EXIT.userError;
    }
    if (error instanceof UserError) {
      process.stderr.write(`papergraph: ${error.message}\n`);
      return EXIT.userError;
    }
    process.stderr.write(`papergraph: internal error: ${(error as Error)?.stack ?? String(error)}\n`);
    return EXIT.internal;
  }
}

/** Lets an action report its exit code (e.g. 2 when records were skipped). */
export function setExitCode(cmd: Command, code: number): void {
  (cmd as Command & { _exitCode?: number })._exitCode = code;
}

// No top-level await here: command modules import this file (for `setExitCode`), and while a
// module awaits at top level every import of it waits too, so the CLI would never start.
if (process.argv[1] && fileURLToPath(import.meta.url) === realpathSync(process.argv[1])) {
  void runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
