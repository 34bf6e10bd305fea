/**
 * Local Neo4j server
 * ==================
 *
 * Builds and runs the Maven module in `neo4j/` (an embedded Neo4j 5.26 community DBMS with the
 * Bolt connector; see `neo4j/src/main/java/.../LocalServer.java`), so PaperGraph has a real
 * server without Docker. Used by `papergraph neo4j start|stop|status`, the test suite's global
 * setup and the Neo4j benchmark. The JVM's output goes to a log file; readiness is the line
 * `papergraph-neo4j ready bolt://…` appearing in it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { resolveDefaults } from '../defaults.js';
import { UserError } from '../errors.js';
import { PACKAGE_ROOT } from '../paths.js';

/** The Maven module holding the launcher. */
export const NEO4J_MODULE_DIR: string = join(PACKAGE_ROOT, 'neo4j');
/** Default data folder of `papergraph neo4j start` (git-ignored). */
export const DEFAULT_HOME: string = join(NEO4J_MODULE_DIR, 'data');
/** Graph Data Science jars (the `gds-plugins` Maven execution puts them here). */
export const GDS_DIR: string = join(NEO4J_MODULE_DIR, 'target', 'gds');
/** Pid files, logs and throw-away test data (git-ignored). */
export const RUN_DIR: string = join(NEO4J_MODULE_DIR, 'run');

const MAIN_CLASS = 'dev.papergraph.neo4j.LocalServer';
const READY = 'papergraph-neo4j ready ';

/**
 * JVM flags: Neo4j 5 reaches into JDK internals (direct buffers, NIO channels) and needs these
 * packages opened on Java 17; without them it logs warnings and falls back to slower paths.
 *
 * `NewRatio=1` gives the young generation half the heap. A batched write keeps tens of
 * megabytes of transaction state alive for a second or two; G1's adaptive young generation
 * stays small under that load and copies the state at every frequent young collection (on the
 * 50k-paper benchmark write: about 10 s of collection pauses per write; with half the heap
 * young, about 2 s, and the state mostly dies before a collection).
 */
export const JVM_FLAGS: readonly string[] = [
  '-XX:+UseG1GC',
  '-XX:NewRatio=1',
  '-XX:-OmitStackTraceInFastThrow',
  '-Dio.netty.tryReflectionSetAccessible=true',
  '-Djdk.attach.allowAttachSelf=true',
  '-Dfile.encoding=UTF-8',
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/java.lang=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
];

/** Options of {@link startServer}. */
export interface ServerOptions {
  /** DBMS home: databases, transaction logs, debug log. */
  home: string;
  host: string;
  /** Bolt port; 0 picks a free one. */
  port: number;
  /** Password of user `neo4j` (at least 8 characters). */
  password: string;
  /** JVM heap cap, e.g. `1g`. */
  heap: string;
  /** Page cache size, e.g. `512m`. */
  pageCache: string;
  /** Where the JVM's stdout/stderr go; default `<home>/papergraph-neo4j.log`. */
  logFile?: string;
  /** Give up waiting for readiness after this long. */
  timeoutMs: number;
  /** Let the server outlive this process (the CLI's `start`). */
  detached: boolean;
  /**
   * Load the Graph Data Science plugin (`gds.*` procedures, e.g. `--communities neo4j-gds`):
   * its jars join the classpath and the plugins folder. Costs start-up time and memory.
   */
  gds: boolean;
  /** Build the module first when `neo4j/target` lacks the classes or jars. */
  build: boolean;
  /** Told what is happening (building, starting), for people watching. */
  onStatus: (message: string) => void;
}

export const DEFAULTS: ServerOptions = {
  home: DEFAULT_HOME,
  host: '127.0.0.1',
  port: 7687,
  password: '',
  heap: '1g',
  pageCache: '512m',
  timeoutMs: 300_000,
  detached: false,
  gds: false,
  build: true,
  onStatus: () => {},
};

/** A running server. */
export interface RunningServer {
  pid: number;
  uri: string;
  home: string;
  logFile: string;
}

