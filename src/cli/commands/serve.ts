import { Command, InvalidArgumentError } from 'commander';

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) {
    throw new InvalidArgumentError('expected a port number from 0 to 65535 (0 = any free port)');
  }
  return port;
}

/** Opens a URL with the desktop's default browser; best effort, errors ignored. */
async function openInBrowser(url: string): Promise<void> {
  const { spawn } = await import('node:child_process');
  const [cmd, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '', url]]
        : ['xdg-open', [url]];
  try {
    spawn(cmd, args as string[], { stdio: 'ignore', detached: true }).on('error', () => {}).unref();
  } catch {
    // No browser to open: the URL is printed anyway.
  }
}

/** `papergraph serve DIR`: the sigma.js viewer on a build directory. */
export function command(): Command {
  return new Command('serve')
    .description(
      'Serve the interactive graph viewer for a build directory (graph.json + communities.json, ' +
        'or viewer-data.json). Runs until interrupted (Ctrl-C).',
    )
    .argument('<dir>', 'build directory written by `papergraph build --out DIR`')
    .option('-p, --port <port>', 'TCP port to listen on; 0 picks any free port', parsePort, 5170)
    .option('--host <host>', 'interface to bind; use 0.0.0.0 only to share on your network', '127.0.0.1')
    .option('--open', 'open the viewer in the default browser once the server is ready', false)
    .option(
      '--allow-host <name...>',
      'also answer requests for these host names (e.g. mybox.local); others, bar the bound address, localhost and 127.0.0.1, are refused',
      [],
    )
    .addHelpText(
      'after',
      '\nRequests whose Host header names another site are refused (403), so that no web page can reach the\n' +
        'viewer through a DNS name of its own; with --host 0.0.0.0 any IP address is accepted. Every answer\n' +
        'carries a Content-Security-Policy.\n' +
        '\nExample:\n  papergraph build --out out && papergraph serve out --port 8080\n',
    )
    .action(async (dir: string, options: { port: number; host: string; open: boolean; allowHost: string[] }) => {
      const [{ startServer, viewerDataJson }, { checkBuildManifest, viewerDataSource }] = await Promise.all([
        import('../../viewer/index.js'),
        import('../../build-dir/index.js'),
      ]);
      // A folder of two builds is refused before the server starts (and again on each data load).
      await checkBuildManifest(dir);
      const viewerData = viewerDataSource(dir, viewerDataJson);
      const server = await startServer({ dir, viewerData, port: options.port, host: options.host, allowedHosts: options.allowHost });
      process.stdout.write(`PaperGraph viewer: ${server.url}\n`);
      if (options.open) await openInBrowser(server.url);
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      await server.close();
    });
}
