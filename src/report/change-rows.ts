/**
 * What changed, as tables
 * =======================
 *
 * The "What changed" section of a `build --into` (communities.json's `changes`), as a sentence
 * and tables that the Markdown and HTML reports both render, so both say the same thing:
 * `escapeText` escapes text for the target format, `topicLink` links a topic id of this build.
 */
import type { CommunitiesChanges, CommunityRef } from '../model.js';

type Escape = (text: string) => string;
type TopicLink = (id: number) => string;

/** One table of the section: its heading, columns (numeric ones right-aligned) and rows. */
export interface ChangeTable {
  title: string;
  head: string[];
  numeric: boolean[];
  rows: string[][];
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
const beforeAfter = (x: { before: number; after: number }): string => `${x.before} → ${x.after}`;

/** The opening sentence: papers before and after, new, removed and kept concepts. */
export function changeSentence(c: CommunitiesChanges): string {
  const added = c.papers.after - c.papers.before;
  const kept = c.sharedConcepts > 0 ? ` ${c.keptConcepts} of the ${plural(c.sharedConcepts, 'earlier concept')} kept their topic (${((100 * c.keptConcepts) / c.sharedConcepts).toFixed(1)}%).` : '';
  const removed = c.removedConcepts > 0 ? `; ${plural(c.removedConcepts, 'earlier concept')} no longer in the graph` : '';
  return `Papers: ${beforeAfter(c.papers)} (${added >= 0 ? '+' : ''}${added}). ${plural(c.newConcepts.count, 'new concept')}${removed}.${kept}`;
}

/**
 * The section's tables, only those with rows, in this order: new concepts, grown, shrunk, split,
 * merged, created, dissolved. Topics of this build are linked; earlier topics (a split's source,
 * a merge's parts, a dissolved topic) are named by id and their earlier label.
 */
export function changeTables(c: CommunitiesChanges, escapeText: Escape, topicLink: TopicLink): ChangeTable[] {
  const now = (r: CommunityRef): string => `${topicLink(r.id)}: ${escapeText(r.label)}`;
  const earlier = (r: CommunityRef): string => `${r.id}: ${escapeText(r.label)}`;
  const resized = (title: string, rows: CommunitiesChanges['grown']): ChangeTable => ({
    title,
    head: ['Topic', 'Label', 'Earlier label', 'Papers', 'Concepts', 'New concepts'],
    numeric: [false, false, false, true, true, true],
    rows: rows.map((r) => [topicLink(r.id), escapeText(r.label), escapeText(r.labelBefore), beforeAfter(r.papers), beforeAfter(r.concepts), String(r.newConcepts)]),
  });
  const tables: ChangeTable[] = [
    {
      title: c.newConcepts.count > c.newConcepts.top.length ? `New concepts (the ${c.newConcepts.top.length} with most papers)` : 'New concepts',
      head: ['Concept', 'Papers', 'Topic'],
      numeric: [false, true, false],
      rows: c.newConcepts.top.map((n) => [escapeText(n.label), String(n.papers), n.community.id < 0 ? '' : now(n.community)]),
    },
    resized('Topics that grew', c.grown),
    resized('Topics that shrank', c.shrunk),
    {
      title: 'Topics that split',
      head: ['Earlier topic', 'Now in'],
      numeric: [false, false],
      rows: c.split.map((s) => [earlier(s.from), s.into.map((r) => `${now(r)}${s.joined?.includes(r.id) ? ' (existed before)' : ''}`).join('; ')]),
    },
    {
      title: 'Topics that merged',
      head: ['Earlier topics', 'Now in'],
      numeric: [false, false],
      rows: c.merged.map((m) => [m.from.map(earlier).join('; '), now(m.into)]),
    },
    {
      title: 'New topics',
      head: ['Topic', 'Label', 'Papers', 'Concepts', 'New concepts'],
      numeric: [false, false, true, true, true],
      rows: c.created.map((r) => [topicLink(r.id), escapeText(r.label), String(r.papers), String(r.concepts), String(r.newConcepts)]),
    },
    {
      title: 'Topics dissolved',
      head: ['Earlier topic', 'Earlier label', 'Papers', 'Concepts'],
      numeric: [false, false, true, true],
      rows: c.dissolved.map((r) => [String(r.id), escapeText(r.label), String(r.papers), String(r.concepts)]),
    },
  ];
  return tables.filter((t) => t.rows.length > 0);
}

/** The note under the heading: how topics are compared. */
export const CHANGE_NOTE =
  'Compared with the earlier build this one added papers to (build --into). Topics keep their id when they keep most of their concepts; ' +
  'grown and shrunk count concepts, and papers are shown before → after.';
