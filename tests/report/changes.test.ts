import { describe, expect, it } from 'vitest';
import type { CommunitiesChanges } from '../../src/model.js';
import { buildReportModel, renderHtml, renderJson, renderMarkdown } from '../../src/report/index.js';
import { makeFixture } from './fixture.js';

const HOSTILE = 'a <b>bold</b> & | piped label';

/** Every kind of change, with a hostile label in each place a label goes. */
const CHANGES: CommunitiesChanges = {
  papers: { before: 4, after: 6 },
  partition: {
    newConcepts: 25,
    removedConcepts: 2,
    sharedConcepts: 5,
    keptConcepts: 4,
    grown: [{ id: 1, before: 3, after: 5, newConcepts: 2 }],
    shrunk: [{ id: 0, before: 4, after: 3, newConcepts: 0 }],
    split: [{ from: 7, into: [0, 1], joined: [0] }],
    merged: [{ into: 1, from: [8, 9] }],
    created: [{ id: 12, size: 3, newConcepts: 3 }],
    dissolved: [{ id: 10, size: 2 }],
  },
  topNewConcepts: [{ key: 'new <concept>', label: 'new <concept> & co', papers: 3, community: 1 }],
  topics: [
    { id: 0, before: { label: 'zero before', papers: 3, concepts: 4 }, after: { label: 'zero', papers: 2, concepts: 3 } },
    { id: 1, before: { label: 'was <i>', papers: 2, concepts: 3 }, after: { label: HOSTILE, papers: 4, concepts: 5 } },
    { id: 7, before: { label: 'seven <before>', papers: 5, concepts: 6 } },
    { id: 8, before: { label: 'eight &', papers: 1, concepts: 2 } },
    { id: 9, before: { label: 'nine', papers: 1, concepts: 2 } },
    { id: 10, before: { label: 'ten <gone>', papers: 1, concepts: 2 } },
    { id: 12, after: { label: 'twelve <new>', papers: 2, concepts: 3 } },
  ],
};

function render(changes?: CommunitiesChanges) {
  const { graph, communities } = makeFixture();
  const model = buildReportModel(graph, changes ? { ...communities, changes } : communities);
  return { model, md: renderMarkdown(model), html: renderHtml(model), json: renderJson(model) };
}

describe('What changed in the report', () => {
  const { model, md, html, json } = render(CHANGES);

  it.each([
    ['the opening sentence', 'Papers: 4 → 6 (+2). 25 new concepts; 2 earlier concepts no longer in the graph. 4 of the 5 earlier concepts kept their topic (80.0%).'],
    ['the new concepts heading', '### New concepts (the 1 with most papers)'],
    ['a new concept', '| new \\<concept\\> \\& co | 3 | [1](#community-1): a \\<b\\>bold\\</b\\> \\& \\| piped label |'],
    ['a grown topic', '| [1](#community-1) | a \\<b\\>bold\\</b\\> \\& \\| piped label | was \\<i\\> | 2 → 4 | 3 → 5 | 2 |'],
    ['a shrunk topic', '| [0](#community-0) | zero | zero before | 3 → 2 | 4 → 3 | 0 |'],
    ['a split', '| 7: seven \\<before\\> | [0](#community-0): zero (existed before); [1](#community-1): a \\<b\\>bold\\</b\\> \\& \\| piped label |'],
    ['a merge', '| 8: eight \\&; 9: nine | [1](#community-1): a \\<b\\>bold\\</b\\> \\& \\| piped label |'],
    ['a new topic', '| [12](#community-12) | twelve \\<new\\> | 2 | 3 | 3 |'],
    ['a dissolved topic', '| 10 | ten \\<gone\\> | 1 | 2 |'],
  ])('names %s in Markdown, with ids, counts before → after and escaped labels', (_what, line) => {
    expect(md.split('## What changed')[1]!.split('\n## ')[0]).toContain(line);
  });

  it('orders the Markdown tables: new concepts, grown, shrunk, split, merged, new, dissolved', () => {
    const section = md.split('## What changed')[1]!.split('\n## ')[0]!;
    const order = ['New concepts', 'Topics that grew', 'Topics that shrank', 'Topics that split', 'Topics that merged', 'New topics', 'Topics dissolved'];
    const at = order.map((t) => section.indexOf(`### ${t}`));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('escapes every label in HTML and lists the section in the contents', () => {
    const section = html.split('<section id="changes">')[1]!.split('</section>')[0]!;
    expect(section).not.toMatch(/<b>|<i>|<concept>|<gone>|<new>|<before>/);
    expect(section).toContain('<td>new &lt;concept&gt; &amp; co</td><td class="n">3</td><td><a href="#community-1">1</a>: a &lt;b&gt;bold&lt;/b&gt; &amp; | piped label</td>');
    expect(section).toContain('<td class="n">2 → 4</td><td class="n">3 → 5</td><td class="n">2</td>');
    expect(section).toContain('<td>10</td><td>ten &lt;gone&gt;</td>');
    expect(html).toContain('<li><a href="#changes">What changed</a></li>');
  });

  it('keeps the changes as they are in report.json', () => {
    expect(model.changes).toEqual(CHANGES);
    expect((JSON.parse(json) as { changes: unknown }).changes).toEqual(CHANGES);
  });

  it('leaves out tables with nothing in them', () => {
    const { md: quiet } = render({ ...CHANGES, topNewConcepts: [], partition: { ...CHANGES.partition, newConcepts: 0, shrunk: [], split: [], merged: [], created: [], dissolved: [] } });
    const section = quiet.split('## What changed')[1]!.split('\n## ')[0]!;
    expect(section.match(/^### .*/gm)).toEqual(['### Topics that grew']);
  });

  it('has no section without changes (a build from scratch)', () => {
    const plain = render();
    expect(plain.md).not.toContain('What changed');
    expect(plain.html).not.toContain('changes');
    expect(plain.model).not.toHaveProperty('changes');
  });
});
