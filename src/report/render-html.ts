/**
 * HTML report
 * ===========
 *
 * One self-contained file: inline CSS (with a print stylesheet), inline SVG charts, no script
 * and no external resource. A Content-Security-Policy forbids every fetch besides inline
 * styles and data: images, so the page cannot reach the network even if text slipped through.
 * Every piece of text goes through `escapeHtml`. Concepts link to the viewer
 * (`<viewerUrl>#concept=<encodeURIComponent(key)>`).
 */
import { resolveDefaults } from '../defaults.js';
import { centralityNote, escapeHtml as esc, formatNumber as num, readableId, safeUrl } from './escape.js';
import { corpusSummaryRows } from './summary-rows.js';
import { CHANGE_NOTE, changeSentence, changeTables } from './change-rows.js';
import { burstTable, methodNote, periodCounts, shareSentence, trendTable } from './time-rows.js';
import { barChart, heatMap, yearChart } from './svg-charts.js';
import { reportStreamgraph } from './streamgraph.js';
import type { CommunityReport, CommunityTime, PaperRef, ReportModel, YearCount } from './types.js';

/** Options of `renderHtml`. */
export interface HtmlOptions {
  /** The viewer page concepts link to, relative to the report or absolute. */
  viewerUrl: string;
}

/**
 * Defaults of `HtmlOptions`. `papergraph serve DIR` serves the viewer at `/` and the build
 * directory (holding this report) under `/data/`, so the viewer is one level up.
 */
export const HTML_DEFAULTS: HtmlOptions = { viewerUrl: '../index.html' };

const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const CSS = `
:root { color-scheme: light; --fg: #1f2328; --muted: #59636e; --rule: #d1d9e0; --accent: #0b5cad; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); margin: 0; }
header, main, nav { max-width: 1040px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 24px; }
h1 { font-size: 1.8em; margin: 0 0 4px; }
h2 { border-bottom: 1px solid var(--rule); padding-bottom: 4px; margin-top: 2em; }
h3 { margin: 1.4em 0 0.4em; font-size: 1.05em; }
.meta, .note { color: var(--muted); }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
table { border-collapse: collapse; margin: 6px 0 12px; font-size: 0.92em; }
th, td { border-bottom: 1px solid var(--rule); padding: 3px 10px 3px 0; text-align: left; vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.id { color: var(--muted); font-size: 0.85em; }
nav#toc { margin-top: 12px; }
nav#toc ol { margin: 4px 0; }
nav#toc ul { columns: 2; column-gap: 32px; list-style: none; padding-left: 12px; margin: 4px 0; }
.chart { max-width: 100%; height: auto; display: block; margin: 8px 0 16px; }
.chart text { font: 11px system-ui, sans-serif; fill: var(--fg); }
.chart .value, .chart .legend { fill: var(--muted); }
.chart .axis { stroke: var(--rule); }
figure.streamgraph { margin: 8px 0 16px; }
ul.stream-legend { list-style: none; padding: 0; margin: 4px 0; font-size: 0.92em; }
ul.stream-legend svg { vertical-align: baseline; }
ol.papers li { margin-bottom: 4px; }
.community { border-top: 3px solid var(--rule); margin-top: 1.2em; }
.community summary { cursor: pointer; padding: 6px 0; }
.community summary h2 { display: inline; border: none; margin: 0; font-size: 1.3em; }
.community summary .meta { margin-left: 8px; }
/* A link into a community lands below its summary line, which stays in view. */
.community [id^="community-"] { scroll-margin-top: 6em; }
@media print {
  body { font-size: 10.5pt; }
  header, main, nav { max-width: none; padding: 0; }
  a { color: inherit; }
  nav#toc { break-after: page; }
  .community { break-before: page; border-top: none; }
  /* Printed, every community is open (browsers without ::details-content print the summaries). */
  details::details-content { content-visibility: visible; display: block; }
  table, .chart, h3 { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
}
`;

const topicLink = (id: number): string => `<a href="#community-${id}">${id}</a>`;
const BURST_NUMERIC = [true, false, false, false, true];
const TREND_NUMERIC = [false, false, false, true, true];

/** A burst or trend table, or "None." */
function timeTable(t: { head: string[]; rows: string[][] }, numeric: boolean[]): string {
  return t.rows.length ? table(t.head, t.rows, numeric) : '<p>None.</p>';
}

