/**
 * What changed, as tables
 * =======================
 *
 * The "What changed" section of a `build --into` (communities.json's `changes`), as a sentence
 * and tables that the Markdown and HTML reports both render, so both say the same thing:
 * `escapeText` escapes text for the target format, `topicLink` links a topic id of this build.
 */
import type { CommunitiesChanges, TopicSnapshot } from '../model.js';

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
const beforeAfter = (before: number | undefined, after: number | undefined): string => `${before ?? 0} → ${after ?? 0}`;

/** The opening sentence: papers before and after, new, removed and kept concepts. */
export function changeSentence(c: CommunitiesChanges): string {
  const p = c.partition;
  const added = c.papers.after - c.papers.before;
  const kept = p.sharedConcepts > 0 ? ` ${p.keptConcepts} of the ${plural(p.sharedConcepts, 'earlier concept')} kept their topic (${((100 * p.keptConcepts) / p.sharedConcepts).toFixed(1)}%).` : '';
  const removed = p.removedConcepts > 0 ? `; ${plural(p.removedConcepts, 'earlier concept')} no longer in the graph` : '';
  return `Papers: ${beforeAfter(c.papers.before, c.papers.after)} (${added >= 0 ? '+' : ''}${added}). ${plural(p.newConcepts, 'new concept')}${removed}.${kept}`;
}

/**
 * The section's tables, only those with rows, in this order: new concepts, grown, shrunk, split,
 * merged, created, dissolved. Topics of this build are linked; earlier topics (a split's source,
 * a merge's parts, a dissolved topic) are named by id and their earlier label.
 */
export function changeTables(c: CommunitiesChanges, escapeText: Escape, topicLink: TopicLink): ChangeTable[] {
  const p = c.partition;
  const topics = new Map(c.topics.map((t) => [t.id, t]));
  const before = (id: number): TopicSnapshot | undefined => topics.get(id)?.before;
  const after = (id: number): TopicSnapshot | undefined => topics.get(id)?.after;
  const now = (id: number): string => `${topicLink(id)}: ${escapeText(after(id)?.label ?? '')}`;
  const earlier = (id: number): string => `${id}: ${escapeText(before(id)?.label ?? '')}`;
  const resized = (title: string, rows: CommunitiesChanges['partition']['grown']): ChangeTable => ({
    title,
    head: ['Topic', 'Label', 'Earlier label', 'Papers', 'Concepts', 'New concepts'],
    numeric: [false, false, false, true, true, true],
    rows: rows.map((r) => [
      topicLink(r.id),
      escapeText(after(r.id)?.label ?? ''),
      escapeText(before(r.id)?.label ?? ''),
      beforeAfter(before(r.id)?.papers, after(r.id)?.papers),
      beforeAfter(r.before, r.after),
      String(r.newConcepts),
    ]),
  });
  const tables: ChangeTable[] = [
    {
      title: p.newConcepts > c.topNewConcepts.length ? `New concepts (the ${c.topNewConcepts.length} with most papers)` : 'New concepts',
      head: ['Concept', 'Papers', 'Topic'],
      numeric: [false, true, false],
      rows: c.topNewConcepts.map((n) => [escapeText(n.label), String(n.papers), n.community < 0 ? '' : now(n.community)]),
    },
    resized('Topics that grew', p.grown),
    resized('Topics that shrank', p.shrunk),
    {
      title: 'Topics that split',
      head: ['Earlier topic', 'Now in'],
      numeric: [false, false],
      rows: p.split.map((s) => [earlier(s.from), s.into.map((id) => `${now(id)}${s.joined?.includes(id) ? ' (existed before)' : ''}`).join('; ')]),
    },
    {
      title: 'Topics that merged',
      head: ['Earlier topics', 'Now in'],
      numeric: [false, false],
      rows: p.merged.map((m) => [m.from.map(earlier).join('; '), now(m.into)]),
    },
    {
      title: 'New topics',
      head: ['Topic', 'Label', 'Papers', 'Concepts', 'New concepts'],
      numeric: [false, false, true, true, true],
      rows: p.created.map((r) => [topicLink(r.id), escapeText(after(r.id)?.label ?? ''), String(after(r.id)?.papers ?? 0), String(r.size), String(r.newConcepts)]),
    },
    {
      title: 'Topics dissolved',
      head: ['Earlier topic', 'Earlier label', 'Papers', 'Concepts'],
      numeric: [false, false, true, true],
      rows: p.dissolved.map((r) => [String(r.id), escapeText(before(r.id)?.label ?? ''), String(before(r.id)?.papers ?? 0), String(r.size)]),
    },
  ];
  return tables.filter((t) => t.rows.length > 0);
}

/** The note under the heading: how topics are compared. */
export const CHANGE_NOTE =
  'Compared with the earlier build this one added papers to (build --into). Topics keep their id when they keep most of their concepts; ' +
  'grown and shrunk count concepts, and papers are shown before → after.';
