/**
 * Errors
 * ======
 *
 * A small typed family. A `UserError` is a user's mistake (bad path, bad option, server down):
 * the CLI prints its one-line message and exits 1, never a stack trace. Anything else is an
 * internal error (exit > 2). Tests check the class and `code`, not the message.
 */

export type UserErrorCode =
  | 'E_USAGE'
  | 'E_INPUT'
  | 'E_NOT_FOUND'
  | 'E_NEO4J'
  | 'E_QUERY';

export class UserError extends Error {
  override name = 'UserError';
  constructor(
    message: string,
    readonly code: UserErrorCode = 'E_USAGE',
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Exit codes of the CLI contract (DESIGN.md). */
export const EXIT = { ok: 0, userError: 1, partial: 2, internal: 3 } as const;