/** The corpus's Bursts and Emerging and fading sections ('' when the build counted none). */
function renderCorpusTime(model: ReportModel, stream: ReturnType<typeof reportStreamgraph>): string {
  const t = model.time;
  if (!t) return '';
  const fields = model.fields.filter((f) => f.time);
  return [
    ...(stream
      ? [
          '<section id="streamgraph">',
          `<h2>${esc(stream.heading)}</h2>`,
          '<p class="note">Papers per period, stacked around a centred baseline: each band\'s thickness is its papers in that period. Hover a band for its label and papers.</p>',
          stream.figure,
          '</section>',
        ]
      : []),
    '<section id="bursts">',
    '<h2>Bursts</h2>',
    `<p class="note">${esc(methodNote(t))}</p>`,
    `<p class="note">Papers per period: ${esc(periodCounts(t.periods, t.papers))}.</p>`,
    '<h3>Strongest bursts</h3>',
    timeTable(burstTable(t.bursts, esc, topicLink), BURST_NUMERIC),
    '</section>',
    '<section id="emerging">',
    '<h2>Emerging and fading</h2>',
    '<h3>Emerging concepts</h3>',
    timeTable(trendTable(t.emerging, esc, topicLink), TREND_NUMERIC),
    '<h3>Fading concepts</h3>',
    timeTable(trendTable(t.fading, esc, topicLink), TREND_NUMERIC),
    ...(fields.length
      ? [
          '<h3>Fields over time</h3>',
          '<ul>',
          ...fields.map((f) => `<li><strong>Field ${f.id}: ${esc(f.label)}</strong> — ${esc(shareSentence(f.time!))} <span class="note">Papers per period: ${esc(periodCounts(t.periods, f.time!.papersPerPeriod))}.</span></li>`),
          '</ul>',
        ]
      : []),
    '</section>',
  ].join('\n');
}

/** The What changed section of a `build --into` ('' for a build from scratch). */
function renderChanges(model: ReportModel): string {
  const c = model.changes;
  if (!c) return '';
  return [
    '<section id="changes">',
    '<h2>What changed</h2>',
    `<p class="note">${esc(CHANGE_NOTE)}</p>`,
    `<p>${esc(changeSentence(c))}</p>`,
    ...changeTables(c, esc, topicLink).map((t) => `<h3>${esc(t.title)}</h3>\n${table(t.head, t.rows, t.numeric)}`),
    '</section>',
  ].join('\n');
}

/** A topic's Bursts and trends section. */
function renderCommunityTime(time: CommunityTime, periods: readonly string[]): string {
  return [
    '<h3>Bursts and trends</h3>',
    `<p>${esc(shareSentence(time))}</p>`,
    `<p class="note">Papers per period: ${esc(periodCounts(periods, time.papersPerPeriod))}.</p>`,
    '<h4>Concept bursts</h4>',
    timeTable(burstTable(time.conceptBursts, esc, topicLink), BURST_NUMERIC),
    '<h4>Emerging concepts</h4>',
    timeTable(trendTable(time.emerging, esc, topicLink), TREND_NUMERIC),
    '<h4>Fading concepts</h4>',
    timeTable(trendTable(time.fading, esc, topicLink), TREND_NUMERIC),
  ].join('\n');
}

function paperHtml(p: PaperRef): string {
  const url = safeUrl(p.url);
  const title = esc(p.title);
  const link = url ? `<a href="${esc(url)}" rel="noopener noreferrer">${title}</a>` : title;
  const id = readableId(p.id);
  return id ? `${link} <span class="id">${esc(id)}</span>` : link;
}

function table(head: string[], rows: string[][], numeric: boolean[] = []): string {
  const cls = (i: number): string => (numeric[i] ? ' class="n"' : '');
  return [
    '<table>',
    `<thead><tr>${head.map((h, i) => `<th${cls(i)}>${esc(h)}</th>`).join('')}</tr></thead>`,
    '<tbody>',
    ...rows.map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${c}</td>`).join('')}</tr>`),
    '</tbody>',
    '</table>',
  ].join('\n');
}

function yearSection(years: YearCount[], undated: number, title: string): string {
  if (years.length === 0) return `<p>No dated papers${undated ? ` (${undated} undated)` : ''}.</p>`;
  const total = years.reduce((s, y) => s + y.papers, 0);
  return [
    yearChart(years, title),
    `<p class="note">${total} dated papers from ${years[0]!.year} to ${years[years.length - 1]!.year}${undated ? `; ${undated} undated` : ''}.</p>`,
  ].join('\n');
}

