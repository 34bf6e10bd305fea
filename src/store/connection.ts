/**
 * Neo4j connection
 * ================
 *
 * Settings from the environment (`NEO4J_URI`, `NEO4J_USER`, `NEO4J_PASSWORD`,
 * `NEO4J_DATABASE`), the driver, and the translation of connection failures into one-line
 * `UserError`s naming the URI and the cause. Store functions take a {@link StoreContext} and never
 * open a driver themselves; the caller owns it and closes it.
 */
import neo4j, { type Driver, type Session } from 'neo4j-driver';
import { UserError } from '../errors.js';

/** Where and how to connect. */
export interface ConnectionSettings {
  uri: string;
  user: string;
  /** Empty when unset (the server will refuse if it has auth on). */
  password: string;
  database: string;
}

export const DEFAULT_CONNECTION: ConnectionSettings = {
  uri: 'bolt://127.0.0.1:7687',
  user: 'neo4j',
  password: '',
  database: 'neo4j',
};

/** What every store function takes: a driver opened by the caller and the database to use. */
export interface StoreContext {
  driver: Driver;
  database: string;
  /** For messages only. */
  uri?: string;
}

/** Settings from `env` (default `process.env`), falling back to {@link DEFAULT_CONNECTION}. */
export function connectionSettings(env: NodeJS.ProcessEnv = process.env): ConnectionSettings {
  return {
    uri: env.NEO4J_URI || DEFAULT_CONNECTION.uri,
    user: env.NEO4J_USER || DEFAULT_CONNECTION.user,
    password: env.NEO4J_PASSWORD ?? DEFAULT_CONNECTION.password,
    database: env.NEO4J_DATABASE || DEFAULT_CONNECTION.database,
  };
}

/** Opens a driver (lazily: no connection until first use). The caller closes it. */
export function createDriver(settings: ConnectionSettings): Driver {
  try {
    return neo4j.driver(settings.uri, neo4j.auth.basic(settings.user, settings.password), {
      // A stopped server should fail fast instead of retrying for the default 30 s.
      connectionTimeout: 5_000,
      maxTransactionRetryTime: 15_000,
      userAgent: 'papergraph',
    });
  } catch (error) {
    throw new UserError(`invalid NEO4J_URI ${settings.uri}: ${(error as Error).message}`, 'E_NEO4J');
  }
}

/**
 * Opens a driver and checks that the server answers and accepts the credentials, so a stopped
 * server or a wrong password is one clear line instead of a stack trace.
 */
export async function openStore(settings: ConnectionSettings = connectionSettings()): Promise<StoreContext> {
  const driver = createDriver(settings);
  let accepted: boolean;
  try {
    accepted = await driver.verifyAuthentication({ database: settings.database });
  } catch (error) {
    await driver.close();
    throw toStoreError(error, settings.uri);
  }
  if (!accepted) {
    await driver.close();
    throw new UserError(
      `Neo4j at ${settings.uri}: authentication failed (wrong NEO4J_USER or NEO4J_PASSWORD)`,
      'E_NEO4J',
    );
  }
  return { driver, database: settings.database, uri: settings.uri };
}

/** True when the error means the server is unreachable or refused our credentials. */
function isConnectionError(code: string): boolean {
  return (
    code === 'ServiceUnavailable' ||
    code === 'SessionExpired' ||
    code.startsWith('Neo.ClientError.Security.') ||
    code === 'Neo.ClientError.Database.DatabaseNotFound'
  );
}

/**
 * Runs `work` in a session on `ctx`'s database (`READ` or `WRITE` access, or the server's
 * default), turns driver errors into the store's one-line `UserError` and always closes the
 * session.
 */
export async function withSession<T>(
  ctx: StoreContext,
  access: 'READ' | 'WRITE' | undefined,
  work: (session: Session) => Promise<T>,
): Promise<T> {
  const session = ctx.driver.session({
    database: ctx.database,
    ...(access && { defaultAccessMode: access === 'READ' ? neo4j.session.READ : neo4j.session.WRITE }),
  });
  try {
    return await work(session);
  } catch (error) {
    throw toStoreError(error, ctx.uri);
  } finally {
    await session.close();
  }
}

const MEMORY_HINT =
  'the statement needs more memory than the server allows a transaction (db.memory.transaction.max, ' +
  'dbms.memory.transaction.total.max); work in smaller steps, e.g. CALL { … } IN TRANSACTIONS OF 1000 ROWS with --write, or raise the limit';
const TIMEOUT_HINT = 'the statement ran longer than the server allows (db.transaction.timeout)';

// Hints for the server's rejections a user can act on, by status code.
const QUERY_HINTS: Record<string, string> = {
  'Neo.ClientError.Statement.AccessMode': 'the query writes; add --write to allow it',
  'Neo.TransientError.General.MemoryPoolOutOfMemoryError': MEMORY_HINT,
  'Neo.TransientError.General.TransactionMemoryLimit': MEMORY_HINT,
  'Neo.ClientError.Transaction.TransactionTimedOut': TIMEOUT_HINT,
  'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration': TIMEOUT_HINT,
};

/**
 * Turns a driver error into a one-line `UserError`: `E_NEO4J` for connection and credential
 * problems (naming the URI), `E_QUERY` for a statement the server rejected or could not run
 * (a client error, a transient error such as a memory limit, a database error), with the
 * server's reason, a hint where one helps, and the status code. Other errors pass through
 * unchanged.
 */
export function toStoreError(error: unknown, uri = '?'): unknown {
  if (error instanceof UserError) return error;
  const e = error as { code?: string; message?: string };
  const code = typeof e?.code === 'string' ? e.code : '';
  const message = firstLine(e?.message ?? String(error));
  if (isConnectionError(code) || /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT|connect/i.test(code)) {
    let cause = message;
    if (code === 'ServiceUnavailable' && /ECONNREFUSED|Could not perform discovery|Failed to connect/i.test(message)) {
      cause = 'connection refused (is the server running? `papergraph neo4j start` starts a local one)';
    } else if (code === 'Neo.ClientError.Security.Unauthorized') {
      cause = 'authentication failed (wrong NEO4J_USER or NEO4J_PASSWORD)';
    } else if (code === 'Neo.ClientError.Security.AuthenticationRateLimit') {
      cause = 'too many failed logins; wait a few seconds (check NEO4J_PASSWORD)';
    } else if (code === 'Neo.ClientError.Database.DatabaseNotFound') {
      cause = `database not found (check NEO4J_DATABASE): ${message}`;
    }
    return new UserError(`Neo4j at ${uri}: ${cause}`, 'E_NEO4J', { cause: error });
  }
  if (/^Neo\.(ClientError|TransientError|DatabaseError)\./.test(code)) {
    const hint = QUERY_HINTS[code] ?? (code.startsWith('Neo.TransientError.') ? 'the server could not run it now; try again' : undefined);
    const verb = code.startsWith('Neo.ClientError.') ? 'rejected' : 'could not run';
    return new UserError(`Neo4j at ${uri} ${verb} the query: ${message}${hint ? ` (${hint})` : ''} [${code}]`, 'E_QUERY', { cause: error });
  }
  return error;
}

function firstLine(text: string): string {
  return text.split('\n').map((l) => l.trim()).filter(Boolean)[0] ?? text;
}
