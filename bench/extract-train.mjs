// Trains the learned per-paper ranker of concept extraction (src/extract/ranker.ts): a logistic
// regression over the features the corpus pass computes for each candidate, fitted on the Inspec
// TRAINING split only (the dev split stays for bench/extract.mjs). Deterministic: full-batch
// gradient descent from zero weights. Prints train-split F1 of the hand-weighted score and of the
// fitted model; with `--write` it also writes src/extract/ranker-model.ts (then rebuild).
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { stemmer } from 'stemmer';
import { analyzePapers } from '../dist/extract/index.js';
import { DEFAULT_WEIGHTS, resolveCorpus } from '../dist/extract/corpus/index.js';
import { FEATURES, featureVector } from '../dist/extract/ranker.js';

const EVAL = new URL('../../shared/eval/', import.meta.url);
const OUT = new URL('../src/extract/ranker-model.ts', import.meta.url);
const write = process.argv.includes('--write');
if (!existsSync(new URL('inspec-train.jsonl', EVAL))) {
  console.log('bench/extract-train: ../shared/eval is absent; nothing to train');
  process.exit(0);
}

const stem = (s) =>
  s.toLowerCase().replace(/[^\p{L}\p{N}\s-]/gu, ' ').split(/[\s-]+/).filter(Boolean).map((w) => stemmer(w)).join(' ');
const records = readFileSync(new URL('inspec-train.jsonl', EVAL), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const papers = records.map((r) => ({ id: r.id, title: r.title, abstract: r.abstract }));

// Every candidate of every paper, with its features.
const analyses = await analyzePapers(papers, { workers: 0 });
const facts = records.map(() => new Map());
const result = resolveCorpus(papers, analyses, {
  top: 0,
  minRelativeScore: 0,
  keepShared: false,
  weights: DEFAULT_WEIGHTS,
  ranker: null,
  onCandidate: (p, key, f) => facts[p].set(key, f),
});

// One row per candidate; label: its form (as the bench predicts it) is a gold key.
const rows = [];
result.papers.forEach((pc, p) => {
  const gold = new Set(records[p].keyphrases.map(stem));
  for (const c of pc.concepts) {
    const f = facts[p].get(c.key);
    rows.push({ p, stem: stem(c.forms[0] ?? c.label), x: featureVector(f), y: gold.has(stem(c.forms[0] ?? c.label)) ? 1 : 0, hand: f.handScore });
  }
});

const d = FEATURES.length;
const mean = Array.from({ length: d }, (_, j) => rows.reduce((a, r) => a + r.x[j], 0) / rows.length);
const std = Array.from({ length: d }, (_, j) => Math.sqrt(rows.reduce((a, r) => a + (r.x[j] - mean[j]) ** 2, 0) / rows.length) || 1);
const Z = rows.map((r) => r.x.map((v, j) => (v - mean[j]) / std[j]));

// L2-regularized logistic regression, full-batch gradient descent.
const LAMBDA = 1e-3;
const RATE = 0.5;
const STEPS = 3000;
const w = new Array(d).fill(0);
let b = 0;
for (let step = 0; step < STEPS; step++) {
  const gw = new Array(d).fill(0);
  let gb = 0;
  for (let i = 0; i < Z.length; i++) {
    let z = b;
    for (let j = 0; j < d; j++) z += w[j] * Z[i][j];
    const err = 1 / (1 + Math.exp(-z)) - rows[i].y;
    for (let j = 0; j < d; j++) gw[j] += err * Z[i][j];
    gb += err;
  }
  for (let j = 0; j < d; j++) w[j] -= RATE * (gw[j] / Z.length + LAMBDA * w[j]);
  b -= RATE * (gb / Z.length);
}

function f1At(scoreOf, k, floor = 0) {
  const byPaper = records.map(() => []);
  rows.forEach((r, i) => byPaper[r.p].push({ stem: r.stem, s: scoreOf(r, i) }));
  let sum = 0;
  byPaper.forEach((list, p) => {
    const gold = new Set(records[p].keyphrases.map(stem));
    list.sort((x, y) => y.s - x.s || (x.stem < y.stem ? -1 : 1));
    const top = [];
    const min = floor > 0 ? (list[0]?.s ?? 0) * floor : -Infinity;
    for (const c of list) {
      if (c.s < min) break;
      if (c.stem && !top.includes(c.stem)) top.push(c.stem);
      if (top.length === k) break;
    }
    const hits = top.filter((s) => gold.has(s)).length;
    const pr = top.length ? hits / top.length : 0;
    const rc = gold.size ? hits / gold.size : 0;
    sum += pr + rc ? (2 * pr * rc) / (pr + rc) : 0;
  });
  return ((100 * sum) / records.length).toFixed(2);
}
const learned = (_r, i) => Z[i].reduce((a, v, j) => a + v * w[j], b);
console.log(`inspec-train candidates        ${rows.length} (${rows.filter((r) => r.y).length} gold)`);
console.log(`inspec-train F1@5  hand-weighted ${f1At((r) => r.hand, 5)}  learned ${f1At(learned, 5)}`);
console.log(`inspec-train F1@10 hand-weighted ${f1At((r) => r.hand, 10)}  learned ${f1At(learned, 10)}`);

// The product's score floor (`minRelativeScore`), chosen here on train for the learned score.
const prob = (r, i) => 1 / (1 + Math.exp(-learned(r, i)));
for (const floor of [0, 0.1, 0.2, 0.3, 0.4, 0.5]) {
  console.log(`inspec-train floor ${floor.toFixed(1)}: F1@5 hand ${f1At((r) => r.hand, 5, floor)} learned ${f1At(prob, 5, floor)}; F1@10 hand ${f1At((r) => r.hand, 10, floor)} learned ${f1At(prob, 10, floor)}`);
}
const round = (v) => Math.round(v * 1e6) / 1e6;
const model = { features: [...FEATURES], mean: mean.map(round), std: std.map(round), weights: w.map(round), bias: round(b) };
for (let j = 0; j < d; j++) console.log(`  ${FEATURES[j].padEnd(16)} ${model.weights[j].toFixed(3).padStart(8)}`);
if (write) {
  const body = JSON.stringify(model, null, 2).replace(/"(\w+)":/g, '$1:').replace(/"/g, "'");
  writeFileSync(
    OUT,
    `// Generated by bench/extract-train.mjs from the Inspec training split. Do not edit by hand.\n` +
      `import type { RankerModel } from './ranker.js';\n\nexport const RANKER_MODEL: RankerModel = ${body.replace(/\n(\s*)(-?\d)/g, '\n$1$2')};\n`,
  );
  console.log(`wrote ${OUT.pathname}`);
}