function renderCommunity(c: CommunityReport, concept: (key: string, label: string) => string, periods: readonly string[]): string {
  const out: string[] = [];
  // Collapsed by default: the page is a list of communities to open. The link target sits inside
  // the details, so following a link to it opens them (the browser reveals a hidden target).
  out.push(`<section class="community">`, '<details>');
  out.push(
    `<summary><h2>Community ${c.id}: ${esc(c.label)}</h2> <span class="meta">${c.concepts} concepts · ${c.papers} papers · cohesion ${num(c.cohesion)}</span></summary>`,
  );
  out.push(
    `<p class="meta" id="community-${c.id}">${c.concepts} concepts · ${c.papers} papers · cohesion ${num(c.cohesion)} (internal weight ${num(c.internalWeight)}, external weight ${num(c.externalWeight)})</p>`,
  );

  out.push('<h3>Top concepts</h3>');
  out.push(
    c.topConcepts.length === 0
      ? '<p>None.</p>'
      : table(
          ['#', 'Concept', 'df', 'Centrality', 'Inside', 'Bridge', 'Papers'],
          c.topConcepts.map((t, i) => [
            String(i + 1),
            concept(t.key, t.label),
            String(t.df),
            num(t.centrality),
            num(t.inside, 2),
            num(t.bridge),
            t.papers.map(paperHtml).join('<br>'),
          ]),
          [true, false, true, true, true, true, false],
        ),
  );

  out.push('<h3>Representative papers</h3>');
  if (c.representativePapers.length === 0) out.push('<p>None.</p>');
  else {
    out.push('<ol class="papers">');
    for (const p of c.representativePapers) {
      const when = p.date ? ` · ${esc(p.date)}` : '';
      const about = p.concepts.length ? `<br><span class="note">${p.concepts.map(esc).join(', ')}</span>` : '';
      out.push(`<li>${paperHtml(p)}${when} · weight ${num(p.weight)}${about}</li>`);
    }
    out.push('</ol>');
  }

  out.push('<h3>Distinctive terms <span class="note">(log-likelihood G² against the rest of the corpus)</span></h3>');
  out.push(
    c.distinctiveTerms.length === 0
      ? '<p>None.</p>'
      : table(
          ['Term', 'G²', 'Mentions here', 'Mentions elsewhere', 'Papers here'],
          c.distinctiveTerms.map((t) => [
            concept(t.key, t.label),
            num(t.g2, 2),
            String(t.inside),
            String(t.outside),
            String(t.papers),
          ]),
          [false, true, true, true, true],
        ),
  );

  out.push('<h3>Acronyms</h3>');
  if (c.acronyms.length === 0) out.push('<p>None.</p>');
  else {
    out.push('<ul>');
    for (const a of c.acronyms) {
      const used = a.papers.length ? ` <span class="note">— used in</span> ${a.papers.map(paperHtml).join('; ')}` : '';
      out.push(`<li><strong>${esc(a.short)}</strong>: ${concept(a.key, a.long)}${used}</li>`);
    }
    out.push('</ul>');
  }

  out.push('<h3>Bridge concepts</h3>');
  out.push(
    c.bridges.length === 0
      ? '<p>None.</p>'
      : table(
          ['Concept', 'Participation', 'External weight', 'Links to'],
          c.bridges.map((b) => [
            concept(b.key, b.label),
            num(b.bridge),
            num(b.externalWeight),
            b.links.map((l) => `<a href="#community-${l.community}">${l.community}</a> (${num(l.weight)})`).join(', '),
          ]),
          [false, true, true, false],
        ),
  );

  out.push('<h3>Links to other communities</h3>');
  out.push(
    c.links.length === 0
      ? '<p>None.</p>'
      : table(
          ['Community', 'Weight', 'Edges', 'Strongest link'],
          c.links.map((l) => [
            `<a href="#community-${l.community}">${l.community}: ${esc(l.label)}</a>`,
            num(l.weight),
            String(l.edges),
            `${concept(l.strongest.source, l.strongest.sourceLabel)} — ${concept(l.strongest.target, l.strongest.targetLabel)} (${num(l.strongest.weight)}, ${l.strongest.papers} ${l.strongest.papers === 1 ? 'paper' : 'papers'})` +
              (l.strongest.examples?.length ? `<br><span class="note">e.g.</span> ${l.strongest.examples.map(paperHtml).join('<br>')}` : ''),
          ]),
          [false, true, true, false],
        ),
  );

  out.push('<h3>Papers per year</h3>');
  out.push(yearSection(c.papersPerYear, c.undatedPapers, `Papers per year in community ${c.id}`));
  if (c.time) out.push(renderCommunityTime(c.time, periods));
  out.push('</details>', '</section>');
  return out.join('\n');
}

