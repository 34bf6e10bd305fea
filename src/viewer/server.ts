/**
 * Viewer server
 * =============
 *
 * A small `node:http` server for `papergraph serve`: the built viewer (`dist/viewer/`:
 * `index.html` and `assets/`) at `/`, and the build directory's files under `/data/`.
 * `/data/viewer-data.json` is derived from `graph.json` on the fly when the directory has none.
 * Files go out through `send` (pillarjs, the engine of Express's `serve-static`): streaming,
 * HEAD, `Content-Length`, ranges and conditional requests (`ETag`, `Last-Modified`).
 *
 * Only GET and HEAD; binds 127.0.0.1 unless told otherwise; any request path that tries to
 * leave its folder (`..` segments, encoded or not, absolute paths) is refused with 403 before
 * touching the file system, and so is a symlink pointing out of it. Dotfiles are not served.
 */
import { realpath, stat } from 'node:fs/promises';
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, relative, resolve, sep } from 'node:path';
import createSendStream from 'send';
import { resolveDefaults } from '../defaults.js';
import { UserError } from '../errors.js';
import { PACKAGE_ROOT } from '../paths.js';

/** Where `npm run build` puts the browser app. */
export const VIEWER_DIST_DIR: string = join(PACKAGE_ROOT, 'dist', 'viewer');

/** The viewer's data, served at `/data/<file>` (the CLI passes build-dir's `viewerDataSource`). */
export interface ViewerDataProvider {
  /** The file name under `/data/`. */
  file: string;
  /** The data as JSON text. */
  text(): Promise<string>;
  /** Changes whenever `text` would; the text is kept while it stays the same. */
  signature(): Promise<string>;
}

/** Options of `startServer`. */
export interface ServerOptions {
  /** The build directory whose files are served under `/data/`. */
  dir: string;
  /** The viewer's data, from that directory. */
  viewerData: ViewerDataProvider;
  /** TCP port; 0 picks a free one. */
  port: number;
  /** Interface to bind; loopback unless the user asks otherwise. */
  host: string;
  /** The built viewer (holds `index.html`). */
  viewerDir: string;
}

export const DEFAULTS: Omit<ServerOptions, 'dir' | 'viewerData'> = {
  port: 5170,
  host: '127.0.0.1',
  viewerDir: VIEWER_DIST_DIR,
};

/** A running server. */
export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:5170/`. */
  url: string;
  host: string;
  port: number;
  close(): Promise<void>;
}

/** Content types by extension; anything else is served as bytes. */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.jsonl': 'application/x-ndjson; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.gexf': 'application/xml; charset=utf-8',
  '.graphml': 'application/xml; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** The viewer page may load its own scripts and data, nothing else. */
const VIEWER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Maps a request path relative to `root` onto a file path inside `root`, or null when the path
 * tries to leave it. `rel` is already percent-decoded.
 */
export function resolveInside(root: string, rel: string): string | null {
  if (rel.includes('\0')) return null;
  // Absolute paths (`//etc/passwd`, `C:\`) and any `..` segment are refused outright.
  if (/^[\\/]/.test(rel) || /^[a-zA-Z]:/.test(rel)) return null;
  const parts = rel.split(/[\\/]+/).filter((p) => p !== '' && p !== '.');
  if (parts.some((p) => p === '..')) return null;
  const base = resolve(root);
  const full = resolve(base, ...parts);
  if (full !== base && !full.startsWith(base + sep)) return null;
  return full;
}

function send(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(body),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

/** An error status from `send` (http-errors), with the headers it calls for (e.g. `Content-Range`). */
interface SendError {
  status?: number;
  headers?: Record<string, string>;
}

/**
 * Serves `file`, a path inside `root` (see {@link resolveInside}), with `send`. Its real path
 * must be a file inside the real root: `send` follows symlinks, so one pointing out is refused
 * here (403), and `send` gets the checked real path, not the requested one.
 */
async function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  root: string,
  file: string,
  extraHeaders: Record<string, string> = {},
): Promise<void> {
  let real: string;
  try {
    real = await realpath(file);
    if (!(await stat(real)).isFile()) return send(res, 404, 'not found\n');
  } catch {
    return send(res, 404, 'not found\n');
  }
  // A symlink inside the folder must not lead outside it.
  const realRoot = await realpath(root).catch(() => resolve(root));
  if (!real.startsWith(realRoot + sep)) return send(res, 403, 'forbidden\n');
  // `send` takes a URL path under its root: the checked path, each segment encoded.
  const urlPath = `/${relative(realRoot, real).split(sep).map(encodeURIComponent).join('/')}`;
  createSendStream(req, urlPath, { root: realRoot, index: false, dotfiles: 'ignore', cacheControl: false })
    .on('headers', (response: ServerResponse) => {
      // Our content types (with their charsets), set before `send` would guess one.
      response.setHeader('Content-Type', CONTENT_TYPES[extname(real).toLowerCase()] ?? 'application/octet-stream');
      response.setHeader('X-Content-Type-Options', 'nosniff');
      for (const [name, value] of Object.entries(extraHeaders)) response.setHeader(name, value);
    })
    .on('error', (error: SendError) => {
      if (res.headersSent) return void res.destroy();
      // Plain-text errors like every other answer, without the file's headers.
      for (const name of res.getHeaderNames()) res.removeHeader(name);
      for (const [name, value] of Object.entries(error.headers ?? {})) res.setHeader(name, value);
      const status = error.status ?? 500;
      send(res, status, `${(STATUS_CODES[status] ?? 'error').toLowerCase()}\n`);
    })
    .pipe(res);
}

