/**
 * The write plan without a database: which statements run over which rows, in which order and
 * batches, given the keys the database already holds.
 */
import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { identityFromId } from '../../src/store/paper-identity.js';
import { graphToRows, type StoreRows } from '../../src/store/rows.js';
import { countRows, planWrite, renameStoredPapers, type StoredKeys, type WritePlan, type WriteStep } from '../../src/store/write-plan.js';
import { createSmallCommunities, createSmallGraph } from './fixtures/small-graph.js';
import { createKnowledgeGraph } from '../../src/mention-store.js';

const NTK_PAPER = 'arxiv:1806.07572';
const EMPTY: StoredKeys = { concepts: new Set(), papers: new Map() };

/** The database holds these papers under the same ids as the rows. */
const storedAsIs = (...ids: string[]): StoredKeys['papers'] =>
  new Map(ids.map((id) => [id, { stored: id, id, identity: identityFromId(id) }]));

const rows = (): StoreRows => graphToRows(createSmallGraph(), createSmallCommunities());
const plan = (stored: StoredKeys = EMPTY, options: Partial<{ batchSize: number; communities: boolean }> = {}, r = rows()): WritePlan =>
  planWrite(r, stored, { batchSize: 1000, communities: true, ...options });

function step(p: WritePlan, name: string): WriteStep {
  const found = p.steps.find((s) => s.name === name);
  if (!found) throw new Error(`no step ${name}`);
  return found;
}

/** Every batch's `$rows` of a step, in order. */
function batchRows(s: WriteStep): unknown[][] {
  return s.sizes.map((_, i) => s.batch(i).rows as unknown[]);
}

type PaperParam = { id: string; mentions: unknown[][]; inCommunities: number[] };

