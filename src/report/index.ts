/**
 * Community reports
 * =================
 *
 * What each research cluster is about, from the graph alone: deterministic, offline, and
 * every claim traceable to papers. `buildReportModel` computes; the renderers format;
 * `renderReports` hands the four report files over (src/build-dir/ writes them).
 */
export { buildReportModel } from './build-report-model.js';
export { logLikelihood } from '../log-likelihood.js';
export { isAcronym, acronymPairs } from './acronyms.js';
export { renderMarkdown } from './render-markdown.js';
export { renderJson } from './render-json.js';
export { renderCsv, CSV_COLUMNS } from './render-csv.js';
export { renderHtml, HTML_DEFAULTS, type HtmlOptions } from './render-html.js';
export { escapeHtml, escapeMarkdown, csvField } from './escape.js';
export { renderReports } from './render-reports.js';
export { communityRows, type CommunityRow } from './community-rows.js';
export { REPORT_DEFAULTS } from './types.js';
export type * from './types.js';
