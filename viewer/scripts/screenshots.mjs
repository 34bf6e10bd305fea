// Takes the README screenshots of the viewer on the bundled corpus:
// docs/viewer-graph.png (whole graph) and docs/viewer-concept.png (a concept and its panel).
// Usage, after `npm run build`: node viewer/scripts/screenshots.mjs [BUILD_DIR]
// Without BUILD_DIR the bundled corpus is built into a temporary folder first.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../dist/viewer/index.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let dir = process.argv[2];
let temp = null;
if (!dir) {
  temp = mkdtempSync(join(tmpdir(), 'pg-screenshots-'));
  dir = temp;
  execFileSync(process.execPath, [join(ROOT, 'dist/cli/main.js'), 'build', '--out', dir], { stdio: 'inherit' });
}
const server = await startServer({ dir, port: 0 });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(server.url);
  await page.waitForFunction(() => window.__papergraph?.ready === true, null, { timeout: 120000 });
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(ROOT, 'docs/viewer-graph.png') });
  await page.locator('#search-input').fill('NTK');
  await page.waitForSelector('#search-results .search-hit');
  await page.locator('#search-input').press('Enter');
  await page.waitForSelector('#panel:not([hidden])');
  await page.waitForTimeout(1200);
  await page.screenshot({ path: join(ROOT, 'docs/viewer-concept.png') });
  console.log('wrote docs/viewer-graph.png and docs/viewer-concept.png');
} finally {
  await browser.close();
  await server.close();
  if (temp) rmSync(temp, { recursive: true, force: true });
}
