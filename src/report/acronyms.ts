/**
 * Acronyms of a community's concepts: which aliases are short forms, and the long form each
 * stands for. The extract stage defines acronyms (Schwartz–Hearst); the graph keeps them as
 * concept aliases, so the report reads them back from there.
 */
import { compareStrings } from '../compare-strings.js';
import type { ConceptNodeAttributes } from '../model.js';

/**
 * True for a short form that looks like an acronym: one token of 2–12 letters, digits and
 * hyphens, mostly capitals (a plural "s" aside): "NDE", "PINNs", "GPT-3", "LoRA", "NeRF".
 * Title-case words ("Low-Rank", "ResNet") are not acronyms.
 */
export function isAcronym(form: string): boolean {
  if (!/^[A-Za-z0-9][A-Za-z0-9-]{1,11}$/.test(form)) return false;
  const body = form.replace(/s$/, '');
  const capitals = body.replace(/[^A-Z]/g, '').length;
  const lower = body.replace(/[^a-z]/g, '').length;
  if (capitals >= 2) return capitals >= lower;
  return capitals === 1 && lower === 0 && /^[A-Z]/.test(body) && /\d/.test(body);
}

/** A regex matching `short` as a whole word. */
export function shortFormPattern(short: string): RegExp {
  const escaped = short.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^A-Za-z0-9])${escaped}($|[^A-Za-z0-9])`);
}

/**
 * `[short, long]` pairs of a concept: every acronym among its aliases (and key/label), with
 * the label — or, when the label is the acronym, the longest multi-word alias — as long form.
 * A plural short form is dropped when its singular is also there (PINN, PINNs → PINN).
 */
export function acronymPairs(c: Pick<ConceptNodeAttributes, 'key' | 'label' | 'aliases'>): [string, string][] {
  const forms = [...new Set([c.label, c.key, ...(c.aliases ?? [])])];
  const shorts = forms.filter(isAcronym);
  if (shorts.length === 0) return [];
  const longs = forms
    .filter((f) => !isAcronym(f) && /\s/.test(f.trim()))
    .sort((a, b) => b.length - a.length || compareStrings(a, b));
  const long = !isAcronym(c.label) && /\s/.test(c.label.trim()) ? c.label : longs[0];
  if (!long) return [];
  const set = new Set(shorts);
  // "Long-Range" for "long range" is a spelling, not an acronym.
  const bare = (x: string): string => x.toLowerCase().replace(/[\s-]+/g, '');
  return shorts
    .filter((s) => !(/s$/.test(s) && set.has(s.slice(0, -1))))
    .filter((s) => bare(s) !== bare(long))
    .sort(compareStrings)
    .map((s) => [s, long]);
}
