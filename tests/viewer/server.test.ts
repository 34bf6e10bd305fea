import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { viewerDataSource } from '../../src/build-dir/index.js';
import { resolveInside, startServer, viewerDataJson, type RunningServer } from '../../src/viewer/index.js';
import { createSyntheticGraph } from '../../src/viewer/index.js';

/** Sends a request with the path exactly as given (fetch would normalize `..` away). */
function rawGet(
  server: RunningServer,
  path: string,
  method = 'GET',
  headers: Record<string, string> = {},
): Promise<{ status: number; type: string; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: server.host, port: server.port, path, method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

let root: string;
let dir: string;
let viewerDir: string;
let server: RunningServer;
const SECRET = 'top secret outside the served folders';

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'pg-serve-'));
  dir = join(root, 'out');
  viewerDir = join(root, 'viewer');
  mkdirSync(dir);
  mkdirSync(join(viewerDir, 'assets'), { recursive: true });
  writeFileSync(join(root, 'secret.txt'), SECRET);
  writeFileSync(join(viewerDir, 'index.html'), '<!doctype html><title>viewer</title>');
  writeFileSync(join(viewerDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(viewerDir, 'assets', 'app.css'), 'body{}');
  writeFileSync(join(viewerDir, 'server.js'), 'compiled node code, never served');
  const { graph, communities } = createSyntheticGraph({ concepts: 40, papers: 10 });
  writeFileSync(join(dir, 'graph.json'), JSON.stringify(graph));
  writeFileSync(join(dir, 'communities.json'), JSON.stringify(communities));
  writeFileSync(join(dir, 'papers.jsonl'), '{"id":"x"}\n');
  writeFileSync(join(dir, 'report.md'), '# Report\n');
  writeFileSync(join(dir, '.env'), SECRET);
  symlinkSync(join(root, 'secret.txt'), join(dir, 'link-out.txt'));
  server = await startServer({ dir, viewerDir, viewerData: viewerDataSource(dir, viewerDataJson), port: 0 });
});