describe('planWrite', () => {
  it('gives steps without batches for no rows, and still replaces the communities', () => {
    const empty = graphToRows(createKnowledgeGraph());
    const p = plan(EMPTY, {}, empty);
    expect(p.clearCommunities).toBe(true);
    expect(p.steps.every((s) => s.sizes.length === 0)).toBe(true);
    expect(countRows(empty)).toBe(0);
  });

  it('orders nodes before the relationships that match them, communities before papers', () => {
    expect(plan().steps.map((s) => s.name)).toEqual([
      'concepts', 'aliases', 'broader', 'acronyms', 'communities', 'partOf', 'conceptMembersNew',
      'papers', 'papersNew', 'mentions', 'cooccursNew', 'cooccurs', 'paperMembersNew',
    ]);
  });

  it.each([
    ['an empty database', EMPTY],
    ['a database holding a paper and two concepts', { concepts: new Set(['gaussian process', 'neural tangent kernel']), papers: storedAsIs(NTK_PAPER) }],
  ])('sends every row exactly once into %s (the progress total)', (_, stored) => {
    const r = rows();
    const sent = plan(stored, {}, r).steps.reduce((n, s) => n + s.sizes.reduce((a, b) => a + b, 0), 0);
    expect(sent).toBe(countRows(r));
    // Papers, concepts, aliases, acronyms, MENTIONS, CO_OCCURS, topics and fields, PART_OF,
    // memberships at both levels, BROADER (one per concept).
    expect(countRows(r)).toBe(3 + 4 + r.aliases.length + r.acronyms.length + 6 + 3 + (2 + 1) + 2 + 2 * (4 + 3) + 4);
  });

  it('creates a new paper with its MENTIONS and IN_COMMUNITY in one statement', () => {
    const p = plan();
    const [papers] = batchRows(step(p, 'papersNew')) as [PaperParam[]];
    expect(papers.map((x) => x.id).sort()).toEqual([NTK_PAPER, 'doi:10.1000/wide', 'title:0123456789abcdef']);
    const concepts = step(p, 'papersNew').batch(0).concepts as string[];
    const ntk = papers.find((x) => x.id === NTK_PAPER)!;
    // Mentions name concepts by position in the batch's `$concepts`.
    expect(ntk.mentions.map((m) => concepts[m[0] as number])).toEqual(['neural tangent kernel', 'gaussian process', 'infinite width limit']);
    expect(ntk.mentions[0]!.slice(1, 3)).toEqual([2, 0.9]);
    // Communities likewise, by position in `$communities` ([level, id], ids driver integers):
    // the paper's topic and its field, each listed once per batch.
    const communities = step(p, 'papersNew').batch(0).communities as [string, ReturnType<typeof neo4j.int>][];
    const named = communities.map(([level, id]) => `${level} ${id.toNumber()}`);
    expect(ntk.inCommunities.map((i) => named[i])).toEqual(['topic 0', 'field 0']);
    expect(named.sort()).toEqual(['field 0', 'topic 0', 'topic 1']);
    expect(step(p, 'papers').sizes).toEqual([]);
    expect(step(p, 'mentions').sizes).toEqual([]);
    expect(step(p, 'paperMembersNew').sizes).toEqual([]);
  });

  it("merges a stored paper and replaces its MENTIONS as a whole; its IN_COMMUNITY comes last", () => {
    const p = plan({ concepts: new Set(), papers: storedAsIs(NTK_PAPER) });
    expect((batchRows(step(p, 'papersNew'))[0] as PaperParam[]).map((x) => x.id)).not.toContain(NTK_PAPER);
    expect(batchRows(step(p, 'papers'))).toEqual([[expect.objectContaining({ id: NTK_PAPER })]]);
    const mentions = step(p, 'mentions');
    expect(mentions.sizes).toEqual([3]);
    const batch = mentions.batch(0) as { rows: { paper: string; mentions: unknown[][] }[]; concepts: string[] };
    expect(batch.rows.map((r) => r.paper)).toEqual([NTK_PAPER]);
    expect(batch.rows[0]!.mentions.map((m) => batch.concepts[m[0] as number])).toEqual([
      'neural tangent kernel', 'gaussian process', 'infinite width limit',
    ]);
    expect(batchRows(step(p, 'paperMembersNew'))).toEqual([
      [
        { member: NTK_PAPER, level: 'topic', community: 0 },
        { member: NTK_PAPER, level: 'field', community: 0 },
      ],
    ]);
  });

  it('a paper stored under its title id is updated under its arXiv id: node renamed, MENTIONS and memberships follow', () => {
    const stored: StoredKeys['papers'] = new Map([
      [NTK_PAPER, { stored: 'title:aaaaaaaaaaaaaaaa', id: NTK_PAPER, identity: { ...identityFromId(NTK_PAPER), titleId: 'title:aaaaaaaaaaaaaaaa' } }],
    ]);
    const p = plan({ concepts: new Set(), papers: stored });
    expect((batchRows(step(p, 'papersNew'))[0] as PaperParam[]).map((x) => x.id)).not.toContain(NTK_PAPER);
    expect(batchRows(step(p, 'papers'))).toEqual([
      [expect.objectContaining({ stored: 'title:aaaaaaaaaaaaaaaa', id: NTK_PAPER, arxivId: '1806.07572', titleId: 'title:aaaaaaaaaaaaaaaa' })],
    ]);
    const batch = step(p, 'mentions').batch(0) as { rows: { paper: string }[] };
    expect(batch.rows.map((r) => r.paper)).toEqual([NTK_PAPER]);
    expect(batchRows(step(p, 'paperMembersNew'))).toEqual([
      [
        { member: NTK_PAPER, level: 'topic', community: 0 },
        { member: NTK_PAPER, level: 'field', community: 0 },
      ],
    ]);
  });

  it('a row paper whose stored node keeps a better id goes under that id everywhere', () => {
    const r = rows();
    const stored: StoredKeys['papers'] = new Map([[NTK_PAPER, { stored: 'doi:10.1/ntk', id: 'doi:10.1/ntk', identity: identityFromId('doi:10.1/ntk') }]]);
    const renamed = renameStoredPapers(r, stored);
    expect(renamed.storedPapers.map((x) => [x.stored, x.id])).toEqual([['doi:10.1/ntk', 'doi:10.1/ntk']]);
    expect(renamed.rows.papers.map((x) => x.id)).not.toContain(NTK_PAPER);
    expect(renamed.rows.mentions.filter((m) => m.paper === NTK_PAPER)).toEqual([]);
    expect(renamed.rows.mentions.filter((m) => m.paper === 'doi:10.1/ntk')).toHaveLength(3);
    expect(renamed.rows.paperMembers).toContainEqual({ member: 'doi:10.1/ntk', level: 'topic', community: 0 });
    expect(renamed.rows.paperMembers).toContainEqual({ member: 'doi:10.1/ntk', level: 'field', community: 0 });
    // The rows given are left as they were.
    expect(r.mentions.filter((m) => m.paper === NTK_PAPER)).toHaveLength(3);
  });

  it('merges CO_OCCURS only between two stored concepts, and creates the rest', () => {
    const p = plan({ concepts: new Set(['gaussian process', 'neural tangent kernel']), papers: new Map() });
    expect(batchRows(step(p, 'cooccurs'))).toEqual([[expect.objectContaining({ source: 'gaussian process', target: 'neural tangent kernel' })]]);
    const created = step(p, 'cooccursNew');
    expect(created.sizes).toEqual([2]);
    const batch = created.batch(0) as { rows: [number, [number, number, number][]][]; concepts: string[] };
    const pairs = batch.rows.flatMap(([s, targets]) => targets.map(([t]) => [batch.concepts[s], batch.concepts[t]]));
    expect(pairs).toEqual([['gaussian process', 'infinite width limit'], ['infinite width limit', 'neural tangent kernel']]);
  });

  it('with communities: false keeps the stored communities and merges memberships', () => {
    const p = plan(EMPTY, { communities: false });
    expect(p.clearCommunities).toBe(false);
    const names = p.steps.map((s) => s.name);
    expect(names).toContain('conceptMembers');
    expect(names).toContain('paperMembers');
    expect(names).not.toContain('conceptMembersNew');
    expect(names).not.toContain('paperMembersNew');
    expect((batchRows(step(p, 'papersNew'))[0] as PaperParam[]).every((x) => x.inCommunities.length === 0)).toBe(true);
    expect(step(p, 'paperMembers').sizes).toEqual([2 * 3]);
  });

  it('batches flat rows by batchSize and never splits a paper from its MENTIONS', () => {
    const p = plan(EMPTY, { batchSize: 3 });
    expect(step(p, 'concepts').sizes).toEqual([3, 1]);
    expect(batchRows(step(p, 'concepts')).map((b) => b.length)).toEqual([3, 1]);
    // Paper + 3 mentions + a topic and a field is 6 rows: over the batch size, so a batch of its own.
    const papers = step(p, 'papersNew');
    expect(batchRows(papers).map((b) => (b as PaperParam[]).map((x) => x.id))).toEqual([[NTK_PAPER], ['doi:10.1000/wide'], ['title:0123456789abcdef']]);
    expect(papers.sizes).toEqual([6, 5, 4]);
  });

  it('runs BROADER, the acronyms, communities, PART_OF, concept memberships and stored CO_OCCURS one batch at a time', () => {
    const serial = plan().steps.filter((s) => !s.parallel).map((s) => s.name);
    expect(serial).toEqual(['broader', 'acronyms', 'communities', 'partOf', 'conceptMembersNew', 'cooccurs']);
  });

  it('writes topics and fields before PART_OF, and PART_OF before the memberships', () => {
    const p = plan();
    expect(batchRows(step(p, 'communities'))).toEqual([
      [
        expect.objectContaining({ level: 'topic', id: 0 }),
        expect.objectContaining({ level: 'topic', id: 1 }),
        expect.objectContaining({ level: 'field', id: 0 }),
      ],
    ]);
    expect(batchRows(step(p, 'partOf'))).toEqual([[{ topic: 0, field: 0 }, { topic: 1, field: 0 }]]);
    const names = p.steps.map((s) => s.name);
    expect(names.indexOf('partOf')).toBeGreaterThan(names.indexOf('communities'));
    expect(names.indexOf('partOf')).toBeLessThan(names.indexOf('conceptMembersNew'));
    // Concept memberships at both levels.
    const levels = (batchRows(step(p, 'conceptMembersNew'))[0] as { level: string }[]).map((m) => m.level);
    expect(levels.filter((l) => l === 'topic')).toHaveLength(4);
    expect(levels.filter((l) => l === 'field')).toHaveLength(4);
  });
});
