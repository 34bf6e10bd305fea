/**
 * Pass 1: one paper
 * =================
 *
 * Tags the title and abstract, chunks noun phrases (adjective/noun runs ending in a noun,
 * hyphenated compounds kept whole) and finds acronym definitions. Everything here depends on
 * one paper only, so worker threads run it in parallel; the result is plain, serializable data.
 */
import { findAcronyms } from './acronyms.js';
import { tagText, type Pos, type Token } from './nlp/index.js';
import { LEADING_STRIP, isAcronymLike, normalizeWord } from './normalize.js';
import type { PaperText } from '../model.js';
import { createMemo, remember } from './memo.js';

/**
 * A token of a noun-phrase chunk, with its normalized forms. Compact (one is stored per chunk
 * word of every paper): the text is `field text.slice(start, end)`, flags are absent when false.
 */
export interface ChunkToken {
  start: number;
  end: number;
  /** Normalized as a modifier (not singularized). */
  mod: string;
  /** Normalized as a head (singularized); absent when the same as `mod`. */
  head?: string;
  /** Part of speech, coarse. */
  pos: Pos;
  /** Written like an acronym ("NTK", "PINNs"). */
  acronym?: true;
  /** Written capitalized ("Hopfield"). */
  cap?: true;
  /** A gerund that names a thing ("learning") and may head a phrase alone. */
  nominal?: true;
  /** The first part of a compound modifier: "transformer" of "transformer-based". */
  compound?: string;
}

/** A maximal noun-phrase chunk of one sentence. */
export interface Chunk {
  field: 0 | 1;
  sentence: number;
  tokens: ChunkToken[];
}

/** An acronym definition, with the field it was found in. */
export interface FoundAcronym {
  field: 0 | 1;
  short: string;
  long: string;
  start: number;
  end: number;
}

/** What pass 1 produces for one paper (serializable; crosses worker boundaries). */
export interface PaperAnalysis {
  id: string;
  /** Sentence offsets per field: [title, abstract]. */
  sentences: [Array<[number, number]>, Array<[number, number]>];
  /** Character count of the title and abstract (for relative positions). */
  lengths: [number, number];
  chunks: Chunk[];
  acronyms: FoundAcronym[];
}

/** Longest n-gram kept as a candidate. */
export const MAX_WORDS = 5;

/** Gerunds that name a thing ("deep learning", "data mining") and may head a phrase. */
export const NOMINAL_GERUND = /^(learning|training|computing|processing|modell?ing|clustering|sampling|reasoning|planning|scheduling|forecasting|tuning|fine-tuning|pretraining|pre-training|encoding|decoding|mining|programming|testing|imaging|rendering|tracking|matching|routing|coding|filtering|hashing|pruning|boosting|bagging|parsing|tagging|labell?ing|indexing|ranking|retrieving|querying|caching|streaming|embedding|networking|engineering|understanding|prompting|sensing|monitoring|recognizing|smoothing|scaling|warping|pooling|morphing|meshing|partitioning|annealing|thresholding|denoising|inpainting|captioning|grounding|editing|reweighting|fitting|forwarding|switching|signalling|signaling|mapping|manufacturing|printing|welding|machining|casting|shipping|banking|accounting|marketing|advertising|spending|funding|housing|lending|trading|pricing|budgeting|outsourcing|offloading|beamforming|steering|positioning|localizing|grasping|walking|driving|navigating|painting|drawing|writing|reading|speaking|listening|hearing|computing|logging|building|lighting|heating|cooling|ventilating|recycling|washing|packaging|modeling)$/i;

/**
 * Gerunds that take an object ("by using X", "involving Y", "Deploying Z"): verbs, never part of
 * a concept, so the phrase after them starts a chunk of its own.
 */
