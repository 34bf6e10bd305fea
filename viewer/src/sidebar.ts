/**
 * Legend (clusters: click toggles, double-click isolates) and filters (minimum papers per
 * concept, minimum links, year range, papers as nodes).
 */
import { clear, el } from './dom';
import { communityColor } from './palette';
import type { Model } from './model';
import type { Filters, State } from './state';

export interface SidebarActions {
  toggleCommunity(id: number): void;
  isolateCommunity(id: number): void;
  showAllCommunities(): void;
  setFilters(patch: Partial<Filters>): void;
}

export function renderLegend(root: HTMLElement, model: Model, state: State, actions: SidebarActions): void {
  clear(root);
  // A click waits a moment so a double-click (isolate) does not also toggle.
  let pending: number | undefined;
  for (const c of model.data.communities) {
    const hidden = state.hiddenCommunities.has(c.id);
    root.append(
      el('li', {}, [
        el('button', {
          class: `legend-item${hidden ? ' off' : ''}`,
          title: `${c.label}\n${c.size} concepts · ${c.papers} papers`,
          attrs: { type: 'button', 'data-community': String(c.id), 'aria-pressed': String(!hidden) },
          on: {
            click: () => {
              window.clearTimeout(pending);
              pending = window.setTimeout(() => actions.toggleCommunity(c.id), 220);
            },
            dblclick: () => {
              window.clearTimeout(pending);
              actions.isolateCommunity(c.id);
            },
          },
        }, [
          el('span', { class: 'swatch', attrs: { style: `background:${communityColor(c.id)}` } }),
          el('span', { class: 'legend-label', text: c.label }),
          el('span', { class: 'legend-size', text: String(c.size) }),
        ]),
      ]),
    );
  }
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
          yearSelect('from', years, from, (v) => set(v, f.years?.[1] ?? hi)),
          yearSelect('to', years, to, (v) => set(f.years?.[0] ?? lo, v)),
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
