// Viewer benchmark: time to first render and median frame time while panning, in headless
// Chromium (software WebGL), for the PaperGraph viewer and for plain sigma with default settings
// on the same graph in the same run. Graphs: the bundled corpus build, and generated graphs of
// 1k, 10k and 50k concepts with 5 co-occurrence edges per concept.
//
// Both pages get the same graph.json. The viewer loads the compact viewer-data.json written
// from it (as `papergraph build` does); plain sigma imports graph.json into graphology and draws
// every concept and co-occurrence edge. Panning is driven by sigma's own camera animation
// (requestAnimationFrame), and frame times are the intervals between animation frames.
//
// Usage: npm run bench -- viewer        (VIEWER_BENCH_SIZES=1000,10000 to pick sizes)
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import {
  createSyntheticGraph,
  createViewerData,
  readSerializedGraph,
  startServer,
  viewerDataJson,
} from '../dist/viewer/index.js';
import { saveViewerData, viewerDataSource } from '../dist/build-dir/index.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SIZES = (process.env.VIEWER_BENCH_SIZES ?? '1000,10000,50000').split(',').map(Number);
const VIEWPORT = { width: 1280, height: 800 };
// The viewer's graph area at that viewport (the sidebar and top bar take the rest); plain
// sigma gets a canvas of the same size so both draw the same number of pixels.
const STAGE = { width: 1008, height: 744 };
const MIN_FRAMES = 12;
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

const PLAIN_PAGE = `<!doctype html>
<meta charset="utf-8"><title>plain sigma</title>
<style>html,body{margin:0}#c{width:${STAGE.width}px;height:${STAGE.height}px}</style>
<div id="c"></div>
<script src="/graphology.umd.min.js"></script>
<script src="/sigma.min.js"></script>
<script>
const PALETTE = ['#4e79a7','#f28e2b','#e15759','#76b7b2','#59a14f','#edc948','#b07aa1','#ff9da7','#9c755f','#2f4b7c','#a05195','#00a6a6'];
(async () => {
  const json = await (await fetch('/graph.json')).json();
  const graph = new graphology.Graph({ type: 'directed' });
  graph.import(json);
  // Sigma needs positions: papers have none, so only concepts and co-occurrence edges remain.
  graph.filterNodes((n, a) => a.kind === 'paper').forEach((n) => graph.dropNode(n));
  graph.updateEachNodeAttributes((n, a) => ({
    ...a, size: 2 + Math.sqrt(a.weightedDegree || 0), color: PALETTE[(a.community ?? 0) % PALETTE.length],
  }));
  // Sigma reads an edge's \`type\` as its program name; the model's CO_OCCURS is not one.
  graph.updateEachEdgeAttributes((e, a) => ({ ...a, type: undefined }));
  window.renderer = new Sigma(graph, document.getElementById('c'));
  requestAnimationFrame(() => { window.firstRenderMs = performance.now(); window.ready = true; });
})().catch((e) => { window.error = String(e); });
</script>`;

/** Serves the plain sigma page, the UMD builds of sigma and graphology, and one graph.json. */
async function startPlainServer(graphFile) {
  const files = {
    '/': ['text/html', () => PLAIN_PAGE],
    '/sigma.min.js': ['text/javascript', () => readFileSync(join(ROOT, 'node_modules/sigma/dist/sigma.min.js'))],
    '/graphology.umd.min.js': ['text/javascript', () => readFileSync(join(ROOT, 'node_modules/graphology/dist/graphology.umd.min.js'))],
    '/graph.json': ['application/json', () => readFileSync(graphFile)],
  };
  const server = createServer((req, res) => {
    const entry = files[req.url ?? ''];
    if (!entry) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': entry[0] }).end(entry[1]());
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((r) => server.close(r)) };
}

/** Pans with sigma's camera animation until enough frames were seen; returns frame intervals. */
async function measurePan(page, getter) {
  return page.evaluate(
    async ({ getter, minFrames }) => {
      const renderer = getter === 'viewer' ? window.__papergraph.sigma : window.renderer;
      const camera = renderer.getCamera();
      const intervals = [];
      let last = null;
      let running = true;
      const tick = (t) => {
        if (last !== null) intervals.push(t - last);
        last = t;
        if (running) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      const started = performance.now();
      let direction = 1;
      while (intervals.length < minFrames + 2 || performance.now() - started < 2000) {
        const s = camera.getState();
        await camera.animate({ x: s.x + 0.25 * direction, y: s.y + 0.1 * direction }, { duration: 1500, easing: 'linear' });
        direction = -direction;
        if (performance.now() - started > 120000) break;
      }
      running = false;
      // The first two frames include the start of the animation; they are left out.
      return intervals.slice(2);
    },
    { getter, minFrames: MIN_FRAMES },
  );
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};

/** Opens a page in a fresh context (no cache), waits for the first frame, measures panning. */
async function run(browser, url, kind, pan) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(url);
    const readyCheck =
      kind === 'viewer'
        ? () => window.__papergraph?.ready === true || !!window.__papergraph?.error
        : () => window.ready === true || !!window.error;
    await page.waitForFunction(readyCheck, null, { timeout: 300000, polling: 100 });
    const first = await page.evaluate((k) => (k === 'viewer' ? window.__papergraph.firstRenderMs : window.firstRenderMs), kind);
    const error = await page.evaluate((k) => (k === 'viewer' ? window.__papergraph.error : window.error), kind);
    if (error || first === null) throw new Error(`${kind} page failed: ${error ?? errors.join('; ')}`);
    const frames = pan ? await measurePan(page, kind) : [];
    return { first, frame: pan ? median(frames) : NaN, frames: frames.length };
  } finally {
    await context.close();
  }
}

