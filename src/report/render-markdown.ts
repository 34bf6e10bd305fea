/**
 * Markdown report
 * ===============
 *
 * GitHub-flavoured Markdown: a corpus summary, a table of communities, then one section per
 * community. Every piece of text from the corpus goes through `escapeMarkdown`.
 */
import { centralityNote, escapeMarkdown as md, formatNumber as num, readableId, safeUrl } from './escape.js';
import { corpusSummaryRows } from './summary-rows.js';
import { CHANGE_NOTE, changeSentence, changeTables } from './change-rows.js';
import { burstTable, methodNote, periodCounts, shareSentence, trendTable } from './time-rows.js';
import type { CommunityReport, CommunityTime, PaperRef, ReportModel, YearCount } from './types.js';

/** `[title](url)` when the paper has an http(s) link, else the escaped title. */
function paperLink(p: PaperRef): string {
  const url = safeUrl(p.url);
  const title = md(p.title);
  return url ? `[${title}](<${url.replace(/[<>\s]/g, encodeURIComponent)}>)` : title;
}

/** `(doi:…)` after a title; nothing for a paper known by its title only. */
function paperId(p: PaperRef): string {
  const id = readableId(p.id);
  return id ? ` (${md(id)})` : '';
}

function paperList(papers: PaperRef[]): string {
  return papers.map((p) => `${paperLink(p)}${paperId(p)}`).join('; ');
}

