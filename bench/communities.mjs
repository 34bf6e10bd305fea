// Community detection on generated co-occurrence-like graphs: Louvain (graphology) vs Leiden
// (networkanalysis-ts), time and standard modularity side by side, plus the modularity of the
// planted partition as the reference. Ratios are against Louvain in the same run.
//
// Graphs are LFR-like: community sizes drawn from a power law, each node's degree from a power
// law, a fraction MU of each node's edges leaving its community, integer weights 1-5.
import { UndirectedGraph } from 'graphology';
import { createRng, partitionGraph, standardModularity } from '../dist/graph/index.js';

const SIZES = (process.env.BENCH_EDGES ?? '10000,100000,1000000').split(',').map(Number);
const MU = 0.3;
const AVG_DEGREE = 20;
const SEED = 42;

function powerLaw(rng, min, max, exponent) {
  // Inverse transform sampling of p(x) ∝ x^-exponent on [min, max].
  const a = min ** (1 - exponent);
  const b = max ** (1 - exponent);
  return (a + (b - a) * rng()) ** (1 / (1 - exponent));
}

function generate(edges, seed) {
  const rng = createRng(seed);
  const nodes = Math.round((2 * edges) / AVG_DEGREE);
  const community = new Int32Array(nodes);
  const members = [];
  for (let i = 0; i < nodes; ) {
    const size = Math.min(nodes - i, Math.round(powerLaw(rng, 20, Math.max(40, nodes / 40), 1.5)));
    const list = [];
    for (let k = 0; k < size; k++, i++) {
      community[i] = members.length;
      list.push(i);
    }
    members.push(list);
  }
  // Degree propensities (heavy-tailed, like term frequencies), sampled by cumulative sums.
  const weightOf = Float64Array.from({ length: nodes }, () => powerLaw(rng, 1, 100, 2.5));
  const cumulative = (list) => {
    const sums = new Float64Array(list.length);
    let s = 0;
    list.forEach((n, i) => (sums[i] = s += weightOf[n]));
    return sums;
  };
  const pick = (list, sums) => {
    const x = rng() * sums[sums.length - 1];
    let lo = 0;
    let hi = sums.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sums[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return list[lo];
  };
  const all = Array.from({ length: nodes }, (_, i) => i);
  const allSums = cumulative(all);
  const memberSums = members.map(cumulative);

  // Pairs first as numbers (fast duplicate check), then the graph in one pass.
  const pairs = new Map();
  while (pairs.size < edges) {
    const a = pick(all, allSums);
    const c = community[a];
    const b = rng() < MU ? pick(all, allSums) : pick(members[c], memberSums[c]);
    if (a === b) continue;
    const key = a < b ? a * nodes + b : b * nodes + a;
    if (!pairs.has(key)) pairs.set(key, 1 + Math.floor(rng() * 5));
  }
  const graph = new UndirectedGraph();
  for (let i = 0; i < nodes; i++) graph.addNode(String(i));
  for (const [key, weight] of pairs) {
    graph.addUndirectedEdge(String(Math.floor(key / nodes)), String(key % nodes), { weight });
  }
  const planted = new Map();
  for (let i = 0; i < nodes; i++) planted.set(String(i), community[i]);
  return { graph, planted, communities: members.length };
}

console.log(`LFR-like graphs, mixing ${MU}, average degree ${AVG_DEGREE}, seed ${SEED}; Q = standard modularity (γ = 1), (n) = communities found`);
const fmt = (ms) => (ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(2)} s`);
const rows = [];
for (const edges of SIZES) {
  let t = performance.now();
  const { graph, planted, communities } = generate(edges, SEED);
  const genMs = performance.now() - t;
  const reference = standardModularity(graph, planted);
  const results = {};
  for (const algorithm of ['louvain', 'leiden']) {
    globalThis.gc?.();
    t = performance.now();
    const partition = partitionGraph(graph, { algorithm, resolution: 1, rng: createRng(SEED), iterations: 2 });
    const ms = performance.now() - t;
    results[algorithm] = { ms, modularity: partition.modularity, count: new Set(partition.membership.values()).size };
  }
  rows.push({ edges, nodes: graph.order, planted: communities, reference, genMs, ...results });
  const r = rows.at(-1);
  console.log(
    `${String(edges).padStart(8)} edges ${String(r.nodes).padStart(7)} nodes | planted ${String(r.planted).padStart(5)} Q=${r.reference.toFixed(4)}` +
      ` | louvain ${fmt(r.louvain.ms).padStart(8)} Q=${r.louvain.modularity.toFixed(4)} (${r.louvain.count})` +
      ` | leiden ${fmt(r.leiden.ms).padStart(8)} Q=${r.leiden.modularity.toFixed(4)} (${r.leiden.count})` +
      ` | leiden/louvain time ×${(r.leiden.ms / r.louvain.ms).toFixed(2)} | generate ${fmt(r.genMs)}`,
  );
}