const VERBAL_GERUND = /^(using|involving|including|introducing|deploying|designing|developing|calculating|discovering|doing|considering|providing|exploiting|applying|combining|comparing|achieving|obtaining|requiring|allowing|enabling|improving|reducing|solving|finding|making|taking|giving|having|describing|presenting|proposing|investigating|analy[sz]ing|studying|examining|exploring|addressing|employing|utili[sz]ing|leveraging|producing|generating|constructing|creating|estimating|evaluating|measuring|determining|identifying|predicting|extending|minimi[sz]ing|maximi[sz]ing|integrating|incorporating|implementing|performing|capturing|supporting|maintaining|ensuring|preserving|avoiding|assuming|showing|demonstrating|establishing|proving|deriving|defining|characteri[sz]ing|formulating|adopting|selecting|choosing|enhancing|modifying|replacing|removing|adding|assessing|treating|reviewing|discussing|outlining|summari[sz]ing|highlighting|identifying|illustrating|offering|exhibiting|yielding|resulting|causing|helping|letting|becoming|getting|keeping|putting|bringing|reaching|gaining|losing|facing|overcoming|tackling|mitigating|alleviating|avoiding|achieving|attaining|accomplishing|constituting|comprising|containing|entailing|necessitating)$/i;

/** A gerund with an object after it: "using kernels" (but "exception handling" ends a phrase). */
function isVerbalGerund(t: Token, next: Token | undefined): boolean {
  return t.pos === 'gerund' && !t.breakAfter && next !== undefined && !next.breakBefore && VERBAL_GERUND.test(t.text) && isPhrasal(next);
}

/** Abbreviations compromise may leave as words; they never start a concept. */
const NOT_A_TERM = /^(e\.?g|i\.?e|et|al|etc|cf|vs|fig|eq|sec|ref|approx)\.?$/i;

function isNounish(t: Token): boolean {
  return t.pos === 'noun' || t.pos === 'proper' || t.pos === 'acronym';
}

