/**
 * Long BibTeX fields, cut before parsing
 * ======================================
 *
 * The BibTeX parser (a PEG grammar over LaTeX) costs some 10–20 µs a character and more than
 * linear time and memory on one long field: an 800,000-character abstract took 34 s and 1.9 GB
 * and then overflowed its stack. So long fields are handled before it, by a linear scan that
 * finds each brace- or quote-delimited value in the entry:
 *
 * - a long abstract of plain text (no character LaTeX treats specially) is taken out of the
 *   entry and kept as it is: the parser would return the same text with its whitespace folded,
 *   which cleaning does anyway;
 * - any other value far over its limit keeps only its start, closed with the braces it leaves
 *   open (the part beyond the limit would be cut after parsing anyway).
 *
 * Parsing then costs at most the limits, however long the input.
 */
import type { RawLengths } from './record.js';
import type { RecordLimits } from './types.js';

/** The fields whose length is limited before parsing, and the limit each one has. */
const LIMITED: Record<keyof RawLengths, (limits: RecordLimits) => number> = {
  abstract: (limits) => limits.maxAbstractChars,
  title: (limits) => limits.maxFieldChars,
};

/**
 * Room over the limit kept in the raw value: markup (`{\"o}`, `\emph{…}`) takes more room
 * than the text it stands for, and the exact cut is made on the parsed text.
 */
const rawRoom = (max: number) => Math.ceil(max * 1.25) + 64;

// `, name = {` or `, name = "` at the entry's level: the start of a delimited value.
const FIELD = /,\s*([A-Za-z][^\s=,{}"#()]*)\s*=\s*([{"])/g;

/** The index just past the value opened at `open` (a `{` or `"`), or -1 when it is not closed. */
function valueEnd(text: string, open: number): number {
  const quoted = text[open] === '"';
  let depth = quoted ? 0 : 1;
  for (let k = open + 1; k < text.length; k++) {
    const ch = text.charCodeAt(k);
    if (ch === 0x5c /* \ */) k++;
    else if (ch === 0x7b /* { */) depth++;
    else if (ch === 0x7d /* } */) {
      depth--;
      if (!quoted && depth === 0) return k + 1;
    } else if (ch === 0x22 /* " */ && quoted && depth === 0) return k + 1;
  }
  return -1;
}

/**
 * The content `text.slice(start, end)` of a value cut to about `keep` characters: at the last
 * space before that point, not inside a command, with a `}` for each brace left open.
 */
function cutValue(text: string, start: number, keep: number): string {
  let cut = text.lastIndexOf(' ', start + keep);
  if (cut <= start) cut = start + keep;
  let depth = 0;
  for (let k = start; k < cut; k++) {
    const ch = text.charCodeAt(k);
    if (ch === 0x5c) {
      // A backslash right at the cut would escape the brace that closes the value.
      if (k + 1 >= cut) {
        cut = k;
        break;
      }
      k++;
    } else if (ch === 0x7b) depth++;
    else if (ch === 0x7d) depth--;
  }
  return text.slice(start, cut) + '}'.repeat(Math.max(depth, 0));
}

// Characters and pairs that LaTeX or the parser give a meaning (`%` a comment, `<` "¡", `--` a dash…).
const SPECIAL = /[\\{}$~%^_&#"<>`]|--|''/;

/** Abstracts shorter than this go through the parser whatever they hold (it costs little). */
const PLAIN_FROM = 500;

/** An entry's text made ready for the parser (see the banner). */
export interface ShortenedEntry {
  /** The entry without its plain long abstract, and with long values cut. */
  text: string;
  /** Raw length of each field cut or taken out. */
  lengths: RawLengths;
  /** The plain abstract taken out of the entry (cut to the room over its limit). */
  plainAbstract?: string;
}

/**
 * The entry `text` with a long plain abstract taken out and every limited field (see
 * {@link LIMITED}) far over its limit cut short. Any other text is left as it is.
 */
export function shortenFields(text: string, limits: RecordLimits): ShortenedEntry {
  const lengths: RawLengths = {};
  if (text.length <= PLAIN_FROM) return { text, lengths };
  let plainAbstract: string | undefined;
  const pieces: string[] = [];
  let copied = 0;
  FIELD.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = FIELD.exec(text))) {
    const open = match.index + match[0].length - 1;
    const end = valueEnd(text, open);
    if (end < 0) break;
    FIELD.lastIndex = end;
    const name = match[1]!.toLowerCase() as keyof RawLengths;
    const limit = Object.hasOwn(LIMITED, name) ? LIMITED[name](limits) : undefined;
    const length = end - open - 2;
    if (name === 'abstract' && limit !== undefined && length >= PLAIN_FROM && plainAbstract === undefined) {
      const value = text.slice(open + 1, open + 1 + Math.min(length, rawRoom(limit)));
      if (!SPECIAL.test(value) && (length <= rawRoom(limit) || !SPECIAL.test(text.slice(open + 1, end - 1)))) {
        plainAbstract = value;
        if (length > rawRoom(limit)) lengths.abstract = length;
        pieces.push(text.slice(copied, match.index));
        copied = end;
        continue;
      }
    }
    if (limit === undefined || length <= rawRoom(limit)) continue;
    lengths[name] = length;
    pieces.push(text.slice(copied, open + 1), cutValue(text, open + 1, rawRoom(limit)), text[open]! === '"' ? '"' : '}');
    copied = end;
  }
  if (copied === 0) return { text, lengths };
  pieces.push(text.slice(copied));
  return plainAbstract === undefined ? { text: pieces.join(''), lengths } : { text: pieces.join(''), lengths, plainAbstract };
}
