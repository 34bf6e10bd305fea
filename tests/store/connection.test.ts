/** Driver errors as the one line a user reads: the server's reason, a hint, the status code. */
import { Neo4jError } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { toStoreError } from '../../src/store/connection.js';
import { runQuery } from '../../src/store/query.js';

const URI = 'bolt://127.0.0.1:7687';
const serverError = (message: string, code: string) => new Neo4jError(message, code as never, '50N42', 'error: general processing exception');

describe('toStoreError', () => {
  it('a transaction memory limit (MATCH (n) DETACH DELETE n on a large graph): one line, the reason, a hint', () => {
    const reason =
      'The allocation of an extra 2.0 MiB would use more than the limit 10.0 MiB. Currently using 9.0 MiB. db.memory.transaction.max threshold reached';
    const error = toStoreError(serverError(`${reason}\n\tat org.neo4j.memory…`, 'Neo.TransientError.General.MemoryPoolOutOfMemoryError'), URI);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).code).toBe('E_QUERY');
    const message = (error as UserError).message;
    expect(message.split('\n')).toHaveLength(1);
    expect(message).toContain(reason);
    expect(message).toMatch(/IN TRANSACTIONS/);
    expect(message).not.toMatch(/internal error|\tat /);
  });

  it.each([
    ['Neo.DatabaseError.General.UnknownError', 'could not run the query: boom'],
    ['Neo.TransientError.Transaction.DeadlockDetected', 'try again'],
    ['Neo.ClientError.Statement.SyntaxError', 'rejected the query: boom'],
  ])('%s becomes a query error, not an internal one', (code, expected) => {
    const error = toStoreError(serverError('boom', code), URI);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toContain(expected);
    expect((error as UserError).message).toContain(`[${code}]`);
  });

  it('leaves an error that is not the driver\'s alone', () => {
    const bug = new TypeError('x is undefined');
    expect(toStoreError(bug, URI)).toBe(bug);
  });
});

describe('runQuery --write when the server cannot run the statement', () => {
  it('MATCH (n) DETACH DELETE n over the memory limit: a UserError of one line, the session closed', async () => {
    const reason = 'The allocation of an extra 2.0 MiB would use more than the limit 10.0 MiB. db.memory.transaction.max threshold reached';
    let closed = false;
    // A driver whose server answers every statement with the memory limit, as Neo4j does.
    const session = {
      run: () => {
        const failed = Promise.reject(serverError(reason, 'Neo.TransientError.General.MemoryPoolOutOfMemoryError'));
        failed.catch(() => {});
        return { keys: () => failed, then: failed.then.bind(failed) };
      },
      close: async () => {
        closed = true;
      },
    };
    const ctx = { driver: { session: () => session } as never, database: 'neo4j', uri: URI };
    const run = runQuery(ctx, 'MATCH (n) DETACH DELETE n', {}, { write: true });
    await expect(run).rejects.toBeInstanceOf(UserError);
    await expect(run).rejects.toThrow(/^Neo4j at bolt:\/\/127\.0\.0\.1:7687 could not run the query: The allocation .*IN TRANSACTIONS.*\[Neo\.TransientError\.General\.MemoryPoolOutOfMemoryError\]$/);
    expect(closed).toBe(true);
  });
});
