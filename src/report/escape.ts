/**
 * Escaping and number formatting shared by the renderers. Titles, labels and sentences come
 * from abstracts and may hold markup; every renderer escapes every piece of text it prints.
 */

/** Quotes a CSV field when it holds a separator, a quote or a line break (RFC 4180). */
export { csvField } from '../csv.js';

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return String(text).replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]!);
}

/**
 * Escapes text for inline Markdown (table cells, list items, link text): backslash before
 * every character Markdown or inline HTML would act on, and line breaks folded to spaces.
 */
export function escapeMarkdown(text: string): string {
  return String(text)
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(/[\\`*_[\]<>|#&!~]/g, (ch) => `\\${ch}`);
}


/** A URL safe to link to: http(s) only, anything else (javascript:, data:) gives undefined. */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  return /^https?:\/\/[^\s]+$/i.test(url.trim()) ? url.trim() : undefined;
}

/**
 * A paper id worth showing to a reader: a DOI or arXiv id, not the `title:<hash>` an id-less
 * paper gets (the title is shown already).
 */
export function readableId(id: string): string | undefined {
  return id.startsWith('title:') ? undefined : id;
}

/** A number with at most `digits` decimals, trailing zeros dropped ("0.25", "3", "12.346"). */
export function formatNumber(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return String(x);
  if (Number.isInteger(x)) return String(x);
  const s = x.toFixed(digits).replace(/\.?0+$/, '');
  return s === '-0' ? '0' : s;
}

/** Sentences saying how top concepts are ranked and what their numbers mean. */
export function centralityNote(weight: 'papers' | 'weight', order: 'communities' | 'centrality'): string {
  const measure =
    weight === 'papers'
      ? 'Centrality counts co-occurrences (papers mentioning both) with the other concepts of the community'
      : 'Centrality sums the co-occurrence weight to the other concepts of the community';
  const ranking =
    order === 'communities'
      ? 'Top concepts follow the order of communities.json: its key concepts first (the label\'s, then those that most of its papers mention and that occur together). '
      : 'Top concepts are ranked by centrality. ';
  return `${ranking}${measure}; "inside" is the share of all its co-occurrences that stays in the community.`;
}
