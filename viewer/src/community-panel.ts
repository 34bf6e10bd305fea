/**
 * The panel of a selected topic or field: its papers per year (with the share of all papers of
 * each year), its counts, its topics (for a field) and its main concepts. With a year range, the
 * counts and concepts are those of the papers in the range.
 */
import { el } from './dom';
import type { Model } from './model';
import { communityBadge, fact, header, rangeText, type PanelActions, type PanelTime } from './panel';
import { communitySeries, paperInRange } from './time';
import { renderTimeline } from './timeline-chart';

const MAX_CONCEPTS = 15;

/** A selected community: one topic, or a field (all its topics). */
export interface CommunitySelection {
  kind: 'topic' | 'field';
  id: number;
}

/** The topic ids of a selection, or null when the id names no topic or field. */
export function topicsOf(model: Model, sel: CommunitySelection): Set<number> | null {
  if (sel.kind === 'topic') return model.communityLabel.has(sel.id) ? new Set([sel.id]) : null;
  const field = model.fields.find((f) => f.id === sel.id);
  return field ? new Set(field.topics) : null;
}

/** The community's concepts with a paper in the range, most papers (in the range) first. */
function mainConcepts(model: Model, topics: ReadonlySet<number>, time: PanelTime): { index: number; papers: number }[] {
  const c = model.data.concepts;
  const counts = time.range ? time.recount?.conceptPapers : undefined;
  const out: { index: number; papers: number }[] = [];
  for (let i = 0; i < model.conceptCount; i++) {
    if (!topics.has(c.community[i]!)) continue;
    const papers = counts ? counts[i]! : c.df[i]!;
    if (papers > 0) out.push({ index: i, papers });
  }
  return out.sort((a, b) => b.papers - a.papers || a.index - b.index);
}

/** A row of buttons: each a concept (by papers) or a topic of the field. */
function chips(items: { text: string; title: string; onClick: () => void }[]): HTMLElement {
  return el('div', { class: 'hierarchy' }, items.map((item) =>
    el('button', { class: 'chip concept-chip', text: item.text, title: item.title, attrs: { type: 'button' }, on: { click: item.onClick } }),
  ));
}

/** Renders the panel of a topic or field; false when the selection names none. */
export function renderCommunity(root: HTMLElement, model: Model, sel: CommunitySelection, actions: PanelActions, time: PanelTime): boolean {
  const topics = topicsOf(model, sel);
  if (!topics) return false;
  const field = sel.kind === 'field' ? model.fields.find((f) => f.id === sel.id) : undefined;
  const label = field?.label ?? model.communityLabel.get(sel.id) ?? `topic ${sel.id}`;
  const p = model.data.papers;
  let papers = 0;
  let inRange = 0;
  for (let i = 0; i < model.paperCount; i++) {
    if (!topics.has(p.community[i]!)) continue;
    papers++;
    if (paperInRange(model, i, time.range)) inRange++;
  }
  const concepts = mainConcepts(model, topics, time);
  const c = model.data.concepts;
  const topicList = field
    ? chips(field.topics.map((t) => ({
        text: model.communityLabel.get(t) ?? `topic ${t}`,
        title: 'Open this topic',
        onClick: () => actions.selectCommunity('topic', t),
      })))
    : null;
  root.replaceChildren(
    header(label, actions, sel.kind === 'field' ? 'Field' : 'Topic'),
    el('div', { class: 'panel-body' }, [
      sel.kind === 'topic' ? communityBadge(model, sel.id, actions) : null,
      el('dl', { class: 'facts' }, [
        time.range ? fact(`Papers${rangeText(time.range)}`, String(inRange), String(papers)) : fact('Papers', String(papers)),
        fact(`Concepts${rangeText(time.range)}`, String(concepts.length)),
        fact('Topics', String(topics.size)),
      ]),
      el('h3', { text: 'Papers per year' }),
      renderTimeline(communitySeries(model, topics), time.range),
      topicList ? el('h3', { text: 'Topics' }) : null,
      topicList,
      concepts.length ? el('h3', { text: `Main concepts${rangeText(time.range)}` }) : null,
      concepts.length
        ? chips(concepts.slice(0, MAX_CONCEPTS).map(({ index, papers: n }) => ({
            text: c.label[index]!,
            title: `${n} paper${n === 1 ? '' : 's'}${rangeText(time.range)}`,
            onClick: () => actions.selectConcept(index),
          })))
        : null,
    ]),
  );
  root.hidden = false;
  root.scrollTop = 0;
  return true;
}
