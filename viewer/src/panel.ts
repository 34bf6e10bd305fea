/**
 * The side panel: a concept (label, aliases, community, strongest links, papers with the evidence
 * sentence and the mention highlighted) or a paper (title, date, link, concepts). Text only.
 */
import { el, externalLink } from './dom';
import type { Link, Mention, Model } from './model';
import { conceptSeries, linksWithin, paperInRange, type Recount, type YearRange } from './time';
import { renderTimeline } from './timeline-chart';

export interface PanelActions {
  selectConcept(index: number): void;
  /** Opens a topic's or a field's panel (its timeline and concepts). */
  selectCommunity(kind: 'topic' | 'field', id: number): void;
  isolateCommunity(id: number): void;
  close(): void;
}

/** The year filter as the panel needs it: the range, and the counts within it. */
export interface PanelTime {
  range: YearRange | null;
  recount: Recount | null;
}

/** How many papers the panel lists before "and N more". */
const MAX_PAPERS = 40;
const MAX_LINKS = 12;

function formatNumber(n: number): string {
  return n >= 100 ? Math.round(n).toLocaleString('en') : String(Number(n.toPrecision(3)));
}

function evidence(m: Mention): HTMLElement | null {
  if (!m.sentence) return null;
  const s = m.sentence;
  const start = Math.max(0, Math.min(m.start, s.length));
  const end = Math.max(start, Math.min(m.end, s.length));
  return el('p', { class: 'evidence' }, [s.slice(0, start), el('mark', { text: s.slice(start, end) }), s.slice(end)]);
}

export function header(title: string, actions: PanelActions, kicker: string): HTMLElement {
  return el('div', { class: 'panel-head' }, [
    el('div', {}, [el('div', { class: 'kicker', text: kicker }), el('h2', { class: 'panel-title', text: title })]),
    el('button', {
      class: 'icon',
      text: '×',
      title: 'Close',
      attrs: { type: 'button', 'aria-label': 'Close panel' },
      on: { click: () => actions.close() },
    }),
  ]);
}

/** The cluster rows: the field (when the data has fields), then the topic with "show only". */
export function communityBadge(model: Model, id: number, actions: PanelActions): HTMLElement {
  const label = model.communityLabel.get(id) ?? (id >= 0 ? `cluster ${id}` : 'no cluster');
  const fieldId = model.fieldOfCommunity.get(id);
  const field = fieldId === undefined ? undefined : model.fields.find((f) => f.id === fieldId);
  const hasFields = model.fields.length > 0;
  return el('div', { class: 'clusters' }, [
    field
      ? el('div', { class: 'community-row field-row' }, [
          el('span', { class: 'muted row-kind', text: 'Field' }),
          el('button', {
            class: 'community-name link-like',
            text: field.label,
            title: `${field.label}: its timeline and concepts`,
            attrs: { type: 'button', 'data-field': String(field.id) },
            on: { click: () => actions.selectCommunity('field', field.id) },
          }),
        ])
      : null,
    el('div', { class: 'community-row topic-row' }, [
      hasFields ? el('span', { class: 'muted row-kind', text: 'Topic' }) : null,
      el('span', { class: 'swatch', attrs: { style: `background:${model.communityColor(id)}` } }),
      id >= 0
        ? el('button', {
            class: 'community-name link-like',
            text: label,
            title: `${label}: its timeline and concepts`,
            attrs: { type: 'button', 'data-topic': String(id) },
            on: { click: () => actions.selectCommunity('topic', id) },
          })
        : el('span', { class: 'community-name', text: label, title: label }),
      id >= 0
        ? el('button', {
            class: 'link',
            text: 'show only',
            attrs: { type: 'button' },
            on: { click: () => actions.isolateCommunity(id) },
          })
        : null,
    ]),
  ]);
}

/** A row of concept buttons ("Broader:", "Narrower:"), or null when there is none. */
function conceptRow(model: Model, title: string, indices: readonly number[], actions: PanelActions): HTMLElement | null {
  if (!indices.length) return null;
  const c = model.data.concepts;
  return el('div', { class: 'hierarchy' }, [
    el('span', { class: 'muted', text: `${title}: ` }),
    ...indices.map((i) =>
      el('button', {
        class: 'chip concept-chip',
        text: c.label[i]!,
        title: `${c.df[i]} paper${c.df[i] === 1 ? '' : 's'}`,
        attrs: { type: 'button' },
        on: { click: () => actions.selectConcept(i) },
      }),
    ),
  ]);
}

/** The concept's broader concept and its narrower ones (most papers first), by index. */
function hierarchy(model: Model, index: number): { broader: number[]; narrower: number[] } {
  const { broader, df } = model.data.concepts;
  if (!broader) return { broader: [], narrower: [] };
  const up = broader[index] ?? -1;
  const narrower: number[] = [];
  broader.forEach((b, i) => {
    if (b === index) narrower.push(i);
  });
  narrower.sort((a, b) => df[b]! - df[a]! || a - b);
  return { broader: up >= 0 ? [up] : [], narrower: narrower.slice(0, MAX_LINKS) };
}

/** The links with most shared papers as buttons with a bar; within a year range, recounted in it. */
function linkList(model: Model, links: readonly Link[], actions: PanelActions, inRange: boolean): HTMLElement {
  const c = model.data.concepts;
  // Links rank by shared papers (within a range, those of its years), and the bar follows them.
  const most = links[0]?.papers ?? 0;
  return el(
    'ol',
    { class: 'links' },
    links.slice(0, MAX_LINKS).map((l) => {
      const width = most > 0 ? Math.max(4, Math.round((100 * l.papers) / most)) : 4;
      const shared = `${l.papers} shared paper${l.papers === 1 ? '' : 's'}${inRange ? ' in the years shown' : ''}`;
      return el('li', {}, [
        el('button', {
          class: 'concept-link',
          attrs: { type: 'button' },
          title: inRange ? shared : `${shared} · weight ${l.weight}`,
          on: { click: () => actions.selectConcept(l.index) },
        }, [
          el('span', { class: 'swatch small', attrs: { style: `background:${model.communityColor(c.community[l.index]!)}` } }),
          el('span', { class: 'concept-link-label', text: c.label[l.index]! }),
          el('span', { class: 'bar', attrs: { style: `width:${width}%` } }),
          el('span', { class: 'count', text: String(l.papers) }),
        ]),
      ]);
    }),
  );
}

