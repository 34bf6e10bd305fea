import { Command, InvalidArgumentError } from 'commander';
import { UserError } from '../../errors.js';

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 1 || port > 65535) throw new InvalidArgumentError('expected a port from 1 to 65535');
  return port;
}

/** Port from NEO4J_URI when it names a loopback Bolt address, else 7687. */
function defaultPort(): number {
  const m = /^(?:bolt|neo4j):\/\/(?:127\.0\.0\.1|localhost)(?::(\d+))?\/?$/.exec(process.env.NEO4J_URI ?? '');
  return m?.[1] ? Number(m[1]) : 7687;
}

/** `papergraph neo4j start|stop|status`: a local Neo4j 5 server without Docker. */
export function command(): Command {
  const neo4j = new Command('neo4j')
    .description(
      'A local Neo4j 5.26 community server without Docker (needs Java 17 and Maven; the first start ' +
        'downloads the Neo4j jars from Maven Central into ~/.m2 and builds neo4j/target). Bolt listens on ' +
        '127.0.0.1; user neo4j, password from NEO4J_PASSWORD (at least 8 characters).',
    )
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  export NEO4J_PASSWORD=change-me-please\n' +
        '  papergraph neo4j start            # add --gds for Louvain inside Neo4j\n' +
        '  papergraph build --neo4j\n' +
        '  papergraph neo4j status\n' +
        '  papergraph neo4j stop\n',
    );

  neo4j
    .command('start')
    .description('Start the server in the background; returns once Bolt accepts connections (pid file in neo4j/run/)')
    .option('--port <port>', 'Bolt port (default: the port of NEO4J_URI if local, else 7687)', parsePort)
    .option('--data <dir>', 'data folder (default: neo4j/data in the package)')
    .option('--heap <size>', 'JVM heap cap', '1g')
    .option('--pagecache <size>', 'Neo4j page cache size', '512m')
    .option(
      '--gds',
      'also load the Graph Data Science 2.13 plugin (gds.* procedures, for `build --communities neo4j-gds`); ' +
        'starts slower and uses more memory (default: off)',
    )
    .action(async (options: { port?: number; data?: string; heap: string; pagecache: string; gds?: boolean }) => {
      const server = await import('../../store/server.js');
      const running = server.readPidFile();
      if (running && server.isProcessAlive(running.pid)) {
        throw new UserError(`Neo4j is already running (pid ${running.pid}, ${running.uri}); stop it first`, 'E_NEO4J');
      }
      const password = process.env.NEO4J_PASSWORD ?? '';
      if (password.length < 8) {
        throw new UserError('neo4j start: set NEO4J_PASSWORD to a password of at least 8 characters', 'E_USAGE');
      }
      if (!/^\d+[kmg]?$/i.test(options.heap) || !/^\d+[kmg]?$/i.test(options.pagecache)) {
        throw new UserError('neo4j start: --heap and --pagecache take sizes like 512m or 1g', 'E_USAGE');
      }
      const { resolve } = await import('node:path');
      const started = await server.startServer({
        port: options.port ?? defaultPort(),
        home: options.data ? resolve(options.data) : server.DEFAULT_HOME,
        password,
        heap: options.heap,
        pageCache: options.pagecache,
        gds: options.gds === true,
        detached: true,
        onStatus: (message) => process.stderr.write(`neo4j: ${message}\n`),
      });
      server.writePidFile(started);
      process.stdout.write(`Neo4j is running at ${started.uri} (pid ${started.pid}, log ${started.logFile})\n`);
    });

  neo4j
    .command('stop')
    .description('Stop the server started by `neo4j start` (SIGTERM: a clean shutdown) and wait for it to exit')
    .action(async () => {
      const server = await import('../../store/server.js');
      const running = server.readPidFile();
      if (!running || !server.isProcessAlive(running.pid)) {
        server.removePidFile();
        process.stdout.write('Neo4j is not running\n');
        return;
      }
      await server.stopServer(running.pid);
      server.removePidFile();
      process.stdout.write(`Neo4j stopped (pid ${running.pid})\n`);
    });

  neo4j
    .command('status')
    .description(
      'Say whether Neo4j answers at NEO4J_URI (else the local server started by `neo4j start`, else ' +
        'bolt://127.0.0.1:7687) and, when NEO4J_PASSWORD is set, whether it accepts the credentials. ' +
        'Exit 0 when it runs and no login failed, 1 otherwise',
    )
    .action(async function (this: Command) {
      const store = await import('../../store/index.js');
      const status = await store.checkServerStatus({ uri: process.env.NEO4J_URI, settings: store.connectionSettings() });
      const { line, ok } = store.formatServerStatus(status);
      if (!ok) throw new UserError(line, 'E_NEO4J');
      process.stdout.write(`${line}\n`);
    });

  return neo4j;
}