/** Whether token `t` may sit inside a noun phrase (as modifier or head). */
function isPhrasal(t: Token): boolean {
  if (NOT_A_TERM.test(t.text)) return false;
  if (t.text.length < 2 && t.pos !== 'acronym') return false;
  if (/^(here|there|not|have|has|had|be|been|being|do|does|did|can|may|will|would|should|could|must|also|very|so|too|thus|then|now|even|only|just|etc)$/i.test(t.text)) return false;
  if (/^[\d.,%]+$/.test(t.text)) return false;
  if (/[=<>+*^|\\@#$~]/.test(t.text)) return false;
  switch (t.pos) {
    case 'noun':
    case 'proper':
    case 'acronym':
    case 'adj':
    case 'gerund':
    case 'participle':
      return true;
    case 'other':
      return /^[\p{L}][\p{L}\p{N}-]*$/u.test(t.text) && t.text.length > 1;
    default:
      return false;
  }
}

/** May `t` end a phrase? */
function isHead(t: Token, inPhrase: boolean): boolean {
  if (isNounish(t)) return true;
  if (t.pos === 'other') return true;
  if (t.pos === 'gerund') return inPhrase || NOMINAL_GERUND.test(t.text);
  return false;
}

/** "transformer-based", "PDE-constrained": the first part is a mention of its own. */
const COMPOUND_MODIFIER = /^([\p{L}\p{N}]+(?:[- ][\p{L}\p{N}]+)?)-(?:based|constrained|driven|informed|like|style|inspired|aware|guided|specific|enabled|powered|oriented|augmented|assisted|conditioned|regularized|accelerated)$/iu;

/** What a chunk token takes from its text alone (see `wordFacts`). */
interface WordFacts {
  mod: string;
  head: string;
  acronymLike: boolean;
  cap: boolean;
  nominal: boolean;
  compound: string | undefined;
}

// Words repeat a lot and these facts are pure functions of the text: memoize (bounded).
const WORD_FACTS = createMemo<string, WordFacts>();

function wordFacts(text: string): WordFacts {
  let f = WORD_FACTS.get(text);
  if (f === undefined) {
    f = remember(WORD_FACTS, text, {
      mod: normalizeWord(text, false),
      head: normalizeWord(text, true),
      acronymLike: isAcronymLike(text),
      cap: /^\p{Lu}\p{Ll}/u.test(text),
      nominal: NOMINAL_GERUND.test(text),
      compound: COMPOUND_MODIFIER.exec(text)?.[1],
    });
  }
  return f;
}

function toChunkToken(t: Token): ChunkToken {
  const f = wordFacts(t.text);
  const acronym = t.pos === 'acronym' || f.acronymLike;
  const out: ChunkToken = { start: t.start, end: t.end, mod: f.mod, pos: acronym ? 'acronym' : t.pos };
  if (f.head !== f.mod) out.head = f.head;
  if (acronym) out.acronym = true;
  if (f.cap) out.cap = true;
  if (t.pos === 'gerund' && f.nominal) out.nominal = true;
  if (f.compound !== undefined) out.compound = f.compound;
  return out;
}

/** Splits one sentence's tokens into maximal noun-phrase chunks. */
export function chunkSentence(tokens: readonly Token[]): Token[][] {
  const chunks: Token[][] = [];
  let run: Token[] = [];
  const flush = () => {
    if (run.length) chunks.push(...trimRun(run));
    run = [];
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.breakBefore) flush();
    if (!isPhrasal(t) || isVerbalGerund(t, tokens[i + 1])) {
      flush();
      continue;
    }
    // A participle or gerund after a noun usually starts a verb phrase ("models trained on"),
    // unless it is a nominal gerund ("machine learning").
    if (run.length && (t.pos === 'participle' || t.pos === 'gerund')) {
      const next = tokens[i + 1];
      const nextPhrasal = next && !t.breakAfter && isPhrasal(next) && next.pos !== 'participle';
      const prev = run[run.length - 1]!;
      if (t.pos === 'participle' && isNounish(prev) && !nextPhrasal) {
        flush();
        continue;
      }
      if (t.pos === 'gerund' && !NOMINAL_GERUND.test(t.text) && !nextPhrasal) {
        flush();
        continue;
      }
    }
    // "The paper describes the ...", "results show that ...": a plural-looking word after a
    // noun and before a determiner is a verb, which the fast tagger often misses.
    if (run.length && isNounish(t) && /[^s]s$/.test(t.text) && !t.breakAfter && !/^\p{Lu}/u.test(t.text)) {
      const next = tokens[i + 1];
      if (next && (next.pos === 'det' || next.pos === 'pron' || /^(that|how|whether|what|which|to|us|it)$/i.test(next.text))) {
        flush();
        continue;
      }
    }
    // A participle opening a phrase right after a noun is a verb: "CLIP yielded good results".
    if (!run.length && t.pos === 'participle' && i > 0 && !t.breakBefore) {
      const prev = tokens[i - 1]!;
      if (!prev.breakAfter && (isNounish(prev) || prev.pos === 'pron' || prev.pos === 'adv' || prev.pos === 'verb' || prev.pos === 'other')) continue;
    }
    run.push(t);
    if (t.breakAfter) flush();
  }
  flush();
  return chunks;
}

/** Strips leading determiners/evaluatives and trailing non-heads; may split nothing off. */
function trimRun(run: Token[]): Token[][] {
  let from = 0;
  let to = run.length;
  while (from < to && ((LEADING_STRIP.has(run[from]!.text.toLowerCase()) && run[from]!.pos !== 'acronym') || run[from]!.pos === 'gerund' && !isHead(run[from]!, false) && from + 1 < to && !isNounish(run[from + 1]!))) from++;
  while (to > from && !isHead(run[to - 1]!, to - 1 > from)) to--;
  if (to <= from) return [];
  // A leading participle alone before the head is a verb ("trained transformers" is fine,
  // "proposed" was stripped above).
  return [run.slice(from, to)];
}

/**
 * Pass 1 for one paper: chunks and acronym definitions of the title and abstract. Pure.
 */
export function analyzePaper(paper: PaperText): PaperAnalysis {
  const fields = [paper.title ?? '', paper.abstract ?? ''] as const;
  const analysis: PaperAnalysis = {
    id: paper.id,
    sentences: [[], []],
    lengths: [fields[0].length, fields[1].length],
    chunks: [],
    acronyms: [],
  };
  fields.forEach((text, f) => {
    const field = f as 0 | 1;
    const sentences = tagText(text);
    sentences.forEach((sentence, si) => {
      analysis.sentences[field].push([sentence.start, sentence.end]);
      for (const run of chunkSentence(sentence.tokens)) {
        analysis.chunks.push({ field, sentence: si, tokens: run.map(toChunkToken) });
      }
    });
    for (const def of findAcronyms(text)) {
      analysis.acronyms.push({ field, short: def.short, long: def.long, start: def.longStart, end: def.shortEnd });
    }
  });
  return analysis;
}