afterAll(async () => {
  await server?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('startServer', () => {
  it('binds 127.0.0.1 by default, on a free port when asked for port 0', () => {
    expect(server.host).toBe('127.0.0.1');
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
  });

  it.each([
    ['/', 'text/html; charset=utf-8', '<title>viewer</title>'],
    ['/assets/app.js', 'text/javascript; charset=utf-8', 'console.log(1)'],
    ['/assets/app.css', 'text/css; charset=utf-8', 'body{}'],
    ['/data/papers.jsonl', 'application/x-ndjson; charset=utf-8', '{"id":"x"}'],
    ['/data/report.md', 'text/markdown; charset=utf-8', '# Report'],
    ['/data/graph.json', 'application/json; charset=utf-8', '"nodes"'],
  ])('serves %s as %s', async (path, type, content) => {
    const res = await rawGet(server, path);
    expect(res.status).toBe(200);
    expect(res.type).toBe(type);
    expect(res.body).toContain(content);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('gives the page a content security policy without inline scripts', async () => {
    const res = await rawGet(server, '/');
    expect(String(res.headers['content-security-policy'])).toContain("script-src 'self'");
    expect(String(res.headers['content-security-policy'])).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  it('derives viewer-data.json on the fly from graph.json + communities.json', async () => {
    const res = await rawGet(server, '/data/viewer-data.json');
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/json; charset=utf-8');
    const data = JSON.parse(res.body);
    expect(data.format).toBe('papergraph-viewer');
    expect(data.concepts.key).toHaveLength(40);
    expect(data.communities[0].label).toContain(' · ');
  });

  it('derives the data again once graph.json changes', async () => {
    const first = JSON.parse((await rawGet(server, '/data/viewer-data.json')).body);
    expect(first.concepts.key).toHaveLength(40);
    const smaller = createSyntheticGraph({ concepts: 25, papers: 5 });
    writeFileSync(join(dir, 'graph.json'), JSON.stringify(smaller.graph));
    try {
      const second = JSON.parse((await rawGet(server, '/data/viewer-data.json')).body);
      expect(second.concepts.key).toHaveLength(25);
    } finally {
      writeFileSync(join(dir, 'graph.json'), JSON.stringify(createSyntheticGraph({ concepts: 40, papers: 10 }).graph));
    }
  });

  it.each([
    '/data/../secret.txt',
    '/data/%2e%2e/secret.txt',
    '/data/%2E%2E%2Fsecret.txt',
    '/data/..%2fsecret.txt',
    '/data/..%5csecret.txt',
    '/assets/../../secret.txt',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    `/data/${encodeURIComponent('/etc/passwd')}`,
    '/data//etc/passwd',
    '/data/link-out.txt',
  ])('refuses %s', async (path) => {
    const res = await rawGet(server, path);
    expect([400, 403, 404]).toContain(res.status);
    expect(res.status).not.toBe(200);
    expect(res.body).not.toContain(SECRET);
    expect(res.body).not.toContain('root:');
  });

  it('answers 403 (not 404) for traversal attempts', async () => {
    expect((await rawGet(server, '/data/../secret.txt')).status).toBe(403);
    expect((await rawGet(server, '/data/%2e%2e/secret.txt')).status).toBe(403);
    expect((await rawGet(server, '/data//etc/passwd')).status).toBe(403);
    expect((await rawGet(server, '/data/link-out.txt')).status).toBe(403);
  });

  it('serves only the page and its assets from the viewer folder', async () => {
    expect((await rawGet(server, '/server.js')).status).toBe(404);
    expect((await rawGet(server, '/data/missing.json')).status).toBe(404);
  });

  it('answers HEAD with the headers only', async () => {
    const res = await rawGet(server, '/data/report.md', 'HEAD');
    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBe(String('# Report\n'.length));
    expect(res.body).toBe('');
  });

  it('serves byte ranges and answers a request with a current ETag with 304', async () => {
    const part = await rawGet(server, '/data/report.md', 'GET', { range: 'bytes=2-7' });
    expect(part.status).toBe(206);
    expect(part.body).toBe('Report');
    expect((await rawGet(server, '/data/report.md', 'GET', { range: 'bytes=900-' })).status).toBe(416);
    const etag = String((await rawGet(server, '/data/report.md')).headers.etag);
    const again = await rawGet(server, '/data/report.md', 'GET', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body).toBe('');
  });

  it('does not serve dotfiles', async () => {
    const res = await rawGet(server, '/data/.env');
    expect(res.status).toBe(404);
    expect(res.body).not.toContain(SECRET);
  });

  it('answers malformed encodings with 400 and other methods with 405', async () => {
    expect((await rawGet(server, '/data/%E0%A4%A')).status).toBe(400);
    const post = await rawGet(server, '/data/graph.json', 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
  });

  it('fails with a UserError for a missing directory, a missing viewer and a busy port', async () => {
    await expect(startServer({ dir: join(root, 'nope'), viewerDir, viewerData: viewerDataSource(join(root, 'nope'), viewerDataJson), port: 0 })).rejects.toSatisfy(
      (e: unknown) => e instanceof UserError && e.code === 'E_NOT_FOUND',
    );
    await expect(startServer({ dir, viewerDir: join(root, 'no-viewer'), viewerData: viewerDataSource(dir, viewerDataJson), port: 0 })).rejects.toSatisfy(
      (e: unknown) => e instanceof UserError && /npm run build/.test(e.message),
    );
    await expect(startServer({ dir, viewerDir, viewerData: viewerDataSource(dir, viewerDataJson), port: server.port })).rejects.toSatisfy(
      (e: unknown) => e instanceof UserError && e.message.includes(String(server.port)),
    );
  });
});

describe('resolveInside', () => {
  it.each([
    ['a/b.json', '/srv/a/b.json'],
    ['./a.json', '/srv/a.json'],
    ['a//b', '/srv/a/b'],
    ['../x', null],
    ['a/../../x', null],
    ['a/..', null],
    ['..\\x', null],
    ['/etc/passwd', null],
    ['C:/x', null],
    ['a\0b', null],
  ])('%s → %s', (rel, expected) => {
    expect(resolveInside('/srv', rel)).toBe(expected);
  });
});

describe('port 0 on another interface', () => {
  it('listens where it is told to', async () => {
    // ::1 may be unavailable; 127.0.0.2 is loopback on Linux. Check it is bindable first.
    const bindable = await new Promise<boolean>((resolve) => {
      const probe = createServer().once('error', () => resolve(false)).listen(0, '127.0.0.2', () => probe.close(() => resolve(true)));
    });
    const host = bindable ? '127.0.0.2' : '127.0.0.1';
    const other = await startServer({ dir, viewerDir, viewerData: viewerDataSource(dir, viewerDataJson), port: 0, host });
    try {
      expect(other.host).toBe(host);
      expect((await rawGet(other, '/')).status).toBe(200);
    } finally {
      await other.close();
    }
  });
});

describe('content security policy on every answer', () => {
  it.each(['/data/report.html', '/data/chart.svg', '/data/report.md', '/data/viewer-data.json', '/nothing-here'])('%s carries one that runs no script', async (path) => {
    writeFileSync(join(dir, 'report.html'), '<!doctype html><title>report</title><script>window.x=1</script>');
    writeFileSync(join(dir, 'chart.svg'), '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const res = await rawGet(server, path);
    const csp = String(res.headers['content-security-policy'] ?? '');
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src/);
  });
});

describe('Host header (DNS rebinding)', () => {
  // PORT stands for the server's port.
  it.each(['evil.example', 'evil.example:PORT', 'attacker.test:80', '127.0.0.1.evil.example:PORT'])('refuses Host %j with 403', async (name) => {
    const res = await rawGet(server, '/data/graph.json', 'GET', { Host: name.replace('PORT', String(server.port)) });
    expect(res.status).toBe(403);
    expect(res.body).toMatch(/unknown Host header/);
    expect(res.body).not.toContain('"nodes"');
  });

  it('refuses the right name on another port', async () => {
    expect((await rawGet(server, '/', 'GET', { Host: `127.0.0.1:${server.port + 1}` })).status).toBe(403);
  });

  it.each(['localhost', '127.0.0.1', 'LOCALHOST', 'localhost.'])('answers Host %s with the port', async (name) => {
    expect((await rawGet(server, '/', 'GET', { Host: `${name}:${server.port}` })).status).toBe(200);
  });

  it('answers a name given with allowedHosts', async () => {
    const other = await startServer({ dir, viewerDir, viewerData: viewerDataSource(dir, viewerDataJson), port: 0, allowedHosts: ['mybox.local'] });
    try {
      expect((await rawGet(other, '/', 'GET', { Host: `mybox.local:${other.port}` })).status).toBe(200);
      expect((await rawGet(other, '/', 'GET', { Host: `yourbox.local:${other.port}` })).status).toBe(403);
    } finally {
      await other.close();
    }
  });
});
