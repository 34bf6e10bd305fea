/**
 * Generic concepts
 * ================
 *
 * A term every field of a corpus uses ("text", "architecture", "pipeline", "treatment") names
 * no research area, and as a node it becomes the biggest hub. It is told apart by statistics
 * that carry to any field, not by a list of one field's words: its papers spread over the
 * fields the way all papers do. The measure is the Kullback–Leibler divergence of the
 * concept's papers over fields from the corpus's papers over fields, less its expected value
 * for a concept of that many papers drawn at random ((F − 1) / 2n, the first-order bias of the
 * plug-in estimate), so a concept of 60 papers is not judged concentrated by chance. Only
 * concepts of at least `minDf` papers are judged: below that the estimate is too noisy to drop
 * anything on. A name is never generic: a label that authors write capitalised ("Wikipedia",
 * "Dutch", "BERT") is a proper noun or an acronym, and a data source or a language that every
 * field of the corpus works with is a facet researchers filter by, not an ordinary word.
 *
 * The spread needs many papers per concept, so a single word is also judged by a background
 * (background.ts): a word that the articles of most sciences use ("sample", "stability",
 * "representation") is generic in any corpus, of any size. Only single words are: a term made
 * of such words ("time series", "world model", "random forest") is a term of its own.
 */
import { resolveDefaults } from '../defaults.js';
import { paperNodeKey, type ConceptNodeAttributes, type OutputFile, type PaperNodeAttributes } from '../model.js';
import type { KnowledgeGraph } from './build.js';
import { readBackgroundWords, type BackgroundWords } from './background.js';
import { SCIENCE_WORDS } from './science-words.js';
import { compareStrings, roundFloat } from './util.js';

/** Options of {@link findGenericConcepts}. */
export interface GenericOptions {
  /** Concepts with fewer papers are never generic. */
  minDf: number;
  /** Concepts whose corrected divergence over fields is below this are generic (nats). */
  maxDivergence: number;
  /** Concept keys never dropped (the thesaurus's targets). */
  keep: ReadonlySet<string>;
}

export const GENERIC_DEFAULTS: GenericOptions = { minDf: 50, maxDivergence: 0.05, keep: new Set() };

/** A concept judged generic, with the figures that decided it. */
export interface GenericConcept {
  key: string;
  label: string;
  df: number;
  /** Corrected divergence of its papers over fields from the corpus's (nats; lower = more even). */
  divergence?: number;
  /** Fields its papers fall in. */
  fields?: number;
  /** When judged by the background: the sciences of the background whose articles use the word. */
  sciences?: number;
}

/** Options of {@link findGeneralScienceWords}. */
export interface ScienceWordOptions {
  /** A single word used by at least this many of the background's sciences is generic (0: none is). */
  minSciences: number;
  /** Concept keys never dropped (the thesaurus's targets). */
  keep: ReadonlySet<string>;
  /** The background (default: the shipped table of science-words.ts). */
  background?: BackgroundWords;
}

export const SCIENCE_WORD_DEFAULTS: ScienceWordOptions = { minSciences: 6, keep: new Set() };

let shippedBackground: BackgroundWords | undefined;
/** The shipped background of general scientific English, read once. */
export function scienceWords(): BackgroundWords {
  return (shippedBackground ??= readBackgroundWords(SCIENCE_WORDS));
}

/**
 * The single-word concepts that most sciences use (by the background), judged without any
 * statistic of this corpus, sorted by key. Names (capitalised labels) and keys in `keep` are
 * never generic. Pure: reads the graph only.
 */
export function findGeneralScienceWords(graph: KnowledgeGraph, options: Partial<ScienceWordOptions> = {}): GenericConcept[] {
  const { minSciences, keep, background = scienceWords() } = resolveDefaults(SCIENCE_WORD_DEFAULTS, options);
  if (minSciences <= 0) return [];
  const generic: GenericConcept[] = [];
  graph.forEachNode((_node, a) => {
    if (a.kind !== 'concept' || keep.has(a.key) || isName(a.label) || !/^\p{L}+$/u.test(a.key)) return;
    const sciences = background.fieldsUsing.get(a.key) ?? 0;
    if (sciences >= minSciences) generic.push({ key: a.key, label: a.label, df: a.df, sciences });
  });
  return generic.sort((x, y) => compareStrings(x.key, y.key));
}