function pad(s, n) {
  return String(s).padStart(n);
}

const fmt = (x) => (Number.isFinite(x) ? x.toFixed(x < 100 ? 1 : 0) : '-');

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'pg-bench-viewer-'));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  const rows = [];
  try {
    const cases = [];
    // The bundled corpus, built by the real pipeline.
    const corpusDir = join(work, 'corpus');
    execFileSync(process.execPath, [join(ROOT, 'dist/cli/main.js'), 'build', '--out', corpusDir], { stdio: 'ignore' });
    cases.push({ name: 'bundled corpus', dir: corpusDir });
    for (const n of SIZES) {
      const dir = join(work, `synthetic-${n}`);
      mkdirSync(dir);
      const { graph, communities } = createSyntheticGraph({
        concepts: n, edgesPerNode: 5, papers: Math.round(n / 10), communities: 20, seed: 7,
      });
      writeFileSync(join(dir, 'graph.json'), JSON.stringify(graph));
      writeFileSync(join(dir, 'communities.json'), JSON.stringify(communities));
      cases.push({ name: `synthetic ${n / 1000}k`, dir });
    }

    for (const c of cases) {
      const graph = JSON.parse(readFileSync(join(c.dir, 'graph.json'), 'utf8'));
      const communities = JSON.parse(readFileSync(join(c.dir, 'communities.json'), 'utf8'));
      // What `papergraph build` writes for the viewer (overwrites any older file).
      await saveViewerData(c.dir, createViewerData(readSerializedGraph(graph), communities));
      const concepts = graph.nodes.filter((x) => x.attributes?.kind === 'concept').length;
      const coEdges = graph.edges.filter((x) => x.attributes?.type === 'CO_OCCURS').length;
      const viewerData = JSON.parse(readFileSync(join(c.dir, 'viewer-data.json'), 'utf8'));
      const viewerServer = await startServer({ dir: c.dir, viewerData: viewerDataSource(c.dir, viewerDataJson), port: 0 });
      const plainServer = await startPlainServer(join(c.dir, 'graph.json'));
      try {
        const runs = concepts <= 10000 ? 3 : 1;
        const viewer = [];
        const plain = [];
        for (let i = 0; i < runs; i++) {
          viewer.push(await run(browser, viewerServer.url, 'viewer', i === 0));
          plain.push(await run(browser, plainServer.url, 'plain', i === 0));
        }
        rows.push({
          name: c.name,
          concepts,
          edges: coEdges,
          shown: viewerData.edges.length / 4,
          viewerFirst: median(viewer.map((r) => r.first)),
          plainFirst: median(plain.map((r) => r.first)),
          viewerFrame: viewer[0].frame,
          plainFrame: plain[0].frame,
          frames: `${viewer[0].frames}/${plain[0].frames}`,
        });
        const r = rows[rows.length - 1];
        console.log(`  measured ${r.name}: first render ${fmt(r.viewerFirst)} / ${fmt(r.plainFirst)} ms, pan frame ${fmt(r.viewerFrame)} / ${fmt(r.plainFrame)} ms`);
      } finally {
        await viewerServer.close();
        await plainServer.close();
      }
    }
  } finally {
    await browser.close();
    rmSync(work, { recursive: true, force: true });
  }

  console.log('\nviewer vs plain sigma (default settings), headless Chromium, software WebGL');
  console.log('graph             concepts    edges  drawn | first render ms: viewer  sigma  speed-up | pan frame ms (median): viewer   sigma  speed-up | frames');
  for (const r of rows) {
    console.log(
      `${r.name.padEnd(16)} ${pad(r.concepts, 9)} ${pad(r.edges, 8)} ${pad(r.shown, 6)} |` +
        ` ${pad(fmt(r.viewerFirst), 23)} ${pad(fmt(r.plainFirst), 6)} ${pad(`${(r.plainFirst / r.viewerFirst).toFixed(2)}×`, 9)} |` +
        ` ${pad(fmt(r.viewerFrame), 29)} ${pad(fmt(r.plainFrame), 7)} ${pad(`${(r.plainFrame / r.viewerFrame).toFixed(1)}×`, 9)} | ${r.frames}`,
    );
  }
  const corpus = rows.find((r) => r.name === 'bundled corpus');
  const largest = rows[rows.length - 1];
  if (corpus) console.log(`goal: bundled corpus first render ≤ 3000 ms → ${fmt(corpus.viewerFirst)} ms (${corpus.viewerFirst <= 3000 ? 'met' : 'NOT met'})`);
  if (largest && largest !== corpus) {
    const ratio = largest.plainFrame / largest.viewerFrame;
    console.log(`goal: viewer ≥ 5× faster than plain sigma panning at ${largest.name} → ${ratio.toFixed(1)}× (${ratio >= 5 ? 'met' : 'NOT met'})`);
  }
}

await main();
