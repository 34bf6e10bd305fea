/**
 * Evidence in graph.json
 * ======================
 *
 * A MENTIONS edge's evidence names the sentence and the mention by character offsets into the
 * paper's title or abstract. `graph.json` holds no sentence text, since the paper node holds the
 * text already: on a large corpus the copied sentences were most of the file (the mention store,
 * src/mention-store.ts, keeps the offsets only too). Readers of `graph.json` as plain JSON restore
 * the text with {@link restoreEvidenceSentences}.
 */
import type { Evidence } from './model.js';

/** One evidence entry as `graph.json` stores it. */
export interface StoredEvidence {
  field: Evidence['field'];
  sentenceStart: number;
  /** End of the sentence in the field text (exclusive). */
  sentenceEnd: number;
  start: number;
  end: number;
}


/** The parts of a graphology export this module reads and rewrites. */
interface SerializedGraph {
  nodes: { key: string; attributes?: Record<string, unknown> }[];
  edges: { source: string; attributes?: Record<string, unknown> }[];
}

/**
 * Puts the sentence text back into every MENTIONS edge's evidence of a parsed `graph.json`
 * (in place), from the source paper's title or abstract. Entries that still carry their
 * sentence (files written before evidence was stored by offsets) are left as they are.
 */
export function restoreEvidenceSentences(data: SerializedGraph): void {
  const texts = new Map<string, { title?: unknown; abstract?: unknown }>();
  for (const node of data.nodes) if (node.attributes?.kind === 'paper') texts.set(node.key, node.attributes);
  for (const edge of data.edges) {
    const a = edge.attributes;
    if (a?.type !== 'MENTIONS' || !Array.isArray(a.evidence)) continue;
    const paper = texts.get(edge.source);
    a.evidence = (a.evidence as unknown[]).map((entry) => {
      const e = entry as Partial<StoredEvidence & Evidence>;
      if (typeof e?.sentence === 'string' || typeof e?.sentenceEnd !== 'number') return entry;
      const text = e.field === 'title' ? paper?.title : paper?.abstract;
      const sentence = typeof text === 'string' ? text.slice(e.sentenceStart, e.sentenceEnd) : '';
      const restored: Evidence = { field: e.field!, sentence, sentenceStart: e.sentenceStart!, start: e.start!, end: e.end! };
      return restored;
    });
  }
}