/**
 * The generic concepts of a graph whose papers carry a `field` (after `detectCommunities`),
 * most even first. Pure: reads the graph only.
 */
export function findGenericConcepts(graph: KnowledgeGraph, options: Partial<GenericOptions> = {}): GenericConcept[] {
  const o = resolveDefaults(GENERIC_DEFAULTS, options);
  const fieldSize = new Map<number, number>();
  let placed = 0;
  graph.forEachNode((_node, a) => {
    if (a.kind !== 'paper' || a.field === undefined) return;
    fieldSize.set(a.field, (fieldSize.get(a.field) ?? 0) + 1);
    placed++;
  });
  const fieldCount = fieldSize.size;
  if (fieldCount < 2) return [];
  const generic: (GenericConcept & { divergence: number })[] = [];
  graph.forEachNode((_node, a) => {
    if (a.kind !== 'concept' || a.df < o.minDf || o.keep.has(a.key) || isName(a.label)) return;
    const inField = new Map<number, number>();
    let n = 0;
    for (const row of graph.mentions.rowsOfConcept(a.key)) {
      const field = (graph.getNodeAttributes(paperNodeKey(graph.mentions.paperId(row))) as PaperNodeAttributes).field;
      if (field === undefined) continue;
      inField.set(field, (inField.get(field) ?? 0) + 1);
      n++;
    }
    if (n < o.minDf) return;
    let divergence = -(fieldCount - 1) / (2 * n);
    for (const [field, count] of inField) {
      const q = count / n;
      divergence += q * Math.log(q / (fieldSize.get(field)! / placed));
    }
    if (divergence < o.maxDivergence) {
      const c = a as ConceptNodeAttributes;
      generic.push({ key: c.key, label: c.label, df: c.df, divergence: roundFloat(divergence, 4), fields: inField.size });
    }
  });
  return generic.sort((x, y) => x.divergence - y.divergence || compareStrings(x.key, y.key));
}

/** Whether a concept label is written as a name: its first letter is upper-case. */
function isName(label: string): boolean {
  const first = label.match(/\p{L}/u)?.[0];
  return first !== undefined && first !== first.toLowerCase();
}

/**
 * Removes concepts (by key) from the graph with their MENTIONS and CO_OCCURS edges; a
 * `broader` link to a removed concept is removed too.
 */
export function dropConcepts(graph: KnowledgeGraph, keys: Iterable<string>): void {
  const drop = new Set(keys);
  for (const node of graph.filterNodes((_node, a) => a.kind === 'concept' && drop.has(a.key))) graph.dropNode(node);
  graph.mentions.dropConcepts(drop);
  graph.forEachNode((_node, a) => {
    if (a.kind === 'concept' && a.broader !== undefined && drop.has(a.broader)) delete (a as { broader?: string }).broader;
  });
}

/** The file listing the generic concepts left out. */
export const DROPPED_CONCEPTS_FILE = 'dropped-concepts.tsv';

/**
 * `dropped-concepts.tsv`: the generic concepts left out, with their figures. A thesaurus line
 * mapping a key to itself (`text<TAB>text`) keeps that concept in the next build.
 */
export function droppedConceptsFile(concepts: readonly GenericConcept[]): OutputFile {
  const clean = (s: string) => s.replace(/[\t\r\n]+/g, ' ');
  const lines = ['key\tlabel\tpapers\tdivergence\tfields\tsciences'];
  for (const c of concepts) lines.push([clean(c.key), clean(c.label), c.df, c.divergence ?? '', c.fields ?? '', c.sciences ?? ''].join('\t'));
  return { name: DROPPED_CONCEPTS_FILE, content: lines.join('\n') + '\n' };
}
