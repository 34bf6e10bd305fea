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