/** The fields, each with its topics; empty when the communities file has none. */
function renderFields(model: ReportModel): string {
  const topicOf = new Map(model.communities.map((c) => [c.id, c]));
  return model.fields.length
    ? [
        '<section id="fields">',
        '<h2>Fields and topics</h2>',
        '<p class="note">Fields are communities of topics; each topic lies in one field, and its label leaves out the field\'s words.</p>',
        ...model.fields.map((f) =>
          [
            `<h3>Field ${f.id}: ${esc(f.label)} <span class="meta">${f.papers} papers · ${f.concepts} concepts</span></h3>`,
            table(
              ['Topic', 'Label', 'Papers', 'Concepts'],
              f.topics.flatMap((id) => {
                const c = topicOf.get(id);
                return c ? [[`<a href="#community-${c.id}">${c.id}</a>`, esc(c.label), String(c.papers), String(c.concepts)]] : [];
              }),
              [false, false, true, true],
            ),
          ].join('\n'),
        ),
        '</section>',
      ].join('\n')
    : '';
}

/** Renders the report as one self-contained HTML page (ends with one newline). */
export function renderHtml(model: ReportModel, options: Partial<HtmlOptions> = {}): string {
  const opts = resolveDefaults(HTML_DEFAULTS, options);
  const concept = (key: string, label: string): string =>
    `<a href="${esc(`${opts.viewerUrl}#concept=${encodeURIComponent(key)}`)}" title="${esc(key)}">${esc(label)}</a>`;
  const s = model.summary;
  const stream = reportStreamgraph(model);

  const toc = [
    '<nav id="toc" aria-label="Contents">',
    '<h2>Contents</h2>',
    '<ol>',
    '<li><a href="#summary">Corpus summary</a></li>',
    ...(model.changes ? ['<li><a href="#changes">What changed</a></li>'] : []),
    ...(stream ? [`<li><a href="#streamgraph">${esc(stream.heading)}</a></li>`] : []),
    ...(model.time ? ['<li><a href="#bursts">Bursts</a></li>', '<li><a href="#emerging">Emerging and fading</a></li>'] : []),
    ...(model.fields.length ? ['<li><a href="#fields">Fields and topics</a></li>'] : []),
    '<li><a href="#communities">Communities</a>',
    '<ul>',
    ...model.communities.map((c) => `<li><a href="#community-${c.id}">${c.id}: ${esc(c.label)}</a></li>`),
    '</ul>',
    '</li>',
    '</ol>',
    '</nav>',
  ].join('\n');

  const summary = [
    '<section id="summary">',
    '<h2>Corpus summary</h2>',
    table(
      ['Measure', 'Value'],
      corpusSummaryRows(s, esc),
      [false, true],
    ),
    s.inputs.length
      ? `<h3>Inputs</h3>\n${table(['File', 'Papers'], s.inputs.map((i) => [esc(i.file), String(i.papers)]), [false, true])}`
      : '',
    '<h3>Papers per year</h3>',
    yearSection(s.papersPerYear, s.undatedPapers, 'Papers per year'),
    '</section>',
  ].join('\n');

  const fields = renderFields(model);

  const m = model.linkMatrix;
  const overview = [
    '<section id="communities">',
    '<h2>Communities</h2>',
    `<p class="note">Cohesion is the share of the co-occurrence weight touching a community that stays inside it. ${esc(centralityNote(s.centralityWeight, s.conceptOrder))}</p>`,
    table(
      ['Community', 'Label', 'Concepts', 'Papers', 'Cohesion'],
      model.communities.map((c) => [
        `<a href="#community-${c.id}">${c.id}</a>`,
        esc(c.label),
        String(c.concepts),
        String(c.papers),
        num(c.cohesion),
      ]),
      [false, false, true, true, true],
    ),
    '<h3>Community sizes</h3>',
    barChart(
      model.communities.map((c) => ({
        label: `${c.id}: ${c.label}`,
        values: [c.concepts, c.papers],
        href: `#community-${c.id}`,
      })),
      ['concepts', 'papers'],
      'Community sizes in concepts and papers',
    ),
    '<h3>Links between communities</h3>',
    '<p class="note">Co-occurrence weight between communities (darker = stronger); the grey diagonal is internal weight. Hover a cell for its value.</p>',
    heatMap(m.ids, m.labels, m.weights, 'Co-occurrence weight between communities'),
    '</section>',
  ].join('\n');

  const body = model.communities.map((c) => renderCommunity(c, concept, model.time?.periods ?? []));

  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${esc(CSP)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<link rel="icon" href="data:,">',
    '<title>PaperGraph community report</title>',
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    '<header>',
    '<h1>PaperGraph community report</h1>',
    `<p class="meta">Built by PaperGraph ${esc(s.version || 'unknown')} with ${esc(s.algorithm)} (resolution ${num(s.resolution)}, seed ${s.seed}) · ${s.papers} papers · ${s.concepts} concepts · ${s.communities} communities · modularity ${num(s.modularity, 4)}</p>`,
    '</header>',
    toc,
    '<main>',
    summary,
    renderChanges(model),
    renderCorpusTime(model, stream),
    fields,
    overview,
    ...body,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
