/**
 * True for a short form that looks like an acronym: one token of 2–12 letters/digits/hyphens
 * with at least two capitals, or a capital and a digit ("NDE", "PINNs", "GPT-3", "ResNet").
 */
export function isAcronym(form: string): boolean {
  if (!/^[A-Za-z0-9][A-Za-z0-9-]{1,11}$/.test(form)) return false;
  const capitals = form.replace(/[^A-Z]/g, '').length;
  return capitals >= 2 || (capitals === 1 && /^[A-Z]/.test(form) && /\d/.test(form));
}
