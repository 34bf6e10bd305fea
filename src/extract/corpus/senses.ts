/**
 * The acronym registry
 * ====================
 *
 * Every short form defined in the corpus with its senses (long forms) and the papers defining
 * each: how a short form is read in a paper (its own definition first, then the corpus's), which
 * long forms are concepts, and which short forms are ambiguous.
 */
import type { PaperAnalysis } from '../candidates.js';
import { keyOfText } from '../normalize.js';
import type { Thesaurus } from '../thesaurus.js';
import type { AcronymPair, AmbiguousAcronym } from '../../model.js';
import type { CorpusSenses } from './types.js';

/** One sense of a short form: its long form's key, the long form as written, its papers. */
export interface Sense {
  key: string;
  long: string;
  papers: string[];
}

/** short form → long-form key → sense. */
export type Registry = Map<string, Map<string, Sense>>;

/** Adds one paper's acronym definitions to `registry`. */
export function addDefinitions(registry: Registry, a: Pick<PaperAnalysis, 'id' | 'acronyms'>): void {
  for (const def of a.acronyms) {
    const key = keyOfText(def.long);
    if (!key) continue;
    let senses = registry.get(def.short);
    if (!senses) registry.set(def.short, (senses = new Map()));
    let sense = senses.get(key);
    if (!sense) senses.set(key, (sense = { key, long: def.long, papers: [] }));
    if (sense.papers[sense.papers.length - 1] !== a.id) sense.papers.push(a.id);
  }
}

/** The corpus's reading of each short form (see {@link CorpusSenses}). */
export function corpusSenses(registry: Registry): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  for (const [short, senses] of registry) {
    if (senses.size === 1) {
      out.set(short, senses.values().next().value!.key);
      continue;
    }
    let total = 0;
    let best: Sense | undefined;
    for (const s of senses.values()) {
      total += s.papers.length;
      if (!best || s.papers.length > best.papers.length) best = s;
    }
    out.set(short, best && best.papers.length * 3 >= total * 2 ? best.key : undefined);
  }
  return out;
}

/** Resolves a short form for one paper: its own definition first, then the corpus's. */
export function resolver(senses: CorpusSenses, a: PaperAnalysis): (short: string) => string | undefined {
  if (a.acronyms.length === 0) return (short) => senses.get(short);
  const own = new Map<string, string>();
  for (const def of a.acronyms) if (!own.has(def.short)) own.set(def.short, keyOfText(def.long));
  return (short) => own.get(short) || senses.get(short);
}

/** Every sense's key (through the thesaurus) and long form, in registry order. */
export function senseForms(registry: Registry, thesaurus: Thesaurus | undefined): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const senses of registry.values()) {
    for (const sense of senses.values()) {
      const key = thesaurus?.get(sense.key) ?? sense.key;
      if (key) out.push([key, sense.long]);
    }
  }
  return out;
}

/** Long-form keys of acronyms (through the thesaurus) → short form; these are concepts even if only ever nested. */
export function acronymKeys(registry: Registry, thesaurus: Thesaurus | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const [short, senses] of registry) {
    for (const sense of senses.values()) {
      const key = thesaurus?.get(sense.key) ?? sense.key;
      if (!key) continue;
      if (!out.has(key)) out.set(key, short);
    }
  }
  return out;
}

/** Short forms defined with more than one sense, by short form. */
export function ambiguousAcronyms(registry: Registry): AmbiguousAcronym[] {
  const ambiguous: AmbiguousAcronym[] = [];
  for (const [short, senses] of [...registry].sort((x, y) => (x[0] < y[0] ? -1 : 1))) {
    if (senses.size < 2) continue;
    ambiguous.push({
      short,
      senses: [...senses.values()].map((s) => ({ key: s.key, long: s.long, papers: [...s.papers] })),
    });
  }
  return ambiguous;
}

/** A paper's acronym definitions, each (short form, long form in any case) once. */
export function paperAcronyms(a: PaperAnalysis): AcronymPair[] {
  const out: AcronymPair[] = [];
  const seen = new Set<string>();
  for (const d of a.acronyms) {
    const id = `${d.short}\t${d.long.toLowerCase()}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push([d.short, d.long]);
  }
  return out;
}
