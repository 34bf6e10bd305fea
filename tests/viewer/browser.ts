/**
 * Shared set-up of the viewer's browser tests: a built package, Debian's Chromium through
 * playwright-core, and a pixel counter for screenshots.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { PACKAGE_ROOT } from '../../src/paths.js';

export { CHROMIUM_ARGS, launchChromium } from '../helpers/chromium.js';

/** Builds the package (CLI + viewer) unless `npm test`'s pretest already did. */
export function ensureBuilt(): void {
  const viewer = join(PACKAGE_ROOT, 'dist', 'viewer', 'index.html');
  const cli = join(PACKAGE_ROOT, 'dist', 'cli', 'main.js');
  if (existsSync(viewer) && existsSync(cli)) return;
  execFileSync('npm', ['run', 'build'], { cwd: PACKAGE_ROOT, stdio: 'ignore' });
}


/** Console errors, uncaught exceptions and failed requests of a page. */
export function collectProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`requestfailed: ${r.url()}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return problems;
}

/** Waits until the viewer has drawn its first frame (or failed). */
export async function waitReady(page: Page): Promise<void> {
  await page.waitForFunction(() => window.__papergraph?.ready === true || !!window.__papergraph?.error, null, {
    timeout: 60_000,
  });
  const error = await page.evaluate(() => window.__papergraph.error);
  if (error) throw new Error(`viewer failed: ${error}`);
}

export interface InkCount {
  /** Share of pixels that are not (near) white. */
  ratio: number;
  /** Distinct coarse colours among them. */
  colors: number;
  /** Pixels within a small distance of `near` when given. */
  near: number;
}

/** Counts non-background pixels of a PNG screenshot (decoded by the browser's own canvas). */
export async function countInk(browser: Browser, png: Buffer, near?: string): Promise<InkCount> {
  const page = await browser.newPage();
  try {
    return await page.evaluate(
      async ({ b64, near }) => {
        const img = new Image();
        img.src = `data:image/png;base64,${b64}`;
        await img.decode();
        const canvas = document.createElement('canvas');
        canvas.width = img.width;
        canvas.height = img.height;
        const ctx = canvas.getContext('2d')!;
        ctx.drawImage(img, 0, 0);
        const d = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
        const target = near ? [1, 3, 5].map((i) => parseInt(near.slice(i, i + 2), 16)) : null;
        let ink = 0;
        let close = 0;
        const colors = new Set<number>();
        for (let i = 0; i < d.length; i += 4) {
          const r = d[i]!;
          const g = d[i + 1]!;
          const b = d[i + 2]!;
          if (r < 235 || g < 235 || b < 235) {
            ink++;
            colors.add(((r >> 5) << 6) | ((g >> 5) << 3) | (b >> 5));
          }
          if (target && Math.abs(r - target[0]!) + Math.abs(g - target[1]!) + Math.abs(b - target[2]!) < 24) close++;
        }
        return { ratio: ink / (d.length / 4), colors: colors.size, near: close };
      },
      { b64: png.toString('base64'), near },
    );
  } finally {
    await page.close();
  }
}

declare global {
  interface Window {
    __papergraph: {
      ready: boolean;
      error: string | null;
      firstRenderMs: number | null;
      selection(): { kind: string; key: string; label: string } | null;
      hiddenCommunities(): number[];
      visibleConcepts(community?: number): number;
      visiblePapers(): number;
      clusterLabels(): { level: 'field' | 'topic'; id: number; text: string; size: number; x: number; y: number }[];
      clusterAnchors(level: 'field' | 'topic'): { id: number; text: string; papers: number; x: number; y: number }[];
      recountMs(): number | null;
      sigma: {
        getNodeDisplayData(key: string): { color: string; size: number; hidden: boolean } | undefined;
        getCamera(): { setState(state: { x?: number; y?: number; ratio?: number }): void };
        graphToViewport(p: { x: number; y: number }): { x: number; y: number };
        viewportToFramedGraph(p: { x: number; y: number }): { x: number; y: number };
      } | null;
    };
    __pwned?: unknown;
  }
}
