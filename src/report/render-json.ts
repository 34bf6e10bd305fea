import type { ReportModel } from './types.js';

/** Renders the report model as pretty-printed JSON (ends with one newline). */
export function renderJson(model: ReportModel): string {
  return `${JSON.stringify(model, null, 2)}\n`;
}