/** Splits the raw request target into a decoded path, or null when it cannot be decoded. */
function decodePath(rawUrl: string): string | null {
  const path = rawUrl.split(/[?#]/, 1)[0] ?? '/';
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}

/**
 * Starts the viewer server on `dir`. Resolves once it listens.
 * @throws UserError when the directory or the built viewer is missing, or the port is taken.
 */
export async function startServer(
  options: Partial<ServerOptions> & Pick<ServerOptions, 'dir' | 'viewerData'>,
): Promise<RunningServer> {
  const opts: ServerOptions = { ...resolveDefaults(DEFAULTS, options), dir: options.dir, viewerData: options.viewerData };
  const dir = resolve(opts.dir);
  const viewerDir = resolve(opts.viewerDir);
  const dirInfo = await stat(dir).catch(() => null);
  if (!dirInfo?.isDirectory()) {
    throw new UserError(`${opts.dir}: no such directory (build one with: papergraph build --out ${opts.dir})`, 'E_NOT_FOUND');
  }
  if (!(await stat(join(viewerDir, 'index.html')).catch(() => null))) {
    throw new UserError(`the viewer is not built (${join(viewerDir, 'index.html')} is missing); run: npm run build`, 'E_NOT_FOUND');
  }

  // Deriving the data from a large graph.json takes a while: keep it until the files change,
  // and start on it right away so the first page load does not wait for all of it.
  let cache: { signature: string; text: Promise<string> } | null = null;
  const viewerData = async (): Promise<string> => {
    const signature = await opts.viewerData.signature();
    if (!cache || cache.signature !== signature) {
      const text = opts.viewerData.text();
      cache = { signature, text };
      text.catch(() => {
        if (cache?.text === text) cache = null;
      });
    }
    return cache.text;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return send(res, 405, 'method not allowed\n');
    }
    const raw = req.url ?? '/';
    if (!raw.startsWith('/')) return send(res, 400, 'bad request\n');
    const path = decodePath(raw);
    if (path === null) return send(res, 400, 'bad request\n');

    if (path === '/' || path === '/index.html') {
      return sendFile(req, res, viewerDir, join(viewerDir, 'index.html'), {
        'Content-Security-Policy': VIEWER_CSP,
        'Cache-Control': 'no-cache',
        'Referrer-Policy': 'no-referrer',
      });
    }
    if (path.startsWith('/assets/')) {
      const assets = join(viewerDir, 'assets');
      const file = resolveInside(assets, path.slice('/assets/'.length));
      if (!file) return send(res, 403, 'forbidden\n');
      return sendFile(req, res, assets, file, { 'Cache-Control': 'public, max-age=31536000, immutable' });
    }
    if (path.startsWith('/data/')) {
      const rel = path.slice('/data/'.length);
      const file = resolveInside(dir, rel);
      if (!file) return send(res, 403, 'forbidden\n');
      if (rel === opts.viewerData.file) {
        const text = await viewerData();
        return send(res, 200, text, CONTENT_TYPES['.json']);
      }
      return sendFile(req, res, dir, file, { 'Cache-Control': 'no-cache' });
    }
    if (path.split(/[\\/]/).includes('..')) return send(res, 403, 'forbidden\n');
    return send(res, 404, 'not found\n');
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const message = error instanceof UserError ? error.message : 'internal error';
      if (!res.headersSent) send(res, error instanceof UserError ? 404 : 500, `${message}\n`);
      else res.destroy();
    });
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(new UserError(`port ${opts.port} on ${opts.host} is in use; pick another with --port (0 = any free port)`, 'E_USAGE'));
      } else if (error.code === 'EACCES' || error.code === 'EADDRNOTAVAIL') {
        reject(new UserError(`cannot listen on ${opts.host}:${opts.port} (${error.code})`, 'E_USAGE'));
      } else reject(error);
    });
    server.listen(opts.port, opts.host, () => resolveListen());
  });
  viewerData().catch(() => {
    // Reported to the browser when it asks for the data.
  });
  const address = server.address() as AddressInfo;
  const hostForUrl = address.family === 'IPv6' || address.address.includes(':') ? `[${address.address}]` : address.address;
  return {
    url: `http://${hostForUrl}:${address.port}/`,
    host: address.address,
    port: address.port,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      }),
  };
}
