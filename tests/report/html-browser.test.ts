import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReportModel, renderHtml } from '../../src/report/index.js';
import { launchChromium } from '../helpers/chromium.js';
import { makeFixture } from './fixture.js';

const XSS = '<img src=x onerror="window.__xss=1">';

let browser: Browser;
let page: Page;
let dir: string;
const consoleErrors: string[] = [];
const foreignRequests: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pg-report-html-'));
  const { graph, communities } = makeFixture({ p1: XSS, p4: `Gaussian ${XSS} process` });
  const file = join(dir, 'report.html');
  writeFileSync(file, renderHtml(buildReportModel(graph, communities)));
  browser = await launchChromium();
  page = await browser.newPage();
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(String(error)));
  page.on('request', (request) => {
    if (!/^(file|data):/.test(request.url())) foreignRequests.push(request.url());
  });
  await page.route('**/*', async (route) => {
    const url = route.request().url();
    if (/^(file|data):/.test(url)) await route.continue();
    else {
      foreignRequests.push(url);
      await route.abort();
    }
  });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
});

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('HTML report in headless Chromium', () => {
  it('loads with no console errors and no request beyond the file', () => {
    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
  });

  it('shows a hostile title as text and runs nothing', async () => {
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.evaluate(() => document.images.length)).toBe(0);
    expect(await page.evaluate(() => document.scripts.length)).toBe(0);
    // textContent: the titles sit in collapsed communities too, which innerText leaves out.
    const text = await page.evaluate(() => document.body.textContent);
    expect(text).toContain(XSS);
    expect(text).toContain(`Gaussian ${XSS} process`);
  });

  it('draws the charts and every table-of-contents link has a target', async () => {
    const charts = await page.evaluate(() => [...document.querySelectorAll('svg.chart')].map((s) => s.getAttribute('aria-label')));
    expect(charts).toEqual([
      'Papers per year',
      'Community sizes in concepts and papers',
      'Co-occurrence weight between communities',
      'Papers per year in community 0',
      'Papers per year in community 1',
    ]);
    const missing = await page.evaluate(() =>
      [...document.querySelectorAll('a[href^="#"]')]
        .map((a) => a.getAttribute('href')!.slice(1))
        .filter((id) => !document.getElementById(id)),
    );
    expect(missing).toEqual([]);
    const bars = await page.evaluate(() => document.querySelectorAll('svg.chart rect').length);
    expect(bars).toBeGreaterThan(10);
  });

  it('links concepts to the viewer hash', async () => {
    const hrefs = await page.evaluate(() =>
      [...document.querySelectorAll('a[href*="#concept="]')].map((a) => a.getAttribute('href')),
    );
    expect(hrefs).toContain('../index.html#concept=gaussian%20process');
    expect(hrefs).toContain('../index.html#concept=bayesian%20optimization');
  });

  it('shows the communities collapsed, and a contents link opens the one it names', async () => {
    const open = () => page.evaluate(() => [...document.querySelectorAll('section.community details')].map((d) => (d as HTMLDetailsElement).open));
    expect(await open()).toEqual([false, false]);
    const collapsed = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.click('nav#toc a[href="#community-1"]');
    await page.waitForFunction(() => (document.querySelectorAll('section.community details')[1] as HTMLDetailsElement).open);
    expect(await open()).toEqual([false, true]);
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeGreaterThan(collapsed);
    // The summary line of the opened community stays in view above the target.
    const summaryTop = await page.evaluate(() => document.querySelectorAll('section.community summary')[1]!.getBoundingClientRect().top);
    expect(summaryTop).toBeGreaterThanOrEqual(0);
    await page.evaluate(() => document.querySelectorAll('section.community details').forEach((d) => ((d as HTMLDetailsElement).open = false)));
  });

  it('names papers by their titles, as links where they have a URL', async () => {
    const papers = await page.evaluate(() =>
      [...document.querySelectorAll('ol.papers li')].map((li) => ({ text: li.textContent ?? '', href: li.querySelector('a')?.getAttribute('href') ?? null })),
    );
    expect(papers.length).toBeGreaterThan(0);
    const attention = papers.find((p) => p.text.startsWith('Attention is what you need'));
    expect(attention?.href).toBe('https://example.org/p2');
  });

  it('prints every community open, each on a new page', async () => {
    await page.emulateMedia({ media: 'print' });
    const visible = await page.evaluate(() =>
      [...document.querySelectorAll('section.community details')].map((d) => (d.querySelector('h3') as HTMLElement).getClientRects().length > 0),
    );
    await page.emulateMedia({ media: 'screen' });
    expect(visible).toEqual([true, true]);
  });

  it('starts each community on a new page when printed', async () => {
    await page.emulateMedia({ media: 'print' });
    const breaks = await page.evaluate(() =>
      [...document.querySelectorAll('section.community')].map((s) => getComputedStyle(s).breakBefore),
    );
    await page.emulateMedia({ media: 'screen' });
    expect(breaks).toEqual(['page', 'page']);
  });
});
