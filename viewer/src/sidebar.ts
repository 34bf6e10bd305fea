/**
 * Legend (clusters: click toggles, double-click isolates) and filters (minimum papers per
 * concept, minimum links, year range, papers as nodes).
 */
import { clear, el } from './dom';
import type { ViewerCommunity, ViewerField } from '../../src/viewer/format';
import type { Model } from './model';
import type { ColorBy, Filters, State } from './state';
import { chartIcon } from './timeline-chart';
import { rampGradient, UNDATED_COLOR, type YearOverlay } from './year-overlay';

export interface SidebarActions {
  toggleCommunity(id: number): void;
  /** Hides all of a field's topics, or shows them all when they are all hidden. */
  toggleField(id: number): void;
  isolateCommunity(id: number): void;
  /** Opens a topic's or field's panel: its papers per year and main concepts. */
  openCommunity(kind: 'topic' | 'field', id: number): void;
  showAllCommunities(): void;
  setFilters(patch: Partial<Filters>): void;
}

/** The small button beside a legend entry that opens its panel (timeline and concepts). */
function openButton(actions: SidebarActions, kind: 'topic' | 'field', id: number, label: string): HTMLElement {
  return el('button', {
    class: 'legend-open',
    title: `${label}: papers per year and main concepts`,
    attrs: { type: 'button', [`data-open-${kind}`]: String(id), 'aria-label': `Open ${kind} ${label}` },
    on: { click: () => actions.openCommunity(kind, id) },
  }, [chartIcon()]);
}

/** One topic's legend entry: click toggles it, double-click isolates it. */
function topicItem(model: Model, state: State, actions: SidebarActions, c: ViewerCommunity, clicks: { pending?: number }): HTMLElement {
  const hidden = state.hiddenCommunities.has(c.id);
  return el('li', { class: 'legend-row' }, [
    el('button', {
      class: `legend-item${hidden ? ' off' : ''}`,
      title: `${c.label}\n${c.size} concepts · ${c.papers} papers`,
      attrs: { type: 'button', 'data-community': String(c.id), 'aria-pressed': String(!hidden) },
      on: {
        click: () => {
          window.clearTimeout(clicks.pending);
          clicks.pending = window.setTimeout(() => actions.toggleCommunity(c.id), 220);
        },
        dblclick: () => {
          window.clearTimeout(clicks.pending);
          actions.isolateCommunity(c.id);
        },
      },
    }, [
      el('span', { class: 'swatch', attrs: { style: `background:${model.communityColor(c.id)}` } }),
      el('span', { class: 'legend-label', text: c.label }),
      el('span', { class: 'legend-size', text: String(c.size) }),
    ]),
    openButton(actions, 'topic', c.id, c.label),
  ]);
}

/** A field's entry: its name (click shows or hides all its topics) over its topics' entries. */
function fieldGroup(model: Model, state: State, actions: SidebarActions, field: ViewerField, clicks: { pending?: number }): HTMLElement {
  const topics = field.topics.map((id) => model.data.communities.find((c) => c.id === id)).filter((c) => c !== undefined);
  const allHidden = topics.every((t) => state.hiddenCommunities.has(t.id));
  return el('li', { class: 'legend-field-group' }, [
    el('div', { class: 'legend-row' }, [el('button', {
      class: `legend-field${allHidden ? ' off' : ''}`,
      title: `${field.label}\n${topics.length} topics · ${field.concepts} concepts · ${field.papers} papers`,
      attrs: { type: 'button', 'data-field': String(field.id), 'aria-pressed': String(!allHidden) },
      on: { click: () => actions.toggleField(field.id) },
    }, [
      el('span', { class: 'legend-label', text: field.label }),
      el('span', { class: 'legend-size', text: `${field.papers} papers` }),
    ]), openButton(actions, 'field', field.id, field.label)]),
    el('ul', { class: 'legend-topics' }, topics.map((t) => topicItem(model, state, actions, t, clicks))),
  ]);
}

/** The legend: fields with their topics nested, or a flat list of clusters for data without fields. */
export function renderLegend(root: HTMLElement, model: Model, state: State, actions: SidebarActions): void {
  clear(root);
  // A click waits a moment so a double-click (isolate) does not also toggle.
  const clicks: { pending?: number } = {};
  if (model.fields.length === 0) {
    for (const c of model.data.communities) root.append(topicItem(model, state, actions, c, clicks));
    return;
  }
  for (const f of model.fields) root.append(fieldGroup(model, state, actions, f, clicks));
  // Topics no field lists (none in a consistent file) stay reachable.
  const listed = new Set(model.fields.flatMap((f) => f.topics));
  for (const c of model.data.communities) if (!listed.has(c.id)) root.append(topicItem(model, state, actions, c, clicks));
}

