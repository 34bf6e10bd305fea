/**
 * The corpus result refined
 * =========================
 *
 * What the corpus pass decides key by key, corrected with the whole result in view:
 * - **Variants are one concept.** Keys that differ only in case, apostrophes, hyphens or spaces
 *   ("co-occurrence", "cooccurrence"; "BLEU", "bleu"; "FBK", "FBK’s") are spellings of one term:
 *   they merge into the variant most papers keep, which gives the key and the label.
 * - **A light head adds nothing to the concept it follows.** "transformer architecture",
 *   "clustering algorithm", "prompting strategy" are the concept and a word any field uses for
 *   a facet of it (see {@link LIGHT_HEADS}); they merge into the concept when papers write it
 *   on its own at least as often ("downstream task" stays: "downstream" alone is rarer).
 * - **A mention belongs to the longest concept it is part of.** A span of a paper that lies
 *   inside a longer span of another of the paper's concepts ("language model" inside "large
 *   language model") counts for the longer one only; a concept left with no span of its own in
 *   a paper is not one of its concepts there.
 * - **Nesting becomes structure.** A concept whose key ends in another concept's key is narrower
 *   than it ("modern hopfield network" → "hopfield network"): `broader` names the longest such.
 * Document frequencies are counted again from the papers afterwards. Pure and deterministic.
 */
import { compareStrings } from '../../compare-strings.js';
import type { AmbiguousAcronym, ConceptInfo, ConceptMention, Evidence, ExtractionResult, PaperConcepts } from '../../model.js';
import { applyLabels } from './labels.js';

