import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CommunitiesFile } from '../model.js';
import { buildReportModel, type PaperGraph } from './build-report-model.js';
import { renderCsv } from './render-csv.js';
import { renderHtml } from './render-html.js';
import { renderJson } from './render-json.js';
import { renderMarkdown } from './render-markdown.js';
import type { ReportOptions } from './types.js';

/**
 * Writes `report.md`, `report.json`, `report.csv` and `report.html` into `dir` (which must
 * exist) and returns their paths in that order.
 */
export async function writeReports(
  dir: string,
  graph: PaperGraph,
  communities: CommunitiesFile,
  options: Partial<ReportOptions> = {},
): Promise<string[]> {
  const model = buildReportModel(graph, communities, options);
  const files: [string, string][] = [
    ['report.md', renderMarkdown(model)],
    ['report.json', renderJson(model)],
    ['report.csv', renderCsv(model)],
    ['report.html', renderHtml(model)],
  ];
  const paths: string[] = [];
  for (const [name, text] of files) {
    const path = join(dir, name);
    await writeFile(path, text, 'utf8');
    paths.push(path);
  }
  return paths;
}
