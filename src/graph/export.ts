/**
 * Graph exports
 * =============
 *
 * GEXF (Gephi, via `graphology-gexf`), GraphML (Cytoscape, yEd; `graphology-graphml` only
 * parses, so the writer is here) and CSV node/edge tables (Gephi's spreadsheet import).
 * List and object attributes are flattened to text: these formats hold scalars only.
 * Pure: returns file names and contents; the CLI writes them.
 */
import { write as writeGexf } from 'graphology-gexf';
import { formatCsv, type CsvValue } from '../csv.js';
import type { EdgeAttributes, NodeAttributes } from '../model.js';
import { withMentionEdges, type FullKnowledgeGraph } from '../mention-store.js';
import type { KnowledgeGraph } from './build.js';

/** Export formats. */
export type ExportFormat = 'gexf' | 'graphml' | 'csv';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['gexf', 'graphml', 'csv'];

/** One output file of an export. */
export interface ExportedFile {
  name: string;
  content: string;
}

/** Renders the graph in `format`: `graph.gexf`, `graph.graphml`, or `nodes.csv` + `edges.csv`. */
export function exportGraph(knowledgeGraph: KnowledgeGraph, format: ExportFormat): ExportedFile[] {
  // These formats hold one graph of everything: the mentions go back in as edges (an export is
  // of a graph that fits; graph.json is the format for any size).
  const graph = withMentionEdges(knowledgeGraph);
  switch (format) {
    case 'gexf':
      return [{ name: 'graph.gexf', content: toGexf(graph) }];
    case 'graphml':
      return [{ name: 'graph.graphml', content: toGraphml(graph) }];
    case 'csv':
      return toCsv(graph);
  }
}

type Scalar = string | number | boolean;

/**
 * Flattens an attribute value: lists join with " | ", evidence keeps its sentence (each sentence
 * once, however many mentions it holds).
 */
function flatten(value: unknown): Scalar | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) {
    const parts = value.map((v) => String(flatten(v) ?? ''));
    const isEvidence = value.every((v) => typeof v === 'object' && v !== null && 'sentence' in v);
    return (isEvidence ? [...new Set(parts)] : parts).join(' | ');
  }
  if (typeof value === 'object' && 'sentence' in value) return String((value as { sentence: unknown }).sentence);
  return JSON.stringify(value);
}

function flatAttributes(attributes: object, skip: readonly string[] = []): Record<string, Scalar> {
  const out: Record<string, Scalar> = {};
  for (const [k, v] of Object.entries(attributes)) {
    if (skip.includes(k)) continue;
    const flat = flatten(v);
    if (flat !== undefined) out[k] = flat;
  }
  return out;
}

function nodeLabel(attributes: NodeAttributes): string {
  return attributes.kind === 'paper' ? attributes.title : attributes.label;
}

function edgeWeight(attributes: EdgeAttributes): number {
  return attributes.type === 'CO_OCCURS' ? attributes.weight : attributes.score;
}

function toGexf(graph: FullKnowledgeGraph): string {
  // The GEXF writer escapes markup but passes control characters through, which XML forbids.
  const clean = (row: Record<string, Scalar>) => {
    for (const [k, v] of Object.entries(row)) if (typeof v === 'string') row[k] = stripInvalidXml(v);
    return row;
  };
  return writeGexf(graph, {
    formatNode: (_key, attributes: NodeAttributes) => {
      const viz =
        attributes.kind === 'concept' && attributes.x !== undefined && attributes.y !== undefined
          ? { viz: { x: attributes.x, y: attributes.y } }
          : {};
      return {
        label: stripInvalidXml(nodeLabel(attributes)),
        attributes: clean(flatAttributes(attributes, ['x', 'y'])),
        ...viz,
      };
    },
    formatEdge: (_key, attributes: EdgeAttributes) => ({
      label: attributes.type,
      weight: edgeWeight(attributes),
      attributes: clean(flatAttributes(attributes)),
    }),
  });
}

/** Drops the characters XML 1.0 cannot hold (most C0 controls, lone surrogates, U+FFFE/F). */
export function stripInvalidXml(text: string): string {
  return text.replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '');
}

