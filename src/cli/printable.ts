/**
 * Terminal-safe text
 * ==================
 *
 * What the CLI prints may quote input (a file name, a header cell, a query): control
 * characters in it would reach the terminal raw (a NUL, an escape sequence that clears the
 * screen or retitles the window, a bidirectional override that reorders what is shown).
 */
import { escapeControls } from '../ingest/types.js';

/** Longest line printed whole; a longer one is cut with `…` (it quotes input). */
const MAX_LINE = 2_000;

/**
 * `text` with control characters written as escapes (`\x1b`, `\u202e`) and every line cut to
 * at most 2,000 characters. Line breaks and tabs are kept: messages may have several lines.
 */
export function printable(text: string): string {
  return text
    .split('\n')
    .map((line) => escapeControls(line.length > MAX_LINE ? `${line.slice(0, MAX_LINE - 1)}…` : line))
    .join('\n');
}