/** The first papers of a concept with their evidence, then "and N more papers". */
function paperList(model: Model, mentions: readonly Mention[]): HTMLElement[] {
  const p = model.data.papers;
  const items = mentions.slice(0, MAX_PAPERS).map((m) => {
    const date = p.date[m.paper] ?? (p.year[m.paper] !== null ? String(p.year[m.paper]) : '');
    return el('li', { class: 'paper' }, [
      externalLink(p.url[m.paper] ?? null, p.title[m.paper]!, 'paper-title'),
      el('div', { class: 'paper-meta' }, [
        date ? el('span', { text: date }) : null,
        el('span', { text: `${m.count} mention${m.count === 1 ? '' : 's'}` }),
      ]),
      evidence(m),
    ]);
  });
  const more = mentions.length > MAX_PAPERS ? el('p', { class: 'muted', text: `and ${mentions.length - MAX_PAPERS} more papers` }) : null;
  return more ? [el('ol', { class: 'papers' }, items), more] : [el('ol', { class: 'papers' }, items)];
}

/** A labelled number; `of` adds the all-years figure beside a count within the year range. */
export function fact(label: string, value: string, of?: string): HTMLElement {
  return el('div', {}, [
    el('dt', { text: label }),
    el('dd', { text: value }, [of ? el('span', { class: 'of', text: ` of ${of}` }) : null]),
  ]);
}

/** The year range as a phrase, for headings. */
export function rangeText(range: YearRange | null): string {
  return range ? ` in ${range[0]}–${range[1]}` : '';
}

/**
 * A concept's panel. With a year range, its paper count, links and paper list hold the papers in
 * the range only (the all-years count stays beside it); the timeline shows every year.
 */
export function renderConcept(root: HTMLElement, model: Model, index: number, actions: PanelActions, time: PanelTime): void {
  const c = model.data.concepts;
  const { range, recount } = time;
  const mentions = model.conceptMentions[index]!.filter((m) => paperInRange(model, m.paper, range));
  const links = linksWithin(model.links[index]!, range ? recount : null);
  const aliases = c.aliases[index] ?? [];
  const levels = hierarchy(model, index);
  const allLinks = c.degree?.[index] ?? model.links[index]!.length;

  root.replaceChildren(
    header(c.label[index]!, actions, 'Concept'),
    el('div', { class: 'panel-body' }, [
      communityBadge(model, c.community[index]!, actions),
      aliases.length
        ? el('div', { class: 'aliases' }, [
            el('span', { class: 'muted', text: 'Also: ' }),
            ...aliases.map((a) => el('span', { class: 'chip', text: a })),
          ])
        : null,
      conceptRow(model, 'Broader', levels.broader, actions),
      conceptRow(model, 'Narrower', levels.narrower, actions),
      el('dl', { class: 'facts' }, [
        range ? fact(`Papers${rangeText(range)}`, String(mentions.length), String(c.df[index])) : fact('Papers', String(c.df[index])),
        range ? fact('Links in range', String(links.length), String(model.links[index]!.length)) : fact('Linked concepts', String(allLinks)),
        fact('Weighted degree', formatNumber(c.weightedDegree[index]!)),
      ]),
      el('h3', { text: 'Papers per year' }),
      renderTimeline(conceptSeries(model, index), range),
      links.length ? el('h3', { text: `Co-occurring concepts, by shared papers${rangeText(range)}` }) : null,
      links.length ? linkList(model, links, actions, range !== null) : null,
      el('h3', { text: `Papers${rangeText(range)} (${mentions.length})` }),
      ...paperList(model, mentions),
    ]),
  );
  root.hidden = false;
  root.scrollTop = 0;
}

export function renderPaper(root: HTMLElement, model: Model, index: number, actions: PanelActions): void {
  const p = model.data.papers;
  const c = model.data.concepts;
  const mentions = model.paperMentions[index]!;
  const date = p.date[index] ?? (p.year[index] !== null ? String(p.year[index]) : '');
  root.replaceChildren(
    header(p.title[index]!, actions, 'Paper'),
    el('div', { class: 'panel-body' }, [
      communityBadge(model, p.community[index]!, actions),
      el('div', { class: 'paper-meta' }, [
        date ? el('span', { text: date }) : null,
        el('span', { text: p.id[index]! }),
      ]),
      p.url[index] ? el('p', {}, [externalLink(p.url[index]!, 'Open the paper ↗', 'paper-title')]) : null,
      el('h3', { text: `Concepts (${mentions.length})` }),
      el(
        'ol',
        { class: 'papers' },
        mentions.map((m) =>
          el('li', { class: 'paper' }, [
            el('button', {
              class: 'concept-link',
              attrs: { type: 'button' },
              on: { click: () => actions.selectConcept(m.concept) },
            }, [
              el('span', { class: 'swatch small', attrs: { style: `background:${model.communityColor(c.community[m.concept]!)}` } }),
              el('span', { class: 'concept-link-label', text: c.label[m.concept]! }),
            ]),
            evidence(m),
          ]),
        ),
      ),
    ]),
  );
  root.hidden = false;
  root.scrollTop = 0;
}