function table(head: string[], rows: string[][], align?: ('l' | 'r')[]): string[] {
  const rule = head.map((_, i) => ((align?.[i] ?? 'l') === 'r' ? '---:' : '---'));
  return [`| ${head.join(' | ')} |`, `| ${rule.join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

function yearTable(years: YearCount[], undated: number): string[] {
  if (years.length === 0) return [`No dated papers${undated ? ` (${undated} undated)` : ''}.`];
  const lines = table(
    ['Year', 'Papers'],
    years.map((y) => [String(y.year), String(y.papers)]),
    ['l', 'r'],
  );
  if (undated) lines.push('', `Undated papers: ${undated}.`);
  return lines;
}

/** The anchor GitHub generates for a "Community N: …" heading is long; we add our own. */
const anchor = (id: number): string => `community-${id}`;

const topicLink = (id: number): string => `[${id}](#${anchor(id)})`;

/** A burst or trend table, or "None." */
function timeTable(t: { head: string[]; rows: string[][] }, align: ('l' | 'r')[]): string[] {
  return t.rows.length ? table(t.head, t.rows, align) : ['None.'];
}

const BURST_ALIGN: ('l' | 'r')[] = ['r', 'l', 'l', 'l', 'r'];
const TREND_ALIGN: ('l' | 'r')[] = ['l', 'l', 'l', 'r', 'r'];

/** The corpus's Bursts and Emerging and fading sections (nothing when the build counted none). */
function renderCorpusTime(model: ReportModel): string[] {
  const t = model.time;
  if (!t) return [];
  const out = ['## Bursts', '', md(methodNote(t)), '', `Papers per period: ${periodCounts(t.periods, t.papers)}.`, ''];
  out.push('### Strongest bursts', '', ...timeTable(burstTable(t.bursts, md, topicLink), BURST_ALIGN), '');
  out.push('## Emerging and fading', '');
  out.push('### Emerging concepts', '', ...timeTable(trendTable(t.emerging, md, topicLink), TREND_ALIGN), '');
  out.push('### Fading concepts', '', ...timeTable(trendTable(t.fading, md, topicLink), TREND_ALIGN), '');
  const fields = model.fields.filter((f) => f.time);
  if (fields.length) {
    out.push('### Fields over time', '');
    for (const f of fields) out.push(`- **Field ${f.id}: ${md(f.label)}** — ${md(shareSentence(f.time!))} Papers per period: ${periodCounts(t.periods, f.time!.papersPerPeriod)}.`);
    out.push('');
  }
  return out;
}

/** The What changed section of a `build --into` (nothing for a build from scratch). */
function renderChanges(model: ReportModel): string[] {
  const c = model.changes;
  if (!c) return [];
  const out = ['## What changed', '', md(CHANGE_NOTE), '', md(changeSentence(c)), ''];
  for (const t of changeTables(c, md, topicLink)) {
    out.push(`### ${t.title}`, '', ...table(t.head, t.rows, t.numeric.map((n) => (n ? 'r' : 'l'))), '');
  }
  return out;
}

/** A topic's Bursts and Emerging and fading section. */
function renderCommunityTime(time: CommunityTime, periods: readonly string[]): string[] {
  return [
    '### Bursts and trends',
    '',
    md(shareSentence(time)),
    '',
    `Papers per period: ${periodCounts(periods, time.papersPerPeriod)}.`,
    '',
    '#### Concept bursts',
    '',
    ...timeTable(burstTable(time.conceptBursts, md, topicLink), BURST_ALIGN),
    '',
    '#### Emerging concepts',
    '',
    ...timeTable(trendTable(time.emerging, md, topicLink), TREND_ALIGN),
    '',
    '#### Fading concepts',
    '',
    ...timeTable(trendTable(time.fading, md, topicLink), TREND_ALIGN),
    '',
  ];
}

function renderCommunity(c: CommunityReport, fieldLabel: string | undefined, periods: readonly string[]): string[] {
  const out: string[] = [];
  out.push(`<a id="${anchor(c.id)}"></a>`, '', `## Community ${c.id}: ${md(c.label)}`, '');
  if (fieldLabel !== undefined) out.push(`Field ${c.field}: ${md(fieldLabel)}`, '');
  out.push(
    `${c.concepts} concepts · ${c.papers} papers · cohesion ${num(c.cohesion)} ` +
      `(internal weight ${num(c.internalWeight)}, external weight ${num(c.externalWeight)})`,
    '',
  );

  out.push('### Top concepts', '');
  if (c.topConcepts.length === 0) out.push('None.');
  else
    out.push(
      ...table(
        ['#', 'Concept', 'Key', 'df', 'Centrality', 'Inside', 'Bridge', 'Papers'],
        c.topConcepts.map((t, i) => [
          String(i + 1),
          md(t.label),
          md(t.key),
          String(t.df),
          num(t.centrality),
          num(t.inside, 2),
          num(t.bridge),
          paperList(t.papers),
        ]),
        ['r', 'l', 'l', 'r', 'r', 'r', 'r', 'l'],
      ),
    );
  out.push('');

  out.push('### Representative papers', '');
  if (c.representativePapers.length === 0) out.push('None.');
  c.representativePapers.forEach((p, i) => {
    const when = p.date ? ` — ${md(p.date)}` : '';
    const about = p.concepts.length ? ` — ${p.concepts.map(md).join(', ')}` : '';
    const id = readableId(p.id);
    out.push(`${i + 1}. ${paperLink(p)}${when} (${id ? `${md(id)}, ` : ''}weight ${num(p.weight)})${about}`);
  });
  out.push('');

  out.push('### Distinctive terms (log-likelihood G² against the rest of the corpus)', '');
  if (c.distinctiveTerms.length === 0) out.push('None.');
  else
    out.push(
      ...table(
        ['Term', 'G²', 'Mentions here', 'Mentions elsewhere', 'Papers here'],
        c.distinctiveTerms.map((t) => [md(t.label), num(t.g2, 2), String(t.inside), String(t.outside), String(t.papers)]),
        ['l', 'r', 'r', 'r', 'r'],
      ),
    );
  out.push('');

  out.push('### Acronyms', '');
  if (c.acronyms.length === 0) out.push('None.');
  for (const a of c.acronyms) {
    const used = a.papers.length ? ` — used in ${paperList(a.papers)}` : '';
    out.push(`- **${md(a.short)}**: ${md(a.long)}${used}`);
  }
  out.push('');

  out.push('### Bridge concepts', '');
  if (c.bridges.length === 0) out.push('None.');
  else
    out.push(
      ...table(
        ['Concept', 'Participation', 'External weight', 'Links to'],
        c.bridges.map((b) => [
          md(b.label),
          num(b.bridge),
          num(b.externalWeight),
          b.links.map((l) => `[${l.community}](#${anchor(l.community)}) (${num(l.weight)})`).join(', '),
        ]),
        ['l', 'r', 'r', 'l'],
      ),
    );
  out.push('');

  out.push('### Links to other communities', '');
  if (c.links.length === 0) out.push('None.');
  else
    out.push(
      ...table(
        ['Community', 'Weight', 'Edges', 'Strongest link'],
        c.links.map((l) => [
          `[${l.community}: ${md(l.label)}](#${anchor(l.community)})`,
          num(l.weight),
          String(l.edges),
          `${md(l.strongest.sourceLabel)} — ${md(l.strongest.targetLabel)} (${num(l.strongest.weight)}, ${l.strongest.papers} ${l.strongest.papers === 1 ? 'paper' : 'papers'}` +
            `${l.strongest.examples?.length ? `, e.g. ${l.strongest.examples.map(paperLink).join('; ')}` : ''})`,
        ]),
        ['l', 'r', 'r', 'l'],
      ),
    );
  out.push('');

  out.push('### Papers per year', '');
  out.push(...yearTable(c.papersPerYear, c.undatedPapers), '');
  if (c.time) out.push(...renderCommunityTime(c.time, periods));
  return out;
}

/** The fields, each with its topics (label, papers), largest first. */
function renderFields(model: ReportModel): string[] {
  const topic = new Map(model.communities.map((c) => [c.id, c]));
  const out = ['## Fields and topics', '', 'Fields are communities of topics; each topic lies in one field, and its label leaves out the field\'s words.', ''];
  for (const f of model.fields) {
    out.push(`### Field ${f.id}: ${md(f.label)} (${f.papers} papers, ${f.concepts} concepts)`, '');
    const rows = f.topics.flatMap((id) => {
      const c = topic.get(id);
      return c ? [[`[${c.id}](#${anchor(c.id)})`, md(c.label), String(c.papers), String(c.concepts)]] : [];
    });
    if (rows.length) out.push(...table(['Topic', 'Label', 'Papers', 'Concepts'], rows, ['l', 'l', 'r', 'r']), '');
  }
  return out;
}

/** Renders the report as Markdown (ends with one newline). */
export function renderMarkdown(model: ReportModel): string {
  const s = model.summary;
  const out: string[] = [
    '# PaperGraph community report',
    '',
    `Built by PaperGraph ${md(s.version || 'unknown')} with ${md(s.algorithm)} (resolution ${num(s.resolution)}, ` +
      `seed ${s.seed}). Same input and seed give the same report.`,
    '',
    '## Corpus summary',
    '',
    ...table(
      ['Measure', 'Value'],
      corpusSummaryRows(s, md),
      ['l', 'r'],
    ),
    '',
  ];
  if (s.inputs.length) {
    out.push('### Inputs', '', ...table(['File', 'Papers'], s.inputs.map((i) => [md(i.file), String(i.papers)]), ['l', 'r']), '');
  }
  out.push('### Papers per year', '', ...yearTable(s.papersPerYear, s.undatedPapers), '');

  out.push(...renderChanges(model));
  out.push(...renderCorpusTime(model));
  if (model.fields.length) out.push(...renderFields(model), '');
  out.push('## Communities', '');
  out.push(
    'Cohesion is the share of the co-occurrence weight touching a community that stays inside it. ' +
      centralityNote(s.centralityWeight, s.conceptOrder),
    '',
  );
  out.push(
    ...table(
      ['Community', 'Label', 'Concepts', 'Papers', 'Cohesion'],
      model.communities.map((c) => [
        `[${c.id}](#${anchor(c.id)})`,
        md(c.label),
        String(c.concepts),
        String(c.papers),
        num(c.cohesion),
      ]),
      ['l', 'l', 'r', 'r', 'r'],
    ),
    '',
  );
  const fieldLabel = new Map(model.fields.map((f) => [f.id, f.label]));
  for (const c of model.communities) out.push(...renderCommunity(c, fieldLabel.get(c.field), model.time?.periods ?? []));
  while (out[out.length - 1] === '') out.pop();
  return `${out.join('\n')}\n`;
}
