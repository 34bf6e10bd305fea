// The concept samples the hand labels cover, and the reading of a build folder they are drawn
// from. Shared by bench/graph-quality.mjs (which scores the samples) and label-sheet.mjs (which
// prints them for a person to label), so both always mean the same 200 concepts of a build.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

/** How many concepts each sample holds. */
export const SAMPLE_SIZE = 100;
/** The seed of the random sample (a seeded shuffle of all concept keys). */
export const SAMPLE_SEED = 42;
/** The hand labels, one row per (corpus, key). */
export const LABELS_FILE = new URL('concepts.tsv', import.meta.url);
/** The four labels of RUBRIC.md. */
export const LABELS = ['good', 'generic', 'broken', 'duplicate'];

const byKey = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Reads what the figures need from a build folder: concepts (key, df, aliases, community, x,
 * y), papers (id, title, abstract, community) and their MENTIONS (concept key, evidence with its
 * sentence text restored, listed on both the paper and the concept), and communities.json
 * (its topics as `communities`, its `fields` when the build has them).
 */
export function readBuild(dir) {
  const graph = JSON.parse(readFileSync(join(dir, 'graph.json'), 'utf8'));
  const concepts = new Map();
  const papers = new Map();
  for (const node of graph.nodes) {
    const a = node.attributes ?? {};
    if (a.kind === 'concept') {
      concepts.set(a.key, { key: a.key, label: a.label, aliases: a.aliases ?? [], df: a.df ?? 0, community: a.community, field: a.field, x: a.x, y: a.y, mentions: [] });
    } else if (a.kind === 'paper') {
      papers.set(node.key, { id: a.id, title: a.title ?? '', abstract: a.abstract ?? '', community: a.community, field: a.field, mentions: [] });
    }
  }
  for (const edge of graph.edges) {
    const a = edge.attributes ?? {};
    if (a.type !== 'MENTIONS') continue;
    const paper = papers.get(edge.source);
    const concept = concepts.get(edge.target.replace(/^concept:/, ''));
    if (!paper || !concept) continue;
    const evidence = (a.evidence ?? []).map((e) => {
      const text = e.field === 'title' ? paper.title : paper.abstract;
      // Older builds stored the sentence itself instead of its end offset.
      const sentence = typeof e.sentence === 'string' ? e.sentence : text.slice(e.sentenceStart, e.sentenceEnd);
      return { field: e.field, start: e.start, end: e.end, sentenceStart: e.sentenceStart, sentence };
    });
    const mention = { key: concept.key, paper, evidence };
    paper.mentions.push(mention);
    concept.mentions.push(mention);
  }
  // Paper communities from papers.jsonl when graph.json's paper nodes lack them.
  const papersFile = join(dir, 'papers.jsonl');
  if (existsSync(papersFile)) {
    const community = new Map();
    for (const line of readFileSync(papersFile, 'utf8').split('\n')) {
      if (!line) continue;
      const p = JSON.parse(line);
      community.set(p.id, p.community);
    }
    for (const p of papers.values()) if (p.community === undefined) p.community = community.get(p.id);
  }
  const file = JSON.parse(readFileSync(join(dir, 'communities.json'), 'utf8'));
  return { concepts, papers: [...papers.values()], communities: file.communities ?? [], fields: file.fields };
}

/** The SAMPLE_SIZE concepts of highest df, ties by key. */
export function topByDf(concepts) {
  return [...concepts.values()]
    .sort((a, b) => b.df - a.df || byKey(a.key, b.key))
    .slice(0, SAMPLE_SIZE)
    .map((c) => c.key);
}

/**
 * SAMPLE_SIZE concept keys drawn at random with a fixed seed: the keys of lowest seeded hash
 * (ties by key). A key's draw depends on the key alone, so a change that adds or removes a few
 * concepts changes the sample by those few, and the labels of the rest still count (a shuffle of
 * all keys drew a new sample whenever one key changed).
 */
export function randomSample(concepts, seed = SAMPLE_SEED) {
  const draw = new Map([...concepts.keys()].map((key) => [key, mix32(fnv1a(`${seed}\t${key}`))]));
  return [...draw.keys()].sort((a, b) => draw.get(a) - draw.get(b) || byKey(a, b)).slice(0, SAMPLE_SIZE);
}

/** MurmurHash3's 32-bit finaliser: spreads FNV's bits, so the draw is independent of the split. */
function mix32(h) {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** FNV-1a, 32 bits, of a string's UTF-16 code units. */
function fnv1a(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The fixed split of a label: about 30% of (corpus, key) pairs are held out, chosen by hash. */
export function splitOf(corpus, key) {
  return fnv1a(`${corpus}\t${key}`) % 10 < 3 ? 'heldout' : 'dev';
}

/** The hand labels of one corpus: key → {label, split, note}. */
export function readLabels(corpus, file = LABELS_FILE) {
  const labels = new Map();
  if (!existsSync(file)) return labels;
  const [header, ...rows] = readFileSync(file, 'utf8').split('\n');
  const columns = header.split('\t');
  for (const row of rows) {
    if (!row.trim()) continue;
    const cells = row.split('\t');
    const r = Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? '']));
    if (r.corpus !== corpus) continue;
    if (!LABELS.includes(r.label)) throw new Error(`${file}: label "${r.label}" of "${r.key}" is none of ${LABELS.join(', ')}`);
    labels.set(r.key, { label: r.label, split: r.split, note: r.note });
  }
  return labels;
}

/**
 * Up to `count` evidence sentences of a concept, each from a different paper (in graph.json's
 * edge order), with the mention marked [[like this]].
 */
export function evidenceSentences(build, key, count) {
  const out = [];
  for (const m of build.concepts.get(key)?.mentions ?? []) {
    const e = m.evidence[0];
    if (!e) continue;
    const s = e.start - e.sentenceStart;
    const t = e.end - e.sentenceStart;
    const marked = `${e.sentence.slice(0, s)}[[${e.sentence.slice(s, t)}]]${e.sentence.slice(t)}`;
    out.push(marked.replace(/\s+/g, ' ').trim());
    if (out.length >= count) break;
  }
  return out;
}
