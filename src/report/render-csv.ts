/**
 * CSV report
 * ==========
 *
 * One row per community × top concept (the community's columns repeat on each row), so a
 * spreadsheet can filter and pivot it directly. A community with no concepts still gets one
 * row with empty concept columns. Multi-valued cells join with "; ".
 */
import { formatCsv } from '../csv.js';
import type { ReportModel } from './types.js';

/** The CSV header, in column order. */
export const CSV_COLUMNS = [
  'community',
  'community_label',
  'community_concepts',
  'community_papers',
  'cohesion',
  'rank',
  'concept_key',
  'concept_label',
  'df',
  'centrality',
  'inside',
  'bridge',
  'paper_ids',
  'paper_titles',
] as const;

/** Renders one row per community × top concept, with a header row (LF line ends). */
export function renderCsv(model: ReportModel): string {
  const rows: (string | number | undefined)[][] = [[...CSV_COLUMNS]];
  for (const c of model.communities) {
    const head = [c.id, c.label, c.concepts, c.papers, c.cohesion];
    if (c.topConcepts.length === 0) rows.push([...head, ...CSV_COLUMNS.slice(head.length).map(() => '')]);
    c.topConcepts.forEach((t, i) =>
      rows.push([
        ...head,
        i + 1,
        t.key,
        t.label,
        t.df,
        t.centrality,
        t.inside,
        t.bridge,
        t.papers.map((p) => p.id).join('; '),
        t.papers.map((p) => p.title).join('; '),
      ]),
    );
  }
  return formatCsv(rows);
}