/** True when `neo4j/target` holds the compiled launcher, newer than its sources, and its jars. */
export function isServerBuilt(moduleDir: string = NEO4J_MODULE_DIR): boolean {
  const cls = join(moduleDir, 'target/classes/dev/papergraph/neo4j/LocalServer.class');
  const deps = join(moduleDir, 'target/dependency');
  const gds = join(moduleDir, 'target/gds');
  return (
    existsSync(cls) &&
    statSync(cls).mtimeMs >= newestSource(moduleDir) &&
    existsSync(deps) &&
    readdirSync(deps).some((f) => f.startsWith('neo4j-kernel')) &&
    existsSync(gds) &&
    readdirSync(gds).some((f) => f.startsWith('proc-community-'))
  );
}

/** Modification time of the newest file among the module's sources and its pom.xml. */
function newestSource(moduleDir: string): number {
  let newest = existsSync(join(moduleDir, 'pom.xml')) ? statSync(join(moduleDir, 'pom.xml')).mtimeMs : 0;
  const walk = (dir: string): void => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  walk(join(moduleDir, 'src'));
  return newest;
}

/**
 * Compiles the launcher and copies its jars into `neo4j/target/dependency` and the Graph Data
 * Science jars into `neo4j/target/gds` with Maven (the first run downloads about 200 MB from
 * Maven Central into ~/.m2). Throws `E_NEO4J` when Maven fails.
 */