/** Escapes XML text and attribute values; drops characters XML 1.0 forbids. */
export function escapeXml(text: string): string {
  return stripInvalidXml(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

type GraphmlType = 'long' | 'double' | 'boolean' | 'string';

/**
 * GraphML key declarations, one per attribute name: `long` when every value is an integer (df,
 * community, year: tools then sort and filter them as integers), `double` when every value is a
 * number, `boolean`, else `string`.
 */
function graphmlKeys(rows: Record<string, Scalar>[]): Map<string, GraphmlType> {
  const types = new Map<string, GraphmlType>();
  for (const row of rows) {
    for (const [k, v] of Object.entries(row)) {
      const t: GraphmlType =
        typeof v === 'number' ? (Number.isSafeInteger(v) ? 'long' : 'double') : typeof v === 'boolean' ? 'boolean' : 'string';
      const seen = types.get(k);
      types.set(k, seen === undefined || seen === t ? t : isNumeric(seen) && isNumeric(t) ? 'double' : 'string');
    }
  }
  return types;
}

const isNumeric = (t: GraphmlType): boolean => t === 'long' || t === 'double';

function toGraphml(graph: FullKnowledgeGraph): string {
  const nodes = graph.mapNodes((key, a) => ({ key, data: { label: nodeLabel(a), ...flatAttributes(a) } }));
  const edges = graph.mapEdges((key, a, source, target) => ({
    key,
    source,
    target,
    data: { ...flatAttributes(a), weight: edgeWeight(a) },
  }));
  const nodeKeys = graphmlKeys(nodes.map((n) => n.data));
  const edgeKeys = graphmlKeys(edges.map((e) => e.data));
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
  ];
  for (const [name, type] of nodeKeys) {
    lines.push(`  <key id="n_${escapeXml(name)}" for="node" attr.name="${escapeXml(name)}" attr.type="${type}"/>`);
  }
  for (const [name, type] of edgeKeys) {
    lines.push(`  <key id="e_${escapeXml(name)}" for="edge" attr.name="${escapeXml(name)}" attr.type="${type}"/>`);
  }
  lines.push('  <graph edgedefault="directed">');
  const data = (prefix: string, row: Record<string, Scalar>) =>
    Object.entries(row)
      .map(([k, v]) => `<data key="${prefix}_${escapeXml(k)}">${escapeXml(String(v))}</data>`)
      .join('');
  for (const n of nodes) lines.push(`    <node id="${escapeXml(n.key)}">${data('n', n.data)}</node>`);
  for (const e of edges) {
    lines.push(
      `    <edge id="${escapeXml(e.key)}" source="${escapeXml(e.source)}" target="${escapeXml(e.target)}">${data('e', e.data)}</edge>`,
    );
  }
  lines.push('  </graph>', '</graphml>', '');
  return lines.join('\n');
}

const NODE_COLUMNS = [
  'community', 'df', 'termhood', 'pagerank', 'weightedDegree', 'bridge', 'x', 'y', 'aliases', 'year', 'date', 'url',
] as const;
// `evidence`: the sentences where a paper mentions the concept (MENTIONS only).
const EDGE_COLUMNS = ['papers', 'count', 'score', 'evidence'] as const;

function toCsv(graph: FullKnowledgeGraph): ExportedFile[] {
  const nodeRows: CsvValue[][] = [['Id', 'Label', 'kind', ...NODE_COLUMNS]];
  graph.forEachNode((key, attributes) => {
    const flat = flatAttributes(attributes);
    nodeRows.push([key, nodeLabel(attributes), attributes.kind, ...NODE_COLUMNS.map((c) => flat[c])]);
  });
  // Gephi reads Type per row: co-occurrence is symmetric, a mention points at its concept.
  const edgeRows: CsvValue[][] = [['Source', 'Target', 'Type', 'Weight', 'relation', ...EDGE_COLUMNS]];
  graph.forEachEdge((_key, attributes, source, target) => {
    const flat = flatAttributes(attributes);
    edgeRows.push([
      source,
      target,
      attributes.type === 'CO_OCCURS' ? 'Undirected' : 'Directed',
      edgeWeight(attributes),
      attributes.type,
      ...EDGE_COLUMNS.map((c) => flat[c]),
    ]);
  });
  return [
    { name: 'nodes.csv', content: formatCsv(nodeRows) },
    { name: 'edges.csv', content: formatCsv(edgeRows) },
  ];
}
