/**
 * One Paper node per paper across id kinds, against a real Neo4j (the global setup's server).
 * A corpus that knows its papers by title only, then another with their DOIs and arXiv ids
 * (or the other way round), must leave one node per paper, which gains the new ids; a killed
 * write, run again, ends with the same counts.
 */
import { DirectedGraph } from 'graphology';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { paperId } from '../../src/ingest/index.js';
import type { CommunitiesFile, PaperNodeAttributes } from '../../src/model.js';
import { paperNodeKey } from '../../src/model.js';
import { clearDatabase, countGraph, openStore, runQuery, writeGraph, type KnowledgeGraph, type StoreContext } from './helpers.js';
import { createSmallCommunities, createSmallGraph, type FixtureGraph } from './fixtures/small-graph.js';
import { toKnowledgeGraph, withMentionEdges } from '../../src/mention-store.js';

const connection = inject('neo4j');
let ctx: StoreContext;

beforeAll(async () => {
  if (!connection) throw new Error('no Neo4j for this run: the global setup (tests/setup/neo4j.ts) did not start one');
  ctx = await openStore(connection);
});

afterAll(async () => {
  await ctx?.driver.close();
});

const titleOf = (graph: FixtureGraph, id: string) => (graph.getNodeAttributes(paperNodeKey(id)) as PaperNodeAttributes).title;

/** The fixture as a source that has no DOI or arXiv id: every paper under ingest's title id. */
function byTitleOnly(knowledgeGraph: KnowledgeGraph, communities: CommunitiesFile): { graph: KnowledgeGraph; communities: CommunitiesFile } {
  const graph = withMentionEdges(knowledgeGraph);
  const idOf = (id: string) => paperId({ title: titleOf(graph, id) });
  const copy: FixtureGraph = new DirectedGraph();
  copy.replaceAttributes(graph.getAttributes());
  const keyOf = (node: string) => {
    const a = graph.getNodeAttributes(node);
    return a.kind === 'paper' ? paperNodeKey(idOf(a.id)) : node;
  };
  graph.forEachNode((node, a) => copy.addNode(keyOf(node), a.kind === 'paper' ? { ...a, id: idOf(a.id) } : { ...a }));
  graph.forEachEdge((_e, a, source, target) => copy.addDirectedEdge(keyOf(source), keyOf(target), { ...a }));
  const renamed = { ...communities, communities: communities.communities.map((c) => ({ ...c, papers: c.papers.map(idOf) })) };
  return { graph: toKnowledgeGraph(copy), communities: renamed };
}

/** What ingest knows of each fixture paper: the ids its id tells, and its title id. */
function identitiesOf(graph: FixtureGraph) {
  const identities = new Map<string, { doi: string | null; arxivId: string | null; givenId: string | null; titleId: string }>();
  graph.forEachNode((_n, a) => {
    if (a.kind !== 'paper') return;
    identities.set(a.id, {
      doi: a.id.startsWith('doi:') ? a.id.slice(4) : null,
      arxivId: a.id.startsWith('arxiv:') ? a.id.slice(6) : null,
      givenId: null,
      titleId: paperId({ title: a.title }),
    });
  });
  return identities;
}

const papersNow = async () =>
  (await runQuery(ctx, 'MATCH (p:Paper) RETURN p.id AS id, p.titleId AS titleId, p.corpora AS corpora ORDER BY id')).rows;

describe.sequential('a paper known by its title, then by its DOI or arXiv id', () => {
  const withIds = createSmallGraph();
  const titled = byTitleOnly(withIds, createSmallCommunities());
  const identities = identitiesOf(withIds);

  it('a second corpus with the DOIs and arXiv ids updates the title-only nodes: same counts, ids gained', async () => {
    await clearDatabase(ctx);
    await writeGraph(ctx, titled.graph, titled.communities, { corpus: 'bundled' });
    const first = await countGraph(ctx);
    expect(first.papers).toBe(3);

    await writeGraph(ctx, withIds, createSmallCommunities(), { corpus: 'zotero', identities });
    const second = await countGraph(ctx);
    expect(second.papers).toBe(3);
    expect(second.mentions).toBe(first.mentions);
    const papers = await papersNow();
    // The NTK and wide-network papers now go by their arXiv id and DOI; the third had neither.
    expect(papers.map((p) => p.id)).toEqual(['arxiv:1806.07572', 'doi:10.1000/wide', paperId({ title: titleOf(withIds, 'title:0123456789abcdef') })]);
    for (const p of papers) expect(p.corpora).toEqual(['bundled', 'zotero']);
    const ntk = await runQuery(ctx, 'MATCH (p:Paper {id: $id}) RETURN p.arxivId AS arxivId, p.titleId AS titleId', { id: 'arxiv:1806.07572' });
    expect(ntk.rows).toEqual([{ arxivId: '1806.07572', titleId: paperId({ title: titleOf(withIds, 'arxiv:1806.07572') }) }]);
    // Each corpus's topics keep their papers.
    const members = await runQuery(ctx, "MATCH (:Paper)-[:IN_COMMUNITY]->(m:Community {level: 'topic'}) RETURN m.corpus AS corpus, count(*) AS n ORDER BY corpus");
    expect(members.rows).toEqual([{ corpus: 'bundled', n: 3 }, { corpus: 'zotero', n: 3 }]);
  });

  it('written again, and the title-only corpus again after it, nothing is added', async () => {
    const before = await countGraph(ctx);
    await writeGraph(ctx, withIds, createSmallCommunities(), { corpus: 'zotero', identities });
    await writeGraph(ctx, titled.graph, titled.communities, { corpus: 'bundled' });
    expect(await countGraph(ctx)).toEqual(before);
    // The title-only write finds the nodes by their title ids and leaves their better ids alone.
    expect((await papersNow()).map((p) => p.id)).toContain('arxiv:1806.07572');
  });

  it('the other way round: a title-only corpus after one with DOIs updates those nodes', async () => {
    await clearDatabase(ctx);
    await writeGraph(ctx, withIds, createSmallCommunities(), { corpus: 'zotero', identities });
    const first = await countGraph(ctx);
    await writeGraph(ctx, titled.graph, titled.communities, { corpus: 'bundled' });
    const second = await countGraph(ctx);
    expect(second.papers).toBe(first.papers);
    expect(second.mentions).toBe(first.mentions);
    expect((await papersNow()).map((p) => p.id)).toEqual(expect.arrayContaining(['arxiv:1806.07572', 'doi:10.1000/wide']));
  });

  it('a write killed after renaming the papers, run again, ends with the counts of a clean write', async () => {
    await clearDatabase(ctx);
    await writeGraph(ctx, titled.graph, titled.communities, { corpus: 'bundled' });
    await writeGraph(ctx, withIds, createSmallCommunities(), { corpus: 'zotero', identities });
    const clean = await countGraph(ctx);

    await clearDatabase(ctx);
    await writeGraph(ctx, titled.graph, titled.communities, { corpus: 'bundled' });
    // Stopped once the stored papers took their new ids, before their MENTIONS were replaced.
    const killed = writeGraph(ctx, withIds, createSmallCommunities(), {
      corpus: 'zotero',
      identities,
      batchSize: 1,
      onStep: (step) => {
        if (step.name === 'papers') throw new Error('killed');
      },
    });
    await expect(killed).rejects.toThrow('killed');
    await writeGraph(ctx, withIds, createSmallCommunities(), { corpus: 'zotero', identities });
    expect(await countGraph(ctx)).toEqual(clean);
    expect((await papersNow()).length).toBe(3);
  });
});
