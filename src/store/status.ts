/**
 * Server status
 * =============
 *
 * What `papergraph neo4j status` reports: whether Bolt answers at the URI the other commands
 * would use (`NEO4J_URI`, else the local server's, else the default), the pid when the local
 * server of `neo4j start` is the one listening there, and whether the credentials are accepted.
 */
import { UserError } from '../errors.js';
import { DEFAULT_CONNECTION, openStore, type ConnectionSettings } from './connection.js';
import { isPortOpen, isProcessAlive, readPidFile, PID_FILE } from './server.js';

/** What {@link checkServerStatus} found. */
export interface ServerStatus {
  uri: string;
  /** The local server's pid, when its pid file names this URI and the process lives. */
  pid?: number;
  /** Bolt accepts TCP connections at the URI. */
  reachable: boolean;
  /** `accepted`, `unchecked` (no password set), or why the login failed. */
  login: 'accepted' | 'unchecked' | { failed: string };
}

/** Options of {@link checkServerStatus}. */
export interface StatusOptions {
  /** `NEO4J_URI` as set (empty or undefined: the local server's URI, else the default). */
  uri?: string;
  settings: ConnectionSettings;
  pidFile?: string;
}

function hostAndPort(uri: string): { host: string; port: number } {
  let url: URL;
  try {
    url = new URL(uri.replace(/^[a-z0-9+]+:/i, 'http:'));
  } catch {
    throw new UserError(`invalid NEO4J_URI ${uri}`, 'E_USAGE');
  }
  return { host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port || 7687) };
}

/** Looks at the server: pid file, Bolt port, and (with a password) a login. */
export async function checkServerStatus(options: StatusOptions): Promise<ServerStatus> {
  const local = readPidFile(options.pidFile ?? PID_FILE);
  const localAlive = local !== undefined && isProcessAlive(local.pid);
  const uri = options.uri || (localAlive ? local.uri : DEFAULT_CONNECTION.uri);
  const status: ServerStatus = { uri, reachable: false, login: 'unchecked' };
  if (localAlive && local.uri === uri) status.pid = local.pid;
  const { host, port } = hostAndPort(uri);
  status.reachable = await isPortOpen(host, port);
  if (!status.reachable || !options.settings.password) return status;
  try {
    const ctx = await openStore({ ...options.settings, uri });
    await ctx.driver.close();
    status.login = 'accepted';
  } catch (error) {
    // The store's message names the URI already; the status line names it once.
    const message = error instanceof Error ? error.message : String(error);
    status.login = { failed: message.replace(`Neo4j at ${uri}: `, '') };
  }
  return status;
}

/** The status as one line, and the exit code: 0 only when Bolt answers and no login failed. */
export function formatServerStatus(status: ServerStatus): { line: string; ok: boolean } {
  const where = `${status.uri}${status.pid === undefined ? '' : ` (pid ${status.pid})`}`;
  if (!status.reachable) {
    const why = status.pid === undefined ? 'nothing answers there' : 'the process lives but Bolt does not answer (still starting?)';
    return { line: `Neo4j is not running at ${where}: ${why}`, ok: false };
  }
  if (status.login === 'accepted') return { line: `Neo4j is running at ${where}; credentials accepted`, ok: true };
  if (status.login === 'unchecked') return { line: `Neo4j is running at ${where}; credentials not checked (NEO4J_PASSWORD is not set)`, ok: true };
  return { line: `Neo4j is running at ${where}, but the login failed: ${status.login.failed}`, ok: false };
}
