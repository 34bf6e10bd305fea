/**
 * Reports on the bundled corpus: built once with the real pipeline, then checked against the
 * build's own files (communities.json, concepts.jsonl, papers.jsonl).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeFileSync } from 'node:fs';
import { launchChromium } from '../helpers/chromium.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import type { CommunitiesFile } from '../../src/model.js';
import { BUNDLED_DATA_DIR } from '../../src/paths.js';
import { runBuild } from '../../src/pipeline.js';
import { analyzeTrends } from '../../src/trends/index.js';
import { loadBuild, viewerDataSource } from '../../src/build-dir/index.js';
import { startServer, viewerDataJson } from '../../src/viewer/index.js';
import { ensureBuilt, waitReady } from '../viewer/browser.js';
import {
  buildReportModel,
  renderCsv,
  renderHtml,
  renderJson,
  renderMarkdown,
  type ReportModel,
} from '../../src/report/index.js';

const SLOW = 600_000; // the whole bundled corpus, on a busy machine

let dir: string;
let communities: CommunitiesFile;
let model: ReportModel;
let concepts: Map<string, { df: number; bridge: number; community: number | null }>;
let paperLines: { id: string; community: number | null }[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pg-report-corpus-'));
  await runBuild({ inputs: [BUNDLED_DATA_DIR], out: dir, workers: 0 });
  const loaded = await loadBuild(dir);
  communities = loaded.communities;
  // As `build` and `papergraph report` make it: input paths from the working directory, and
  // the concepts' bursts and trends with the build's settings.
  const conceptTimes = analyzeTrends(loaded.graph, loaded.communities, loaded.communities.timeline?.settings).concepts;
  model = buildReportModel(loaded.graph, loaded.communities, { inputBase: process.cwd(), conceptTimes });
  const jsonl = (file: string) =>
    readFileSync(join(dir, file), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  concepts = new Map(
    jsonl('concepts.jsonl').map((c) => [
      c.key as string,
      { df: c.df as number, bridge: c.bridge as number, community: c.community as number | null },
    ]),
  );
  paperLines = jsonl('papers.jsonl').map((p) => ({ id: p.id as string, community: p.community as number | null }));
}, SLOW);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('report of the bundled corpus', () => {
  it('summarises the same corpus the build wrote', () => {
    expect(model.summary).toMatchObject({
      papers: paperLines.length,
      concepts: concepts.size,
      communities: communities.communities.length,
      algorithm: communities.algorithm,
      resolution: communities.resolution,
      seed: communities.seed,
      modularity: communities.modularity,
    });
    expect(model.summary.inputs.map((i) => i.file.split('/').pop())).toEqual([
      '000_e39fb4f984795cf6.txt',
      '001_59cd66a750a5e0f7.txt',
      '002_6631015e680066d9.txt',
      '003_60e9ad64f36f29f4.txt',
    ]);
    // The build was given an absolute folder; its reports name the files from the working directory.
    const written = readFileSync(join(dir, 'report.md'), 'utf8');
    expect(written).toContain(`| ${relative(process.cwd(), BUNDLED_DATA_DIR).replace(/_/g, '\\_')}/000\\_e39fb4f984795cf6.txt | `);
    expect(written).not.toContain(BUNDLED_DATA_DIR);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).not.toContain(BUNDLED_DATA_DIR);
    const dated = model.summary.papersPerYear.reduce((s, y) => s + y.papers, 0);
    expect(dated + model.summary.undatedPapers).toBe(paperLines.length);
  });

  it('has every community of communities.json, with its sizes and label', () => {
    expect(communities.communities.length).toBeGreaterThan(1);
    expect(model.communities.map((c) => [c.id, c.label, c.concepts, c.papers])).toEqual(
      communities.communities.map((c) => [c.id, c.label, c.concepts.length, c.papers.length]),
    );
    // Papers by community agree with papers.jsonl.
    for (const c of model.communities) {
      expect(paperLines.filter((p) => p.community === c.id)).toHaveLength(c.papers);
    }
  });

  it('ranks top concepts as communities.json does, with df and bridge from concepts.jsonl', () => {
    for (const c of model.communities) {
      const source = communities.communities.find((x) => x.id === c.id)!;
      const keys = c.topConcepts.map((t) => t.key);
      expect(keys).toEqual(source.concepts.slice(0, keys.length));
      expect(source.topConcepts.slice(0, keys.length)).toEqual(keys.slice(0, source.topConcepts.length));
      for (const t of c.topConcepts) {
        const row = concepts.get(t.key)!;
        expect(row.community).toBe(c.id);
        expect(t.df).toBe(row.df);
        expect(t.bridge).toBeCloseTo(row.bridge, 5);
        expect(t.papers.length).toBeGreaterThan(0);
      }
    }
  });

  it('fills every section sensibly', () => {
    for (const c of model.communities) {
      const members = new Set(communities.communities.find((x) => x.id === c.id)!.papers);
      expect(c.topConcepts.length).toBeGreaterThan(0);
      expect(c.cohesion).toBeGreaterThan(0);
      expect(c.cohesion).toBeLessThanOrEqual(1);
      if (c.papers > 0) expect(c.representativePapers.length).toBeGreaterThan(0);
      for (const p of c.representativePapers) expect(members.has(p.id)).toBe(true);
      const g2 = c.distinctiveTerms.map((t) => t.g2);
      expect(g2.every((x) => x > 0)).toBe(true);
      expect([...g2].sort((a, b) => b - a)).toEqual(g2);
      for (const b of c.bridges) expect(b.links.every((l) => l.community !== c.id)).toBe(true);
      for (const a of c.acronyms) expect(a.short.length).toBeLessThan(a.long.length);
    }
    // The corpus defines acronyms (NTK, PINN, SGD, …): some community lists them.
    expect(model.communities.some((c) => c.acronyms.length > 0)).toBe(true);
    // Link weights are symmetric.
    const w = model.linkMatrix.weights;
    for (let i = 0; i < w.length; i++) for (let j = 0; j < w.length; j++) expect(w[i]![j]).toBe(w[j]![i]);
  });

  it('renders every section of every community in Markdown and HTML', () => {
    const md = renderMarkdown(model);
    const html = renderHtml(model);
    const sections = [
      'Top concepts',
      'Representative papers',
      'Distinctive terms',
      'Acronyms',
      'Bridge concepts',
      'Links to other communities',
      'Papers per year',
    ];
    const mdParts = md.split(/^## Community \d+: /m).slice(1);
    expect(mdParts).toHaveLength(communities.communities.length);
    for (const part of mdParts) for (const s of sections) expect(part).toContain(`### ${s}`);
    for (const c of communities.communities) expect(html).toContain(`<p class="meta" id="community-${c.id}">`);
    expect(html.split('<section class="community">\n<details>\n<summary>').length - 1).toBe(communities.communities.length);
    const csvRows = renderCsv(model).trimEnd().split('\n').length - 1;
    expect(csvRows).toBe(model.communities.reduce((s, c) => s + Math.max(1, c.topConcepts.length), 0));
  });

  it('gives the same bytes from `papergraph report` and from a second model', async () => {
    const loaded = await loadBuild(dir);
    const conceptTimes = analyzeTrends(loaded.graph, loaded.communities, loaded.communities.timeline?.settings).concepts;
    const again = buildReportModel(loaded.graph, loaded.communities, { inputBase: process.cwd(), conceptTimes });
    expect(renderJson(again)).toBe(renderJson(model));
    expect(model.time?.periods.length).toBeGreaterThan(0);
    let stdout = '';
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      stdout += String(chunk);
      return true;
    });
    try {
      expect(await runCli(['report', dir])).toBe(0);
    } finally {
      spy.mockRestore();
    }
    expect(stdout).toBe(renderMarkdown(model));
    // When the build writes its own report, it is the same report.
    if (existsSync(join(dir, 'report.md'))) expect(readFileSync(join(dir, 'report.md'), 'utf8')).toBe(stdout);
  });

  it('opens in headless Chromium with no console error and no request beyond the file', async () => {
    const file = join(dir, 'report.html');
    writeFileSync(file, renderHtml(model));
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      const foreign: string[] = [];
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('request', (r) => !/^(file|data):/.test(r.url()) && foreign.push(r.url()));
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      expect(errors).toEqual([]);
      expect(foreign).toEqual([]);
      const sections = await page.evaluate(() => document.querySelectorAll('section.community').length);
      expect(sections).toBe(communities.communities.length);
    } finally {
      await browser.close();
    }
  });

  it('links a concept to the viewer, which opens with it selected (papergraph serve)', async () => {
    ensureBuilt();
    writeFileSync(join(dir, 'report.html'), renderHtml(model));
    const server = await startServer({ dir, viewerData: viewerDataSource(dir, viewerDataJson), port: 0, host: '127.0.0.1' });
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(new URL('data/report.html', server.url).href, { waitUntil: 'load' });
      const key = model.communities[0]!.topConcepts[0]!.key;
      // Communities start collapsed: open the first, then follow one of its concept links.
      await page.click('section.community summary >> nth=0');
      await page.click(`section.community:has(#community-0) a[href$="#concept=${encodeURIComponent(key)}"] >> nth=0`);
      await page.waitForURL(/\/index\.html#concept=/);
      await waitReady(page);
      const selected = await page.evaluate(() => window.__papergraph.selection());
      expect(selected).toMatchObject({ kind: 'concept', key });
    } finally {
      await browser.close();
      await server.close();
    }
  }, SLOW);
});
