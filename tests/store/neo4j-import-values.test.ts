/**
 * The neo4j-admin import files are read by a program, not a spreadsheet: values are exact,
 * a title starting with `=` included (spreadsheet CSVs write it as text; see tests/csv.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { formatNeo4jImport } from '../../src/store/index.js';
import { createSmallCommunities, createSmallGraph } from './fixtures/small-graph.js';

describe('formatNeo4jImport values', () => {
  it('keeps a title that starts like a formula exactly as it is', () => {
    const graph = createSmallGraph();
    const paper = graph.findNode((_n, a) => a.kind === 'paper')!;
    graph.updateNodeAttributes(paper, (a) => ({ ...a, title: '=1+1 and @mentions' }));
    const papers = formatNeo4jImport(graph, createSmallCommunities()).find((f) => f.name === 'papers.csv')!.content;
    expect(papers).toContain('"=1+1 and @mentions"');
    expect(papers).not.toContain("'=1+1");
  });
});
