/**
 * Adding papers to an earlier build
 * =================================
 *
 * `build NEW --into DIR` must find the papers DIR holds already, whatever id each side knows
 * them by: the earlier build may know a paper by its title only (`title:<hash>`) while the
 * new source has its DOI or arXiv id. Input papers are matched to the earlier ones with the
 * keys and rules of deduplication (DOI, arXiv id, own id, normalized title; differing DOIs or
 * arXiv ids keep two papers apart). An earlier paper that a match adds to (a new id, source,
 * longer abstract…) is merged as a build from scratch would merge it, and replaces the
 * earlier record, under its new id when it gained a DOI or arXiv id.
 */
import type { PaperRecord, SourceRef } from '../model.js';
import { byId, conflicts, finishPaper, mergeFields, recordKeys, type Draft } from './merge.js';

/** What {@link mergeWithBuild} returns. */
export interface BuildMerge {
  /** Input papers the earlier build does not hold, in id order. */
  added: PaperRecord[];
  /** Earlier papers the input adds to, merged, in id order (their ids may have changed). */
  updated: PaperRecord[];
  /** Ids of the earlier papers that `updated` replaces. */
  replaced: Set<string>;
  /** Input papers the earlier build holds already (whether they add to them or not). */
  alreadyInBuild: number;
}

// Ids that ingest derives from fields; any other id was a record's own.
const DERIVED_ID = /^(?:doi|arxiv|title):/;

function toDraft(paper: PaperRecord): Draft {
  const { id, ...fields } = paper;
  const draft: Draft = { ...fields, sources: [...paper.sources] };
  if (!DERIVED_ID.test(id)) draft.givenId = id;
  return draft;
}

const sourceKey = (s: SourceRef): string => `${s.format}\u0000${s.file}\u0000${s.line}`;

/**
 * Matches input `papers` (deduplicated among themselves) to the papers of an earlier build
 * (`prior`): which are new, which the build holds, and which earlier papers they add to.
 * Pure and deterministic.
 */
export function mergeWithBuild(prior: readonly PaperRecord[], papers: readonly PaperRecord[]): BuildMerge {
  const byKey = new Map<string, number>();
  const drafts = new Map<number, Draft>();
  const draftOf = (index: number): Draft => drafts.get(index) ?? toDraft(prior[index]!);
  prior.forEach((paper, index) => {
    for (const key of recordKeys(toDraft(paper))) if (!byKey.has(key)) byKey.set(key, index);
  });
  const added: PaperRecord[] = [];
  let alreadyInBuild = 0;
  for (const paper of papers) {
    const incoming = toDraft(paper);
    const keys = recordKeys(incoming);
    let index: number | undefined;
    for (const key of keys) if ((index = byKey.get(key)) !== undefined) break;
    if (index === undefined || conflicts(draftOf(index), incoming)) {
      added.push(paper);
      continue;
    }
    alreadyInBuild++;
    const draft = draftOf(index);
    mergeFields(draft, incoming);
    const seen = new Set(draft.sources.map(sourceKey));
    for (const source of incoming.sources) if (!seen.has(sourceKey(source))) draft.sources.push(source);
    drafts.set(index, draft);
    for (const key of recordKeys(draft)) if (!byKey.has(key)) byKey.set(key, index);
  }
  const updated: PaperRecord[] = [];
  const replaced = new Set<string>();
  for (const [index, draft] of drafts) {
    const before = prior[index]!;
    const after = finishPaper(draft);
    if (JSON.stringify(after) === JSON.stringify(finishPaper(toDraft(before)))) continue;
    updated.push(after);
    replaced.add(before.id);
  }
  return { added, updated: updated.sort(byId), replaced, alreadyInBuild };
}
