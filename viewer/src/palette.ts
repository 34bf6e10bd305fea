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

/** Colour of a community id (-1 = none). */
export function communityColor(id: number): string {
  return id >= 0 && id < PALETTE.length ? PALETTE[id]! : OTHER_COLOR;
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