export function buildServer(moduleDir: string = NEO4J_MODULE_DIR): void {
  const args = ['-q', '-B', '-f', join(moduleDir, 'pom.xml'), 'compile', 'dependency:copy-dependencies', 'dependency:copy-dependencies@gds-plugins'];
  const run = spawnSync('mvn', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (run.error) {
    throw new UserError(`cannot run Maven (mvn) to build the local Neo4j server: ${run.error.message}`, 'E_NEO4J');
  }
  if (run.status !== 0) {
    const tail = `${run.stdout}\n${run.stderr}`.trim().split('\n').filter(Boolean).slice(-1)[0] ?? '';
    throw new UserError(`building the local Neo4j server with Maven failed: ${tail}`, 'E_NEO4J');
  }
}

/** The `java` command line that runs the launcher. */
export function serverCommand(
  options: Pick<ServerOptions, 'home' | 'host' | 'port' | 'heap' | 'pageCache'> & { gds?: boolean },
): string[] {
  const target = join(NEO4J_MODULE_DIR, 'target');
  // GDS's extensions are found on the classpath, its procedures only in the plugins folder.
  const classpath = [join(target, 'classes'), `${join(target, 'dependency')}/*`];
  if (options.gds) classpath.push(`${GDS_DIR}/*`);
  return [
    `-Xms${options.heap}`,
    `-Xmx${options.heap}`,
    ...JVM_FLAGS,
    '-cp',
    classpath.join(':'),
    MAIN_CLASS,
    '--home',
    options.home,
    '--host',
    options.host,
    '--port',
    String(options.port),
    '--pagecache',
    options.pageCache,
    ...(options.gds ? ['--plugins', GDS_DIR] : []),
  ];
}

/** Options of {@link runBulkImport}. */
export interface BulkImportOptions {
  /** DBMS home to import into (its `data/databases/<database>` is replaced). */
  home: string;
  /** Arguments after `neo4j-admin`, e.g. from `neo4jImportArguments` (store/neo4j-import.ts). */
  args: readonly string[];
  /** JVM heap of the import tool. */
  heap?: string;
  /** Where the tool's bad-entries report goes; default `<home>/import.report`. */
  reportFile?: string;
}

/**
 * Runs `neo4j-admin` (its `org.neo4j.cli.AdminTool` from the local server's jars, e.g.
 * `database import full …`) on a DBMS home, offline. Returns the tool's output; throws
 * `E_NEO4J` with its error line when it fails. Builds the Maven module first if needed.
 */
export function runBulkImport(options: BulkImportOptions): string {
  if (!isServerBuilt()) buildServer();
  const target = join(NEO4J_MODULE_DIR, 'target');
  const conf = join(options.home, 'conf');
  mkdirSync(conf, { recursive: true });
  if (!existsSync(join(conf, 'neo4j.conf'))) writeFileSync(join(conf, 'neo4j.conf'), '');
  const args = [...options.args];
  // The report file defaults to the working directory; keep it beside the database instead.
  if (args[0] === 'database' && args[1] === 'import') {
    args.splice(3, 0, `--report-file=${options.reportFile ?? join(options.home, 'import.report')}`);
  }
  const run = spawnSync(
    'java',
    [`-Xmx${options.heap ?? '1g'}`, ...JVM_FLAGS, '-cp', `${join(target, 'classes')}:${join(target, 'dependency')}/*`, 'org.neo4j.cli.AdminTool', ...args],
    {
      cwd: options.home,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NEO4J_HOME: options.home, NEO4J_CONF: conf },
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const output = `${run.stdout ?? ''}${run.stderr ?? ''}`;
  if (run.error) throw new UserError(`cannot run java for neo4j-admin: ${run.error.message}`, 'E_NEO4J');
  if (run.status !== 0) {
    const lines = output.split('\n').map((l) => l.trim()).filter(Boolean);
    const why = lines.find((l) => /original error|Caused by|ERROR|failed/i.test(l)) ?? lines.slice(-1)[0] ?? '(no output)';
    throw new UserError(`neo4j-admin ${args.slice(0, 3).join(' ')} failed (${run.status}): ${why}`, 'E_NEO4J');
  }
  return output;
}

/** A TCP port nobody listens on right now, on `host`. */
export async function findFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** True when something accepts TCP connections on host:port. */
export function isPortOpen(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** True when a process with this pid exists. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The server's environment: this process's, without the Neo4j credentials it may hold. */
export function serverEnvironment(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const { NEO4J_PASSWORD: _password, NEO4J_AUTH: _auth, ...rest } = env;
  return rest;
}

/**
 * Starts a server and resolves once it prints its readiness line (Bolt accepts connections and
 * the password is set). Builds the Maven module first if needed. Throws `E_NEO4J` with the
 * server's own last words when it exits or times out before becoming ready.
 */
export async function startServer(options: Partial<ServerOptions> = {}): Promise<RunningServer> {
  const opts = resolveDefaults(DEFAULTS, options);
  if (opts.password.length < 8) {
    throw new UserError('NEO4J_PASSWORD must be set to a password of at least 8 characters', 'E_NEO4J');
  }
  if (!isServerBuilt()) {
    if (!opts.build) throw new UserError(`the local Neo4j server is not built (${NEO4J_MODULE_DIR}/target)`, 'E_NEO4J');
    opts.onStatus(`building the local Neo4j server with Maven (${join(NEO4J_MODULE_DIR, 'pom.xml')}); the first build downloads its jars`);
    buildServer();
  }
  const port = opts.port === 0 ? await findFreePort(opts.host) : opts.port;
  if (await isPortOpen(opts.host, port)) {
    throw new UserError(`cannot start Neo4j: ${opts.host}:${port} is already in use`, 'E_NEO4J');
  }
  mkdirSync(opts.home, { recursive: true });
  const logFile = opts.logFile ?? join(opts.home, 'papergraph-neo4j.log');
  writeFileSync(logFile, '');
  const fd = openSync(logFile, 'a');
  opts.onStatus(`starting Neo4j on bolt://${opts.host}:${port} (data in ${opts.home})`);
  const child = spawn('java', serverCommand({ ...opts, port }), {
    cwd: PACKAGE_ROOT,
    detached: opts.detached,
    stdio: ['pipe', fd, fd],
    env: serverEnvironment(),
  });
  closeSync(fd);
  // The password goes in on standard input, read once: in the environment, `LOAD CSV FROM
  // 'file:///proc/self/environ'` or any process of the user could read it for the server's life.
  child.stdin!.on('error', () => {}); // a server that died at once: reported below from its log
  child.stdin!.end(`${opts.password}\n`);
  let exited: number | string | null = null;
  let spawnError: Error | undefined;
  child.once('exit', (code, signal) => (exited = code ?? signal));
  child.once('error', (error) => (spawnError = error));
  if (opts.detached) child.unref();

  const deadline = Date.now() + opts.timeoutMs;
  for (;;) {
    const log = readFileSync(logFile, 'utf8');
    const line = log.split('\n').find((l) => l.startsWith(READY));
    if (line) {
      return { pid: child.pid!, uri: line.slice(READY.length).trim(), home: opts.home, logFile };
    }
    if (spawnError) throw new UserError(`cannot run java to start Neo4j: ${spawnError.message}`, 'E_NEO4J');
    if (exited !== null || Date.now() > deadline) {
      if (exited === null && child.pid) await stopServer(child.pid);
      const last = log.trim().split('\n').filter(Boolean).slice(-1)[0] ?? '(no output)';
      const why = exited !== null ? `exited (${exited})` : `was not ready after ${opts.timeoutMs / 1000} s`;
      throw new UserError(`Neo4j ${why}: ${last} (log: ${logFile})`, 'E_NEO4J');
    }
    await sleep(100);
  }
}

/**
 * Stops a server by pid with SIGTERM (the launcher shuts the DBMS down cleanly) and waits for
 * the process to end; SIGKILL after `timeoutMs`. Resolves false when no such process ran.
 */
export async function stopServer(pid: number, timeoutMs = 60_000): Promise<boolean> {
  if (!isProcessAlive(pid)) return false;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + timeoutMs;
  while (isProcessAlive(pid)) {
    if (Date.now() > deadline) {
      process.kill(pid, 'SIGKILL');
      await sleep(200);
      break;
    }
    await sleep(100);
  }
  return true;
}

/** What the pid file of `papergraph neo4j start` records. */
export interface PidFile extends RunningServer {
  startedAt: string;
}

/** `neo4j/run/neo4j.pid` (JSON). */
export const PID_FILE: string = join(RUN_DIR, 'neo4j.pid');

export function writePidFile(server: RunningServer, file: string = PID_FILE): void {
  mkdirSync(RUN_DIR, { recursive: true });
  const record: PidFile = { ...server, startedAt: new Date().toISOString() };
  writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
}

/** The pid file's record, or undefined when there is none (or it is unreadable). */
export function readPidFile(file: string = PID_FILE): PidFile | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as PidFile;
  } catch {
    return undefined;
  }
}

export function removePidFile(file: string = PID_FILE): void {
  rmSync(file, { force: true });
}

/** Deletes the data folders of throw-away servers whose owner process is gone (a killed test run). */
export function removeStaleThrowAwayData(dir: string = RUN_DIR): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    const m = /^tmp-(\d+)-/.exec(name);
    if (m && !isProcessAlive(Number(m[1]))) rmSync(join(dir, name), { recursive: true, force: true });
  }
}

/** Handle of a throw-away server (tests, benchmarks) with its own data folder. */
export interface ThrowAwayServer extends RunningServer {
  user: string;
  password: string;
  /** Stops the server and deletes its data folder. */
  stop(): Promise<void>;
}

/**
 * Starts a server on a free port with a fresh data folder under `neo4j/run/` and a random
 * password: what the test suite and the benchmark use.
 */
export async function startThrowAwayServer(options: Partial<ServerOptions> = {}): Promise<ThrowAwayServer> {
  removeStaleThrowAwayData();
  const home = join(RUN_DIR, `tmp-${process.pid}-${Date.now().toString(36)}`);
  const password = `pg-${randomBytes(12).toString('hex')}`;
  const server = await startServer({ home, password, port: 0, ...options });
  return {
    ...server,
    user: 'neo4j',
    password,
    async stop() {
      await stopServer(server.pid);
      rmSync(home, { recursive: true, force: true });
    },
  };
}
