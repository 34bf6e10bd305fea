/**
 * Paper identity in the database
 * ==============================
 *
 * A paper written once under its title hash (`title:<hash>`) and again, by another corpus or a
 * later build, with its DOI or arXiv id is one Paper node. The rules are those of ingest's
 * deduplication and of `build --into`: papers are the same when they share a DOI, an arXiv id,
 * their own id or their title, tried in that order, unless their DOIs, arXiv ids or own ids
 * differ. The ids come from ingest (the records' fields and its title hash), so the files and
 * the database cannot disagree about which papers are one.
 *
 * A Paper node keeps each id it was given (`doi`, `arxivId`, `givenId`, `titleId`), and its `id`
 * is the best of them (`doi:` > `arxiv:` > own id > `title:`), as ingest derives ids.
 */
import type { PaperRecord } from '../model.js';

/** The ids a paper is known by; null where it has none. */
export interface PaperIdentity {
  /** Lower-case DOI. */
  doi: string | null;
  /** arXiv id without version. */
  arxivId: string | null;
  /** A record's own id (a JSON `id`), when it was the paper's id. */
  givenId: string | null;
  /** `title:<hash of the normalized title>`, as ingest derives it. */
  titleId: string | null;
}

/** A paper the database holds: its node's `id` and the ids it was given. */
export interface StoredPaper extends PaperIdentity {
  id: string;
}

/** Where a paper of a write goes: the node it updates, and the id that node ends up with. */
export interface PaperMatch {
  /** The `id` the node has in the database now. */
  stored: string;
  /** Its id after the write (the best id of the merged identity). */
  id: string;
  /** The ids of the stored node and of the row together. */
  identity: PaperIdentity;
}

/** The identity fields, in the order ingest tries them as keys. */
const KINDS = ['doi', 'arxivId', 'givenId', 'titleId'] as const;

/** The identity that a paper id alone tells (`doi:…`, `arxiv:…`, `title:…`, else an own id). */
export function identityFromId(id: string): PaperIdentity {
  const identity: PaperIdentity = { doi: null, arxivId: null, givenId: null, titleId: null };
  if (id.startsWith('doi:')) identity.doi = id.slice(4);
  else if (id.startsWith('arxiv:')) identity.arxivId = id.slice(6);
  else if (id.startsWith('title:')) identity.titleId = id;
  else identity.givenId = id;
  return identity;
}

/**
 * The identity of each paper record, by paper id: its DOI and arXiv id, its own id when that
 * is its id, and `titleId(title)`, ingest's id of a paper known by its title only.
 */
export function paperIdentities(
  papers: readonly PaperRecord[],
  titleId: (title: string) => string,
): Map<string, PaperIdentity> {
  const identities = new Map<string, PaperIdentity>();
  for (const paper of papers) {
    const identity = identityFromId(paper.id);
    identity.doi = paper.doi?.toLowerCase() ?? identity.doi;
    identity.arxivId = paper.arxivId ?? identity.arxivId;
    identity.titleId = titleId(paper.title);
    identities.set(paper.id, identity);
  }
  return identities;
}

/** Every id a node of this identity may have been written under, best first. */
export function candidateIds(identity: PaperIdentity): string[] {
  const ids: string[] = [];
  if (identity.doi) ids.push(`doi:${identity.doi}`);
  if (identity.arxivId) ids.push(`arxiv:${identity.arxivId}`);
  if (identity.givenId) ids.push(identity.givenId);
  if (identity.titleId) ids.push(identity.titleId);
  return ids;
}

/** The id of a paper with this identity: `doi:` > `arxiv:` > own id > `title:`. */
export function bestId(identity: PaperIdentity): string | undefined {
  return candidateIds(identity)[0];
}

/** True when the two cannot be one paper: their DOIs, arXiv ids or own ids differ. */
export function identitiesConflict(a: PaperIdentity, b: PaperIdentity): boolean {
  return (['doi', 'arxivId', 'givenId'] as const).some((kind) => a[kind] !== null && b[kind] !== null && a[kind] !== b[kind]);
}

/** The ids of both: the first's where both have one (the stored node keeps what it had). */
export function mergeIdentities(first: PaperIdentity, second: PaperIdentity): PaperIdentity {
  return {
    doi: first.doi ?? second.doi,
    arxivId: first.arxivId ?? second.arxivId,
    givenId: first.givenId ?? second.givenId,
    titleId: first.titleId ?? second.titleId,
  };
}

/**
 * The stored node each paper of a write updates (pure; rows in write order). A paper takes the
 * first stored paper that shares its DOI, else its arXiv id, own id or title id, unless their
 * ids conflict; then it is a new paper. A stored node goes to one paper of the write only (the
 * first), and its id becomes the best of the merged ids unless another stored node has that id.
 * Papers without a match are absent from the result.
 */
export function matchStoredPapers(
  rows: readonly { id: string; identity: PaperIdentity }[],
  candidates: ReadonlyMap<string, readonly StoredPaper[]>,
): Map<string, PaperMatch> {
  const matches = new Map<string, PaperMatch>();
  const claimed = new Set<string>();
  for (const row of rows) {
    // In id order, as ingest meets earlier papers: the same database gives the same matches.
    const found = [...(candidates.get(row.id) ?? [])].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const stored = firstSharingKey(row.identity, found);
    if (!stored || claimed.has(stored.id) || identitiesConflict(stored, row.identity)) continue;
    claimed.add(stored.id);
    const identity = mergeIdentities(identityOfStored(stored), row.identity);
    const best = bestId(identity) ?? stored.id;
    const taken = found.some((other) => other.id === best && other.id !== stored.id);
    matches.set(row.id, { stored: stored.id, id: taken ? stored.id : best, identity });
  }
  return matches;
}

/** A stored paper's ids: its properties, and what its `id` tells (nodes written before they were kept). */
function identityOfStored(stored: StoredPaper): PaperIdentity {
  const { doi, arxivId, givenId, titleId } = stored;
  return mergeIdentities({ doi, arxivId, givenId, titleId }, identityFromId(stored.id));
}

/** The first of `found` sharing a key with `identity`, keys tried in ingest's order. */
function firstSharingKey(identity: PaperIdentity, found: readonly StoredPaper[]): StoredPaper | undefined {
  const known = found.map((stored) => ({ stored, identity: identityOfStored(stored) }));
  for (const kind of KINDS) {
    const value = identity[kind];
    if (value === null) continue;
    const hit = known.find((k) => k.identity[kind] === value);
    if (hit) return hit.stored;
  }
  return undefined;
}
