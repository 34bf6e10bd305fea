import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll } from 'vitest';
import { analyzePapers, type PaperAnalysis } from '../../src/extract/index.js';
import { ingest } from '../../src/ingest/index.js';
import type { PaperText } from '../../src/model.js';
import { BUNDLED_DATA_DIR } from '../../src/paths.js';

const ROOT = new URL('../../', import.meta.url).pathname;

/**
 * The bundled corpus's texts and their pass-1 analyses (on this thread), after compiling dist/:
 * worker threads run the compiled worker script (type errors elsewhere still emit JS).
 */
export async function bundledAnalyses(): Promise<{ papers: PaperText[]; analyses: PaperAnalysis[] }> {
  try {
    execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', ROOT], { stdio: 'ignore' });
  } catch {
    /* emitted anyway */
  }
  const papers = (await ingest([BUNDLED_DATA_DIR])).papers.map((p) => ({ id: p.id, title: p.title, abstract: p.abstract }));
  return { papers, analyses: await analyzePapers(papers, { workers: 0 }) };
}

/** The bundled corpus's texts and analyses, filled in before the file's tests run. */
export function useBundledAnalyses(): { papers: PaperText[]; analyses: PaperAnalysis[] } {
  const bundled = { papers: [] as PaperText[], analyses: [] as PaperAnalysis[] };
  beforeAll(async () => {
    Object.assign(bundled, await bundledAnalyses());
  }, 180_000);
  return bundled;
}
