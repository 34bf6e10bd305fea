/** Community colours: distinct, readable on white; clusters past the palette share a grey. */
export const PALETTE = [
  '#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948',
  '#b07aa1', '#ff9da7', '#9c755f', '#2f4b7c', '#a05195', '#00a6a6',
  '#7a9e1f', '#d45087', '#3d85c6', '#c27c0e',
];
export const OTHER_COLOR = '#9aa3ad';
export const FADED_NODE = '#eceef1';
// Opaque light greys: sigma's WebGL layers composite translucent colours as if premultiplied,
// which washes them out to white on a white page.
export const EDGE_COLOR = '#dfe3e8';
export const EDGE_HIGHLIGHT = '#6b7280';

/** Colour of a community id (-1 = none) when communities have no fields. */
export function communityColor(id: number): string {
  return id >= 0 && id < PALETTE.length ? PALETTE[id]! : OTHER_COLOR;
}

/** A hex colour as hue (degrees), saturation and lightness (0–1). */
function toHsl(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => c / 255) as [number, number, number];
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const l = (max + min) / 2;
  const d = max - min;
  if (d === 0) return [0, 0, l];
  const s = d / (1 - Math.abs(2 * l - 1));
  const h = max === r ? ((g - b) / d + 6) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return [h * 60, s, l];
}

function fromHsl(h: number, s: number, l: number): string {
  const f = (k: number): number => {
    const a = s * Math.min(l, 1 - l);
    const t = (k + h / 30) % 12;
    return Math.round(255 * (l - a * Math.max(-1, Math.min(t - 3, 9 - t, 1))));
  };
  return `#${((1 << 24) | (f(0) << 16) | (f(8) << 8) | f(4)).toString(16).slice(1)}`;
}

/**
 * Topic colours in field families: each field takes one palette hue, and its topics spread
 * around it in lightness (and a little in hue), so a field reads as one colour from afar and its
 * topics stay apart up close. Fields past the palette share greys.
 */
export function fieldTopicColors(fields: readonly { id: number; topics: readonly number[] }[]): Map<number, string> {
  const colors = new Map<number, string>();
  fields.forEach((field, rank) => {
    const base = rank < PALETTE.length ? PALETTE[rank]! : OTHER_COLOR;
    const [h, s, l] = toHsl(base);
    const n = field.topics.length;
    field.topics.forEach((topic, j) => {
      // Spread from -1 to 1 over the field's topics; the largest topic keeps the base colour.
      const t = n <= 1 ? 0 : (j % 2 === 1 ? -1 : 1) * Math.ceil(j / 2) / Math.ceil((n - 1) / 2);
      const light = Math.min(0.78, Math.max(0.26, l + 0.2 * t));
      colors.set(topic, fromHsl((h + 14 * t + 360) % 360, s, light));
    });
  });
  return colors;
}

/** Mixes a hex colour with white (papers are drawn lighter than concepts). */
export function lighten(hex: string, amount: number): string {
  const n = parseInt(hex.slice(1), 16);
  const mix = (c: number): number => Math.round(c + (255 - c) * amount);
  const r = mix((n >> 16) & 255);
  const g = mix((n >> 8) & 255);
  const b = mix(n & 255);
  return `#${((1 << 24) | (r << 16) | (g << 8) | b).toString(16).slice(1)}`;
}
