// Screenshots of the viewer, as README shows them: the fields zoomed out, one topic zoomed in, that
// topic's panel with its papers per year, and the year overlay (when the papers have years).
//
// Usage, after `npm run build`:
//   node scripts/screenshots.mjs [--build DIR | --input FILE ...] [--name NAME] [--out DIR] [--topic ID]
//
//   --build DIR   a build folder to show (not changed)
//   --input FILE  build these inputs first, into a temporary folder (repeatable); with neither
//                 --build nor --input the bundled corpus is built
//   --name NAME   file name prefix (default: corpus): writes NAME-fields.png, NAME-topic.png,
//                 NAME-timeline.png and, when some paper has a year, NAME-overlay.png
//   --out DIR     where the PNGs go (default: docs/screenshots)
//   --topic ID    the topic to zoom into (default: the one with the most papers)
//   --concept Q   also search for Q, open the first hit's panel and write NAME-concept.png
//
// Relative paths are taken from the repository root. CHROMIUM (default /usr/bin/chromium) names
// the browser playwright-core drives.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { viewerDataSource } from '../dist/build-dir/index.js';
import { startServer, viewerDataJson } from '../dist/viewer/index.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
// Wide enough for the legend and the map; small enough to keep each PNG a few hundred kB.
const VIEWPORT = { width: 1120, height: 700 };
// Zoomed in past the viewer's topic threshold (camera ratio 0.55), about one topic's region.
const TOPIC_RATIO = 0.4;

const { values } = parseArgs({
  options: {
    build: { type: 'string' },
    input: { type: 'string', multiple: true },
    name: { type: 'string', default: 'corpus' },
    out: { type: 'string', default: 'docs/screenshots' },
    topic: { type: 'string' },
    concept: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log('node scripts/screenshots.mjs [--build DIR | --input FILE ...] [--name NAME] [--out DIR] [--topic ID] [--concept Q]');
  process.exit(0);
}
if (values.topic !== undefined && !/^\d+$/.test(values.topic)) {
  console.error(`screenshots: --topic ${values.topic}: expecting a topic id (a whole number)`);
  process.exit(2);
}

const fromRoot = (p) => resolve(ROOT, p);
let dir = values.build ? fromRoot(values.build) : null;
let temp = null;
if (!dir) {
  temp = mkdtempSync(join(tmpdir(), 'pg-screenshots-'));
  dir = temp;
  const inputs = (values.input ?? []).map(fromRoot);
  execFileSync(process.execPath, [join(ROOT, 'dist/cli/main.js'), 'build', ...inputs, '--out', dir], { stdio: 'inherit' });
}
const out = fromRoot(values.out);
mkdirSync(out, { recursive: true });

const server = await startServer({ dir, viewerData: viewerDataSource(dir, viewerDataJson), port: 0 });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: ARGS });
try {
  const page = await browser.newPage({ viewport: VIEWPORT });
  await page.goto(server.url);
  await page.waitForFunction(() => window.__papergraph?.ready === true || !!window.__papergraph?.error, null, { timeout: 300_000 });
  const error = await page.evaluate(() => window.__papergraph.error);
  if (error) throw new Error(`the viewer could not open ${dir}: ${error}`);
  await page.waitForTimeout(800);
  const fieldsPng = join(out, `${values.name}-fields.png`);
  await page.screenshot({ path: fieldsPng });
  const fields = await page.evaluate(() => window.__papergraph.clusterLabels());

  const wanted = values.topic !== undefined ? Number(values.topic) : null;
  const topic = await page.evaluate(
    ({ wanted, ratio }) => {
      const hook = window.__papergraph;
      const anchors = hook.clusterAnchors('topic');
      const center = wanted === null ? anchors[0] : anchors.find((a) => a.id === wanted);
      if (!center) return null;
      const sigma = hook.sigma;
      const framed = sigma.viewportToFramedGraph(sigma.graphToViewport(center));
      sigma.getCamera().setState({ x: framed.x, y: framed.y, ratio });
      return center.id;
    },
    { wanted, ratio: TOPIC_RATIO },
  );
  if (topic === null) throw new Error(`there is no topic ${wanted ?? ''} with concepts in ${dir}`);
  await page.waitForTimeout(1200);
  const topicPng = join(out, `${values.name}-topic.png`);
  await page.screenshot({ path: topicPng });
  const topics = await page.evaluate(() => window.__papergraph.clusterLabels());
  console.log(`wrote ${fieldsPng} (${fields.map((l) => l.text).join(' | ')})`);
  console.log(`wrote ${topicPng}, topic ${topic} (${topics.map((l) => l.text).join(' | ')})`);
  // The topic's own panel: its papers per year, beside the map still zoomed into it.
  await page.evaluate((id) => { location.hash = `#topic=${id}`; }, topic);
  await page.waitForSelector('#panel:not([hidden]) .timeline', { timeout: 30_000 });
  await page.waitForTimeout(800);
  const timelinePng = join(out, `${values.name}-timeline.png`);
  await page.screenshot({ path: timelinePng });
  console.log(`wrote ${timelinePng}, topic ${topic}`);
  // The year overlay over the whole map, panel closed.
  await page.evaluate(() => {
    history.replaceState(null, '', location.pathname);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    window.__papergraph.sigma.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1 });
  });
  const yearButton = page.locator('[data-color-by=year]');
  if (await yearButton.isEnabled()) {
    await yearButton.click();
    await page.waitForSelector('.year-legend');
    await page.waitForTimeout(1200);
    const overlayPng = join(out, `${values.name}-overlay.png`);
    await page.screenshot({ path: overlayPng });
    console.log(`wrote ${overlayPng} (${await page.locator('.year-legend').textContent()})`);
    await page.locator('[data-color-by=community]').click();
  } else {
    console.log(`no paper in ${dir} has a year: no ${values.name}-overlay.png`);
  }
  if (values.concept) {
    await page.locator('#search-input').fill(values.concept);
    await page.waitForSelector('#search-results .search-hit', { timeout: 30_000 });
    await page.locator('#search-input').press('Enter');
    await page.waitForSelector('#panel:not([hidden])');
    await page.waitForTimeout(1200);
    const conceptPng = join(out, `${values.name}-concept.png`);
    await page.screenshot({ path: conceptPng });
    console.log(`wrote ${conceptPng}`);
  }
} finally {
  await browser.close();
  await server.close();
  if (temp) rmSync(temp, { recursive: true, force: true });
}