/** The form two spellings of one term share: lower case, without possessives, apostrophes, hyphens or spaces. */
export function variantForm(key: string): string {
  return key
    .toLowerCase()
    .replace(/['’]s\b/g, '')
    .replace(/['’‘`]/g, '')
    .replace(/[\s\-‐‑‒–—]+/g, '');
}

/**
 * The key each concept key merges into (only keys that change are listed): within a group of
 * keys with one {@link variantForm}, the key of most papers, then the one written with spaces
 * (more readable), then the first in key order.
 */
export function variantTargets(concepts: readonly Pick<ConceptInfo, 'key' | 'df'>[]): Map<string, string> {
  const groups = new Map<string, Pick<ConceptInfo, 'key' | 'df'>[]>();
  for (const c of concepts) {
    const form = variantForm(c.key);
    const group = groups.get(form);
    if (group) group.push(c);
    else groups.set(form, [c]);
  }
  const targets = new Map<string, string>();
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const spaces = (key: string): number => key.split(' ').length;
    const best = [...group].sort((a, b) => b.df - a.df || spaces(b.key) - spaces(a.key) || compareStrings(a.key, b.key))[0]!;
    for (const c of group) if (c.key !== best.key) targets.set(c.key, best.key);
  }
  return targets;
}

/**
 * Nouns of general English that name a facet of the concept before them rather than a kind of
 * thing (light heads): the same in every field, so not a list of one field's terms. Heads that
 * make lexicalized terms ("method": kernel method, finite element method; "problem": assignment
 * problem; "principle", "family") are left out.
 */
export const LIGHT_HEADS: ReadonlySet<string> = new Set([
  'approach', 'methodology', 'technique', 'strategy', 'framework', 'architecture', 'algorithm',
  'paradigm', 'pipeline', 'module', 'mechanism', 'setting', 'regime', 'setup', 'task',
  'capability', 'ability', 'performance', 'behavior', 'perspective', 'viewpoint', 'idea',
  'component', 'toolkit',
]);

/**
 * Light-head compounds merged into the concept they follow ("transformer architecture" →
 * "transformer"), when the concept is in at least as many papers (`df`) as the compound. Only
 * compounds that `own` their spans fold: for the others, the concept's count still holds the
 * spans inside the compound and says nothing.
 */
export function lightHeadTargets(concepts: readonly Pick<ConceptInfo, 'key' | 'df'>[], owns: (key: string) => boolean): Map<string, string> {
  const df = new Map(concepts.map((c) => [c.key, c.df]));
  const folds = new Map<string, string>();
  for (const c of concepts) {
    const cut = c.key.lastIndexOf(' ');
    if (cut <= 0 || !LIGHT_HEADS.has(c.key.slice(cut + 1)) || !owns(c.key)) continue;
    const concept = c.key.slice(0, cut);
    if ((df.get(concept) ?? 0) >= c.df) folds.set(c.key, concept);
  }
  // "clustering algorithm approach" → "clustering algorithm" → "clustering".
  for (const [from, to] of folds) {
    let end = to;
    for (let hops = 0; folds.has(end) && hops < folds.size; hops++) end = folds.get(end)!;
    folds.set(from, end);
  }
  return folds;
}

const byTextOrder = (a: Evidence, b: Evidence): number =>
  (a.field === b.field ? 0 : a.field === 'title' ? -1 : 1) || a.start - b.start || a.end - b.end;

/** The text a span of evidence covers. */
function surfaceOf(e: Evidence): string {
  return e.sentence.slice(e.start - e.sentenceStart, e.end - e.sentenceStart);
}

/** One mention from several of one paper (variants of one concept): spans united, best score. */
function mergeMentions(key: string, mentions: readonly ConceptMention[]): ConceptMention {
  if (mentions.length === 1) return { ...mentions[0]!, key };
  const evidence: Evidence[] = [];
  const seen = new Set<string>();
  for (const m of mentions) {
    for (const e of m.evidence) {
      const id = `${e.field}:${e.start}:${e.end}`;
      if (seen.has(id)) continue;
      seen.add(id);
      evidence.push(e);
    }
  }
  evidence.sort(byTextOrder);
  const forms = [...new Set(mentions.flatMap((m) => m.forms))];
  const score = Math.max(...mentions.map((m) => m.score));
  return { key, label: mentions[0]!.label, forms, count: evidence.length, score, evidence };
}

/** A paper's mentions with variant keys merged (rank order kept: by score, then key). */
function mergePaperVariants(pc: PaperConcepts, targets: ReadonlyMap<string, string>): void {
  if (!pc.concepts.some((m) => targets.has(m.key))) return;
  const byKey = new Map<string, ConceptMention[]>();
  for (const m of pc.concepts) {
    const key = targets.get(m.key) ?? m.key;
    const list = byKey.get(key);
    if (list) list.push(m);
    else byKey.set(key, [m]);
  }
  pc.concepts = [...byKey].map(([key, list]) => mergeMentions(key, list));
  pc.concepts.sort((x, y) => y.score - x.score || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
}

/**
 * A paper's mentions, each without the spans that lie inside a longer span of another of its
 * concepts that `owns` spans; mentions left with no span are dropped.
 */
export function ownNestedSpans(concepts: readonly ConceptMention[], owns: (key: string) => boolean = () => true): ConceptMention[] {
  const spans = concepts.flatMap((m) => (owns(m.key) ? m.evidence.map((e) => ({ field: e.field, start: e.start, end: e.end })) : []));
  // A longer span holding this one, of another concept or of the same (a merged light-head compound).
  const inside = (e: Evidence): boolean =>
    spans.some((s) => s.field === e.field && s.start <= e.start && e.end <= s.end && s.end - s.start > e.end - e.start);
  const kept: ConceptMention[] = [];
  for (const m of concepts) {
    const own = m.evidence.filter((e) => !inside(e));
    if (own.length === m.evidence.length) kept.push(m);
    else if (own.length > 0) {
      const forms = m.forms.filter((f) => own.some((e) => surfaceOf(e) === f));
      kept.push({ ...m, forms: forms.length ? forms : m.forms, count: own.length, evidence: own });
    }
  }
  return kept;
}

/**
 * The broader concept of each key that has one: the longest other key it ends in, word for
 * word ("modern hopfield network" → "hopfield network", else "network").
 */
export function broaderConcepts(keys: Iterable<string>): Map<string, string> {
  const known = new Set(keys);
  const broader = new Map<string, string>();
  for (const key of known) {
    const words = key.split(' ');
    for (let from = 1; from < words.length; from++) {
      const tail = words.slice(from).join(' ');
      if (known.has(tail)) {
        broader.set(key, tail);
        break;
      }
    }
  }
  return broader;
}

/** Merges the concept facts of a variant group into its target's (aliases united, best termhood). */
function mergeConceptInfo(target: ConceptInfo, variant: ConceptInfo): void {
  target.aliases = [...new Set([...target.aliases, ...variant.aliases])].sort();
  target.termhood = Math.max(target.termhood, variant.termhood);
  // An upper bound until the papers are counted again (which concept owns nested spans reads it).
  target.df += variant.df;
  target.acronym ??= variant.acronym;
}

/**
 * The corpus pass's papers and concepts, finished: labels applied, variants merged, nested
 * spans owned by the longer concept, document frequencies counted again, broader concepts set.
 * `concepts` are sorted by key; concepts fewer than `minDf` papers keep any more are left out.
 *
 * Only a concept of at least two papers (and `minDf`) owns the spans inside its own: a phrase
 * of one paper is no node of the graph, and must not take a mention from one.
 */
export function refineResult(
  papers: PaperConcepts[],
  concepts: readonly ConceptInfo[],
  ambiguousAcronyms: AmbiguousAcronym[],
  labels: ReadonlyMap<string, string>,
  minDf = 1,
): ExtractionResult {
  const info = new Map(concepts.map((c) => [c.key, { ...c }]));
  const variants = variantTargets(concepts);
  for (const [from, to] of variants) mergeConceptInfo(info.get(to)!, info.get(from)!);
  const ownerDf = Math.max(2, minDf);
  const owns = (key: string): boolean => (info.get(key)?.df ?? 0) >= ownerDf;
  for (const pc of papers) {
    mergePaperVariants(pc, variants);
    pc.concepts = ownNestedSpans(pc.concepts, owns);
  }
  // A light head folds by what papers write on their own: "transformer" written alone in more
  // papers than "transformer architecture"; not "downstream", written only before "task".
  const ownDf = countPapers(papers);
  const folds = lightHeadTargets([...ownDf].map(([key, df]) => ({ key, df })), owns);
  for (const [from, to] of folds) mergeConceptInfo(info.get(to)!, info.get(from)!);
  if (folds.size) {
    // The merged compound's span holds the concept's own (when the compound owned none).
    for (const pc of papers) {
      mergePaperVariants(pc, folds);
      pc.concepts = ownNestedSpans(pc.concepts, owns);
    }
  }
  const df = countPapers(papers);
  const targets = new Map([...variants].map(([from, to]) => [from, folds.get(to) ?? to]));
  for (const [from, to] of folds) targets.set(from, to);
  const finalLabels = new Map([...labels].map(([key, label]) => [key, labels.get(targets.get(key) ?? key) ?? label]));
  for (const pc of papers) {
    if (minDf > 1) pc.concepts = pc.concepts.filter((m) => df.get(m.key)! >= minDf);
    applyLabels(pc, finalLabels);
  }
  const kept = [...info.values()].filter((c) => !targets.has(c.key) && (df.get(c.key) ?? 0) >= Math.max(1, minDf));
  const broader = broaderConcepts(kept.map((c) => c.key));
  const refined = kept.map((c) => {
    const b = broader.get(c.key);
    return { ...c, df: df.get(c.key)!, ...(b === undefined ? {} : { broader: b }) };
  });
  const senses = ambiguousAcronyms.map((a) => ({ ...a, senses: a.senses.map((s) => ({ ...s, key: targets.get(s.key) ?? s.key })) }));
  return { papers, concepts: refined, ambiguousAcronyms: senses };
}

/** Papers per concept key. */
function countPapers(papers: readonly PaperConcepts[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const pc of papers) for (const m of pc.concepts) df.set(m.key, (df.get(m.key) ?? 0) + 1);
  return df;
}
