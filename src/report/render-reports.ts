import type { CommunitiesFile, KnowledgeGraph, OutputFile } from '../model.js';
import { buildReportModel } from './build-report-model.js';
import { renderCsv } from './render-csv.js';
import { renderHtml } from './render-html.js';
import { renderJson } from './render-json.js';
import { renderMarkdown } from './render-markdown.js';
import type { ReportOptions } from './types.js';

/** The report files of a build: `report.md`, `report.json`, `report.csv` and `report.html`, in that order. */
export function renderReports(
  graph: KnowledgeGraph,
  communities: CommunitiesFile,
  options: Partial<ReportOptions> = {},
): OutputFile[] {
  const model = buildReportModel(graph, communities, options);
  return [
    { name: 'report.md', content: renderMarkdown(model) },
    { name: 'report.json', content: renderJson(model) },
    { name: 'report.csv', content: renderCsv(model) },
    { name: 'report.html', content: renderHtml(model) },
  ];
}
