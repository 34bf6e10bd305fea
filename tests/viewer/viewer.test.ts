/**
 * End-to-end tests of the viewer in Debian's Chromium (headless, software WebGL): the bundled
 * corpus build, search, legend, URL hash, export, and escaping of hostile text.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommunitiesFile } from '../../src/model.js';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { viewerDataSource } from '../../src/build-dir/index.js';
import { createSyntheticGraph, startServer, viewerDataJson, type RunningServer } from '../../src/viewer/index.js';
import type { ViewerData } from '../../src/viewer/format.js';
import { collectProblems, countInk, ensureBuilt, launchChromium, waitReady } from './browser.js';

const HOSTILE_TITLE = '<img src=x onerror="window.__pwned=1">Hostile paper';
const HOSTILE_SENTENCE_HTML = '<b onmouseover="window.__pwned=2">bold</b>';
const HOSTILE_LABEL = '<img src=y onerror="window.__pwned=3">zzhostile';
const HOSTILE_FIELD = '<img src=f onerror="window.__pwned=4">field · <b>bold</b>';
const HOSTILE_TOPIC = '<script>window.__pwned=5</script>topic';

let root: string;
let corpus: RunningServer;
/** The bundled corpus build's communities file, as the pipeline wrote it. */
let corpusCommunities: CommunitiesFile;
let hostile: RunningServer;
let hostileConcept: string;
/** A synthetic build whose papers have years (2015–2024), for the time features. */
let dated: RunningServer;
let datedData: ViewerData;
let browser: Browser;