/** The year overlay's legend: the ramp with the first and last year at its ends, and the grey. */
function yearLegend(overlay: YearOverlay): HTMLElement {
  const { extent, undated } = overlay;
  return el('div', { class: 'year-legend' }, [
    el('div', { class: 'ramp', attrs: { style: `background:${rampGradient()}`, role: 'img', 'aria-label': `mean year of papers, ${extent[0]} to ${extent[1]}` } }),
    el('div', { class: 'ramp-ends' }, [
      el('span', { class: 'ramp-first', text: String(extent[0]) }),
      el('span', { class: 'muted', text: 'mean year of its papers', title: 'Concepts whose mean lies beyond the ends take the end colours' }),
      el('span', { class: 'ramp-last', text: String(extent[1]) }),
    ]),
    el('div', { class: 'ramp-undated' }, [
      el('span', { class: 'swatch small', attrs: { style: `background:${UNDATED_COLOR}` } }),
      el('span', { class: 'muted', text: `no dated paper (${undated} concept${undated === 1 ? '' : 's'})` }),
    ]),
  ]);
}

/**
 * Colour by cluster or by year (the overlay, VOSviewer-style); the year choice is off when no
 * paper has a year. With the overlay on, its legend follows.
 */
export function renderColorBy(root: HTMLElement, model: Model, state: State, actions: SidebarActions, overlay: YearOverlay | null): void {
  clear(root);
  const current = state.filters.colorBy;
  const choice = (value: ColorBy, text: string, disabled: boolean): HTMLElement =>
    el('button', {
      class: `segment${current === value ? ' on' : ''}`,
      text,
      title: disabled ? 'No paper has a year' : undefined,
      attrs: { type: 'button', 'data-color-by': value, 'aria-pressed': String(current === value), ...(disabled ? { disabled: '' } : {}) },
      on: { click: () => actions.setFilters({ colorBy: value }) },
    });
  root.append(
    el('div', { class: 'segments', attrs: { role: 'group', 'aria-label': 'Colour concepts by' } }, [
      el('span', { class: 'muted', text: 'Colour by' }),
      choice('community', 'Cluster', false),
      choice('year', 'Year', overlay === null),
    ]),
  );
  if (current === 'year' && overlay) root.append(yearLegend(overlay));
}

function range(
  label: string,
  min: number,
  max: number,
  value: number,
  onInput: (v: number) => void,
): HTMLElement {
  const output = el('output', { text: String(value) });
  const input = el('input', {
    attrs: { type: 'range', min: String(min), max: String(Math.max(min, max)), step: '1', value: String(value), 'aria-label': label },
  });
  input.addEventListener('input', () => {
    output.textContent = input.value;
    onInput(Number(input.value));
  });
  return el('label', { class: 'field' }, [el('span', { class: 'field-label' }, [label, output]), input]);
}

function yearSelect(label: string, years: number[], value: number, onChange: (v: number) => void): HTMLElement {
  const select = el(
    'select',
    { attrs: { 'aria-label': label } },
    years.map((y) => el('option', { text: String(y), attrs: y === value ? { value: String(y), selected: '' } : { value: String(y) } })),
  );
  select.addEventListener('change', () => onChange(Number(select.value)));
  return el('label', { class: 'year' }, [el('span', { class: 'muted', text: label }), select]);
}

export function renderFilters(root: HTMLElement, model: Model, state: State, actions: SidebarActions): void {
  clear(root);
  const f = state.filters;
  root.append(
    range('Min. papers per concept', 1, Math.min(model.maxDf, 50), f.minDf, (v) => actions.setFilters({ minDf: v })),
    range('Min. links', 0, Math.min(model.maxDegree, 30), f.minDegree, (v) => actions.setFilters({ minDegree: v })),
  );
  if (model.yearExtent) {
    const [lo, hi] = model.yearExtent;
    const years = Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
    const [from, to] = f.years ?? [lo, hi];
    const set = (a: number, b: number): void =>
      actions.setFilters({ years: a <= lo && b >= hi ? null : [Math.min(a, b), Math.max(a, b)] });
    root.append(
      el('div', { class: 'field' }, [
        el('span', { class: 'field-label', text: 'Years' }),
        el('div', { class: 'years' }, [
          // The other end is read when the choice is made: the filters may have changed since.
          yearSelect('from', years, from, (v) => set(v, state.filters.years?.[1] ?? hi)),
          yearSelect('to', years, to, (v) => set(state.filters.years?.[0] ?? lo, v)),
        ]),
      ]),
    );
  }
  const toggle = el('input', { attrs: { type: 'checkbox', role: 'switch', id: 'show-papers' } });
  toggle.checked = f.showPapers;
  toggle.disabled = model.paperCount === 0;
  toggle.addEventListener('change', () => actions.setFilters({ showPapers: toggle.checked }));
  root.append(
    el('label', { class: 'switch' }, [toggle, el('span', { text: `Show papers as nodes (${model.paperCount})` })]),
  );
}
