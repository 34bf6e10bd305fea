/** Code-unit order: unlike `localeCompare`, the same on every machine and locale (every sort the files depend on). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