beforeAll(async () => {
  ensureBuilt();
  root = mkdtempSync(join(tmpdir(), 'pg-viewer-e2e-'));
  const corpusDir = join(root, 'corpus');
  execFileSync(process.execPath, [join(PACKAGE_ROOT, 'dist', 'cli', 'main.js'), 'build', '--out', corpusDir], {
    stdio: 'ignore',
  });
  corpusCommunities = JSON.parse(readFileSync(join(corpusDir, 'communities.json'), 'utf8')) as CommunitiesFile;

  // A small synthetic build whose first paper has a title and an evidence sentence with HTML in them.
  const { graph, communities } = createSyntheticGraph({ concepts: 30, papers: 6, communities: 3, seed: 3 });
  const paper = graph.nodes.find((n) => (n.attributes as { kind: string }).kind === 'paper')!;
  (paper.attributes as { title: string }).title = HOSTILE_TITLE;
  const mention = graph.edges.find((e) => e.source === paper.key)!;
  const evidence = (mention.attributes as { evidence: { sentence: string; start: number; end: number; sentenceStart: number }[] }).evidence[0]!;
  evidence.sentence = `${HOSTILE_SENTENCE_HTML} ${evidence.sentence}`;
  evidence.start += HOSTILE_SENTENCE_HTML.length + 1;
  evidence.end += HOSTILE_SENTENCE_HTML.length + 1;
  hostileConcept = mention.target.replace(/^concept:/, '');
  const concept = graph.nodes.find((n) => n.key === mention.target)!;
  (concept.attributes as { label: string }).label = HOSTILE_LABEL;
  const hostileDir = join(root, 'hostile');
  execFileSync('mkdir', ['-p', hostileDir]);
  writeFileSync(join(hostileDir, 'graph.json'), JSON.stringify(graph));
  communities.fields![0]!.label = HOSTILE_FIELD;
  communities.communities[0]!.label = HOSTILE_TOPIC;
  writeFileSync(join(hostileDir, 'communities.json'), JSON.stringify(communities));

  corpus = await startServer({ dir: corpusDir, viewerData: viewerDataSource(corpusDir, viewerDataJson), port: 0 });
  hostile = await startServer({ dir: hostileDir, viewerData: viewerDataSource(hostileDir, viewerDataJson), port: 0 });
  const datedDir = join(root, 'dated');
  const synthetic = createSyntheticGraph({ concepts: 80, papers: 60, communities: 3, seed: 11 });
  execFileSync('mkdir', ['-p', datedDir]);
  writeFileSync(join(datedDir, 'graph.json'), JSON.stringify(synthetic.graph));
  writeFileSync(join(datedDir, 'communities.json'), JSON.stringify(synthetic.communities));
  dated = await startServer({ dir: datedDir, viewerData: viewerDataSource(datedDir, viewerDataJson), port: 0 });
  datedData = (await (await fetch(new URL('data/viewer-data.json', dated.url))).json()) as ViewerData;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await corpus?.close();
  await hostile?.close();
  await dated?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

async function open(server: RunningServer, hash = ''): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const problems = collectProblems(page);
  await page.goto(`${server.url}${hash}`);
  await waitReady(page);
  return { page, problems };
}

/** Runs `check` on a fresh page of `server`, then expects no console problems and closes the page. */
async function inViewer(server: RunningServer, check: (page: Page) => Promise<void>): Promise<void> {
  const { page, problems } = await open(server);
  try {
    await check(page);
    expect(problems).toEqual([]);
  } finally {
    await page.close();
  }
}

// Software WebGL on a busy machine: a page load alone can take several seconds.
describe('viewer on the bundled corpus', { timeout: 120_000 }, () => {
  it('loads with no console errors and draws a coloured graph', async () => {
    const { page, problems } = await open(corpus);
    try {
      await page.waitForTimeout(300);
      const ink = await countInk(browser, await page.locator('#graph').screenshot());
      // Nodes in several community colours cover a real part of the canvas.
      expect(ink.ratio).toBeGreaterThan(0.03);
      expect(ink.colors).toBeGreaterThan(5);
      expect(await page.evaluate(() => window.__papergraph.visibleConcepts())).toBeGreaterThan(100);
      expect(await page.locator('#legend .legend-item').count()).toBeGreaterThan(2);
      expect(await page.locator('#stats').textContent()).toMatch(/\d+ papers · [\d,]+ concepts · \d+ fields · \d+ topics/);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('finds neural tangent kernel by its acronym and opens its panel with papers and evidence', async () => {
    const { page, problems } = await open(corpus);
    try {
      await page.locator('#search-input').fill('NTK');
      const first = page.locator('#search-results .search-hit').first();
      // Authors write "NTK" more often than the long form, so the acronym is the label.
      await expect.poll(() => first.locator('.hit-label').textContent()).toBe('NTK');
      await page.locator('#search-input').press('Enter');
      const panel = page.locator('#panel');
      await expect.poll(() => panel.isVisible()).toBe(true);
      // The label is the form authors write most: the acronym here.
      expect((await panel.locator('.panel-title').textContent())?.toLowerCase()).toMatch(/^(neural tangent kernel|ntk)$/);
      // The panel names the concept's topic and that topic's field, as communities.json has them.
      const topic = corpusCommunities.communities.find((c) => c.concepts.includes('neural tangent kernel'))!;
      const field = corpusCommunities.fields!.find((f) => f.id === topic.field)!;
      expect(await panel.locator('.topic-row .community-name').textContent()).toBe(topic.label);
      expect(await panel.locator('.field-row .community-name').textContent()).toBe(field.label);
      expect(await panel.locator('.chip', { hasText: /^neural tangent kernels?$/i }).count()).toBeGreaterThan(0);
      const papers = panel.locator('ol.papers > li');
      expect(await papers.count()).toBeGreaterThan(2);
      // Each evidence sentence highlights the mention itself.
      const marks = await panel.locator('.evidence mark').allTextContents();
      expect(marks.length).toBeGreaterThan(0);
      for (const m of marks) expect(m.toLowerCase()).toMatch(/neural tangent kernel|ntk/);
      expect(await page.evaluate(() => window.__papergraph.selection()?.key)).toBe('neural tangent kernel');
      expect(decodeURIComponent(new URL(page.url()).hash)).toMatch(/concept=neural/);
      // A co-occurring concept in the panel is clickable and becomes the selection.
      const link = panel.locator('.links .concept-link').first();
      const linkLabel = await link.locator('.concept-link-label').textContent();
      await link.click();
      await expect.poll(() => page.evaluate(() => window.__papergraph.selection()?.label)).toBe(linkLabel);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('names the fields on the map zoomed out, and the topics zoomed in', () =>
    inViewer(corpus, async (page) => {
      const fieldLabels = new Set(corpusCommunities.fields!.map((f) => f.label));
      const topicLabels = new Set(corpusCommunities.communities.map((c) => c.label));
      await expect.poll(() => page.evaluate(() => window.__papergraph.clusterLabels().length)).toBeGreaterThan(1);
      const zoomedOut = await page.evaluate(() => window.__papergraph.clusterLabels());
      expect(new Set(zoomedOut.map((l) => l.level))).toEqual(new Set(['field']));
      for (const l of zoomedOut) expect(fieldLabels.has(l.text)).toBe(true);
      // The largest field is always named (names are placed largest first).
      const largest = [...corpusCommunities.fields!].sort((a, b) => b.papers - a.papers || a.id - b.id)[0]!;
      expect(zoomedOut.map((l) => l.text)).toContain(largest.label);
      // No two names drawn on top of each other.
      for (const a of zoomedOut) for (const b of zoomedOut) if (a !== b) expect(a.x !== b.x || a.y !== b.y).toBe(true);

      await page.evaluate(() => {
        const hook = window.__papergraph;
        const topic = hook.clusterAnchors('topic')[0]!;
        const sigma = hook.sigma!;
        const framed = sigma.viewportToFramedGraph(sigma.graphToViewport(topic));
        sigma.getCamera().setState({ x: framed.x, y: framed.y, ratio: 0.3 });
      });
      await expect.poll(() => page.evaluate(() => window.__papergraph.clusterLabels()[0]?.level)).toBe('topic');
      const zoomedIn = await page.evaluate(() => window.__papergraph.clusterLabels());
      for (const l of zoomedIn) {
        expect(l.level).toBe('topic');
        expect(topicLabels.has(l.text)).toBe(true);
      }
      const largestTopic = await page.evaluate(() => window.__papergraph.clusterAnchors('topic')[0]!.text);
      expect(zoomedIn.map((l) => l.text)).toContain(largestTopic);
    }));

  it('lists every field with its topics nested in the legend, each name in full', () =>
    inViewer(corpus, async (page) => {
      for (const f of corpusCommunities.fields!) {
        const group = page.locator('.legend-field-group', { has: page.locator(`.legend-field[data-field="${f.id}"]`) });
        expect(await group.locator('.legend-field .legend-label').textContent()).toBe(f.label);
        const topics = await group.locator('.legend-item').evaluateAll((items) => items.map((i) => Number(i.getAttribute('data-community'))));
        expect(topics.sort((a, b) => a - b)).toEqual([...f.topics].sort((a, b) => a - b));
      }
      const topicNames = await page.locator('.legend-item .legend-label').allTextContents();
      expect(topicNames.sort()).toEqual(corpusCommunities.communities.map((c) => c.label).sort());
      // Wrapped, not cut: no name is wider than its box.
      const clipped = await page.locator('.legend-label').evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).length);
      expect(clipped).toBe(0);
      // A field's name hides all of its topics.
      const field = corpusCommunities.fields![0]!;
      await page.locator(`.legend-field[data-field="${field.id}"]`).click();
      await expect.poll(() => page.evaluate(() => window.__papergraph.hiddenCommunities())).toEqual([...field.topics].sort((a, b) => a - b));
    }));

  it('shows a concept\'s broader and narrower concepts, each a link to it', async () => {
    const { page, problems } = await open(corpus);
    try {
      await page.locator('#search-input').fill('modern Hopfield network');
      await expect.poll(() => page.locator('#search-results .search-hit').first().locator('.hit-label').textContent()).toMatch(/^modern hopfield network/i);
      await page.locator('#search-input').press('Enter');
      const panel = page.locator('#panel');
      await expect.poll(() => panel.isVisible()).toBe(true);
      const broader = panel.locator('.hierarchy', { hasText: 'Broader' }).locator('.concept-chip');
      expect(await broader.allTextContents()).toEqual([expect.stringMatching(/^hopfield network$/i)]);
      await broader.first().click();
      await expect.poll(() => page.evaluate(() => window.__papergraph.selection()?.label.toLowerCase())).toBe('hopfield network');
      const narrower = await panel.locator('.hierarchy', { hasText: 'Narrower' }).locator('.concept-chip').allTextContents();
      expect(narrower.map((n) => n.toLowerCase())).toContain('modern hopfield network');
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('hides a community when its legend entry is clicked, and shows it again', async () => {
    const { page, problems } = await open(corpus);
    try {
      const color = await page.locator('.legend-item[data-community="0"] .swatch').evaluate((e) => getComputedStyle(e).backgroundColor);
      const hex = `#${color.match(/\d+/g)!.slice(0, 3).map((n) => Number(n).toString(16).padStart(2, '0')).join('')}`;
      const before = await countInk(browser, await page.locator('#graph').screenshot(), hex);
      const total = await page.evaluate(() => window.__papergraph.visibleConcepts());
      const inCommunity = await page.evaluate(() => window.__papergraph.visibleConcepts(0));
      expect(inCommunity).toBeGreaterThan(0);

      await page.locator('.legend-item[data-community="0"]').click();
      await expect.poll(() => page.evaluate(() => window.__papergraph.visibleConcepts(0))).toBe(0);
      expect(await page.evaluate(() => window.__papergraph.visibleConcepts())).toBe(total - inCommunity);
      expect(await page.evaluate(() => window.__papergraph.hiddenCommunities())).toEqual([0]);
      await page.waitForTimeout(300);
      const after = await countInk(browser, await page.locator('#graph').screenshot(), hex);
      // The community's colour (nearly) disappears from the canvas.
      expect(before.near).toBeGreaterThan(200);
      expect(after.near).toBeLessThan(before.near / 10);
      expect(decodeURIComponent(new URL(page.url()).hash)).toContain('hide=0');

      await page.locator('.legend-item[data-community="0"]').click();
      await expect.poll(() => page.evaluate(() => window.__papergraph.visibleConcepts(0))).toBe(inCommunity);

      // Double-click isolates one community.
      await page.locator('.legend-item[data-community="1"]').dblclick();
      await expect.poll(() => page.evaluate(() => window.__papergraph.visibleConcepts())).toBe(
        await page.evaluate(() => window.__papergraph.visibleConcepts(1)),
      );
      expect(await page.evaluate(() => window.__papergraph.visibleConcepts(1))).toBeGreaterThan(0);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('restores a shared view from the URL hash, filters by papers per concept and shows papers as nodes', async () => {
    const { page, problems } = await open(corpus, '#concept=neural%20tangent%20kernel&df=3&papers=1');
    try {
      await expect.poll(() => page.locator('#panel .panel-title').textContent()).toMatch(/neural tangent kernel|^NTK$/i);
      const shown = await page.evaluate(() => window.__papergraph.visibleConcepts());
      expect(shown).toBeGreaterThan(0);
      expect(await page.evaluate(() => window.__papergraph.visiblePapers())).toBeGreaterThan(10);
      expect(await page.locator('#show-papers').isChecked()).toBe(true);
      // Back to all concepts: more are drawn than with df ≥ 3.
      await page.locator('.field input[type=range]').first().fill('1');
      await expect.poll(() => page.evaluate(() => window.__papergraph.visibleConcepts())).toBeGreaterThan(shown);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('exports the current view as a PNG file', async () => {
    const { page, problems } = await open(corpus);
    try {
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-png').click()]);
      expect(download.suggestedFilename()).toBe('papergraph.png');
      const path = await download.path();
      const bytes = (await import('node:fs')).readFileSync(path);
      expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(bytes.length).toBeGreaterThan(5000);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe('viewer with hostile text', { timeout: 120_000 }, () => {
  it('shows HTML in titles and evidence as text and runs none of it', async () => {
    const { page, problems } = await open(hostile, `#concept=${encodeURIComponent(hostileConcept)}`);
    try {
      const panel = page.locator('#panel');
      await expect.poll(() => panel.isVisible()).toBe(true);
      const titles = await panel.locator('.paper-title').allTextContents();
      expect(titles).toContain(HOSTILE_TITLE);
      expect(await panel.locator('.evidence').first().textContent()).toContain(HOSTILE_SENTENCE_HTML);
      expect(await page.locator('#panel img, #panel b').count()).toBe(0);
      expect(await panel.locator('.panel-title').textContent()).toBe(HOSTILE_LABEL);
      await panel.locator('.evidence').first().hover();
      // The search list shows the label as text too.
      await page.locator('#search-input').fill('zzhostile');
      await expect.poll(() => page.locator('#search-results .hit-label').first().textContent()).toBe(HOSTILE_LABEL);
      expect(await page.locator('#search-results img').count()).toBe(0);
      // Field and topic names with HTML in them: text in the legend, canvas text on the map.
      expect(await page.locator('.legend-field .legend-label').allTextContents()).toContain(HOSTILE_FIELD);
      expect(await page.locator('.legend-item .legend-label').allTextContents()).toContain(HOSTILE_TOPIC);
      expect(await page.locator('#legend img, #legend b, #legend script').count()).toBe(0);
      // Zoomed out (the shared link centred on the concept), the map names the fields.
      await page.evaluate(() => window.__papergraph.sigma!.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1 }));
      await expect.poll(() => page.evaluate(() => window.__papergraph.clusterLabels().map((l) => l.text))).toContain(HOSTILE_FIELD);
      await page.waitForTimeout(200);
      expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

/** The distinct papers of each concept in the data file, read here independently of the viewer. */
function papersByConcept(data: ViewerData): Set<number>[] {
  const out = data.concepts.key.map(() => new Set<number>());
  for (let i = 0; i + 6 <= data.mentions.length; i += 6) out[data.mentions[i + 1]!]!.add(data.mentions[i]!);
  return out;
}

describe('viewer and time', { timeout: 120_000 }, () => {
  it('colours concepts by the mean year of their papers, with a legend of the years', async () => {
    const papers = papersByConcept(datedData);
    const year = datedData.papers.year;
    const means = papers.map((set) => {
      const ys = [...set].map((p) => year[p]).filter((y): y is number => typeof y === 'number');
      return ys.length ? ys.reduce((a, b) => a + b, 0) / ys.length : NaN;
    });
    const sorted = means.filter((m) => !Number.isNaN(m)).sort((a, b) => a - b);
    await inViewer(dated, async (page) => {
      await page.locator('[data-color-by=year]').click();
      const legend = page.locator('.year-legend');
      await expect.poll(() => legend.isVisible()).toBe(true);
      const first = Number(await legend.locator('.ramp-first').textContent());
      const last = Number(await legend.locator('.ramp-last').textContent());
      // The ramp's ends are whole years around the concepts' mean years.
      expect(first).toBeGreaterThanOrEqual(Math.floor(sorted[0]!));
      expect(last).toBeLessThanOrEqual(Math.ceil(sorted[sorted.length - 1]!));
      expect(first).toBeLessThan(last);
      const undated = means.filter((m) => Number.isNaN(m)).length;
      expect(await legend.textContent()).toContain(`no dated paper (${undated} concept${undated === 1 ? '' : 's'})`);
      expect(decodeURIComponent(new URL(page.url()).hash)).toMatch(/color=year/);
      // The concepts of the earliest and the latest mean year are drawn in different colours.
      const early = means.indexOf(sorted[0]!);
      const late = means.indexOf(sorted[sorted.length - 1]!);
      const colors = await page.evaluate(([a, b]) => {
        const sigma = window.__papergraph.sigma!;
        return [sigma.getNodeDisplayData(`c${a}`)?.color, sigma.getNodeDisplayData(`c${b}`)?.color];
      }, [early, late]);
      expect(colors[0]).toMatch(/^#[0-9a-f]{6}$/i);
      expect(colors[0]).not.toBe(colors[1]);
    });
  });

  it('shows the selected concept\'s and topic\'s papers per year, zero years included', async () => {
    const papers = papersByConcept(datedData);
    const year = datedData.papers.year;
    const concept = papers.findIndex((set) => set.size >= 3);
    const key = datedData.concepts.key[concept]!;
    const years = year.filter((y): y is number => typeof y === 'number');
    const lo = Math.min(...years);
    const hi = Math.max(...years);
    const expected = Array.from({ length: hi - lo + 1 }, (_, i) => [...papers[concept]!].filter((p) => year[p] === lo + i).length);
    await inViewer(dated, async (page) => {
      await page.evaluate((k) => { location.hash = `#concept=${encodeURIComponent(k)}`; }, key);
      const bars = page.locator('#panel .timeline-chart .timeline-bar');
      await expect.poll(() => bars.count()).toBe(hi - lo + 1);
      const counts = await bars.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))));
      expect(counts).toEqual(expected);
      // Each bar's tooltip gives the share of that year's papers.
      expect(await bars.first().locator('title').textContent()).toMatch(new RegExp(`^${lo}: \\d+ papers?, [\\d.]+% of the \\d+ papers of ${lo}$`));
      // The concept's topic opens its own panel with the topic's papers per year.
      const topic = datedData.concepts.community[concept]!;
      await page.locator('#panel .topic-row .community-name').click();
      await expect.poll(() => page.locator('#panel .kicker').textContent()).toBe('Topic');
      const topicCounts = await page.locator('#panel .timeline-bar').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))));
      const topicExpected = Array.from({ length: hi - lo + 1 }, (_, i) =>
        year.filter((y, p) => y === lo + i && datedData.papers.community[p] === topic).length);
      expect(topicCounts).toEqual(topicExpected);
      expect(decodeURIComponent(new URL(page.url()).hash)).toBe(`#topic=${topic}`);
      // A field's legend entry opens the field's panel: the papers per year of all its topics.
      const field = datedData.fields![0]!;
      await page.locator(`.legend-open[data-open-field="${field.id}"]`).click();
      await expect.poll(() => page.locator('#panel .kicker').textContent()).toBe('Field');
      const fieldCounts = await page.locator('#panel .timeline-bar').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))));
      const fieldExpected = Array.from({ length: hi - lo + 1 }, (_, i) =>
        year.filter((y, p) => y === lo + i && field.topics.includes(datedData.papers.community[p]!)).length);
      expect(fieldCounts).toEqual(fieldExpected);
    });
  });

  it('recounts a concept\'s papers within a year range and hides concepts with none there', async () => {
    const papers = papersByConcept(datedData);
    const year = datedData.papers.year;
    const range: [number, number] = [2018, 2020];
    const inRange = (p: number): boolean => (year[p] ?? 0) >= range[0] && (year[p] ?? 0) <= range[1];
    // The concept with the most papers, some of them outside the range.
    const concept = papers
      .map((set, i) => ({ i, all: set.size, within: [...set].filter(inRange).length }))
      .filter((c) => c.within > 0 && c.within < c.all)
      .sort((a, b) => b.all - a.all)[0]!;
    // Concepts shown over all years (at least one paper) that have none in the range.
    const withNone = papers.filter((set, i) => datedData.concepts.df[i]! >= 1 && ![...set].some(inRange)).length;
    await inViewer(dated, async (page) => {
      await page.evaluate((k) => { location.hash = `#concept=${encodeURIComponent(k)}`; }, datedData.concepts.key[concept.i]!);
      const count = page.locator('#panel .facts dd').first();
      await expect.poll(() => count.textContent()).toBe(String(datedData.concepts.df[concept.i]));
      const before = await page.evaluate(() => window.__papergraph.visibleConcepts());
      await page.locator('select[aria-label=from]').selectOption(String(range[0]));
      await page.locator('select[aria-label=to]').selectOption(String(range[1]));
      await expect.poll(() => count.textContent()).toBe(`${concept.within} of ${datedData.concepts.df[concept.i]}`);
      expect(await page.locator('#panel ol.papers > li').count()).toBe(Math.min(40, concept.within));
      expect(await page.evaluate(() => window.__papergraph.visibleConcepts())).toBe(before - withNone);
      expect(await page.evaluate(() => window.__papergraph.recountMs())).toBeGreaterThanOrEqual(0);
    });
  });
});
