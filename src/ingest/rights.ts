/**
 * Publisher rights statements
 * ===========================
 *
 * Scopus, Web of Science and publisher exports end abstracts with boilerplate such as
 * "© 2018 Elsevier Inc. All rights reserved.", "Copyright © 2020, Springer Nature Switzerland
 * AG." or "Published by Elsevier B.V. This is an open access article under the CC BY license".
 * Left in, it becomes concepts ("elsevier ltd", "right") shared by every paper of a publisher,
 * and it makes the abstract look longer when duplicates are merged. `splitRights` cuts it
 * off so that it can be kept apart, in the paper's `rights` field.
 */

// A statement starts with one of these, at a sentence boundary (see startsSentence). "©"
// glued to a word ("MeSH© thesaurus") is a trademark sign, not a statement; "Copyright" must
// be followed by ©, (C) or a year so that "Copyright law protects …" stays text.
const STATEMENT_START = new RegExp(
  [
    String.raw`©`,
    String.raw`\([Cc]\)\s*(?:\d{4}|[Cc]opyright)`,
    String.raw`[Cc]opyright\s*(?:©|\([Cc]\)|\d{4})`,
    String.raw`COPYRIGHT\b`,
    String.raw`[Aa]ll [Rr]ights [Rr]eserved\b`,
    String.raw`Published by\s+(?:\p{Lu}|the\s+\p{Lu})`,
    String.raw`Published under (?:licen[cs]e|the terms)`,
    String.raw`This (?:is an open[- ]access article|article is (?:an open[- ]access|distributed under|licensed under))`,
    String.raw`Licensee\s+\p{Lu}`,
  ].join('|'),
  'gu',
);

// The end of a sentence right before the statement: a "©" or "Published by" inside a
// sentence does not open one.
const SENTENCE_END = /[.!?;)\]"”’]$/u;
const startsSentence = (text: string, at: number): boolean => {
  const before = text.slice(Math.max(0, at - 8), at).trimEnd();
  return (before === '' && text.slice(0, at).trim() === '') || SENTENCE_END.test(before);
};

/** The longest tail a statement may take: licence texts run to a few hundred characters. */
const MAX_STATEMENT_LENGTH = 600;

// A statement that opens the abstract ends at "All rights reserved." (some WoS exports).
const LEADING_STATEMENT = /^\s*(?:©|\([Cc]\)\s*\d{4}|[Cc]opyright\s*(?:©|\([Cc]\)|\d{4}))[^]{0,300}?[Aa]ll [Rr]ights [Rr]eserved\.?\s*/u;

/** An abstract split into its text and the publisher's rights statement, if it had one. */
export interface RightsSplit {
  text: string;
  rights?: string;
}

/**
 * Cuts a trailing (or leading, up to "All rights reserved.") copyright or licence statement
 * off `abstract`. Whitespace is expected to be folded already (as `cleanText` leaves it).
 */
export function splitRights(abstract: string): RightsSplit {
  let text = abstract;
  const statements: string[] = [];
  const leading = LEADING_STATEMENT.exec(text);
  if (leading) {
    statements.push(leading[0].trim());
    text = text.slice(leading[0].length);
  }
  // The first statement that starts a sentence near the end: everything after it is boilerplate.
  for (const m of text.matchAll(STATEMENT_START)) {
    if (text.length - m.index > MAX_STATEMENT_LENGTH || !startsSentence(text, m.index)) continue;
    statements.push(text.slice(m.index).trim());
    text = text.slice(0, m.index).trim();
    break;
  }
  if (statements.length === 0) return { text: abstract };
  return { text, rights: statements.filter(Boolean).join(' ') };
}
