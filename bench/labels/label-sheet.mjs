#!/usr/bin/env node
// The sheet a person labels from: the concepts bench/graph-quality.mjs scores for one build (the
// top 100 by df and the 100 seeded-random ones), each with its label so far, split, df,
// aliases and three evidence sentences from different papers (the mention in [[ ]]).
//
//   node bench/labels/label-sheet.mjs BUILD_DIR CORPUS [--unlabelled] [--tsv] [--full]
//
// CORPUS is the name in concepts.tsv (bundled | acl10k). --unlabelled prints only the keys with
// no label yet; --tsv prints rows to paste into concepts.tsv (label column empty, to fill in);
// --full prints whole sentences (by default about 110 characters either side of the mention).
// Label by reading the evidence under RUBRIC.md, never by the key alone.
import { evidenceSentences, randomSample, readBuild, readLabels, splitOf, topByDf } from './sample.mjs';

/** The sentence cut to about WINDOW characters either side of the marked mention. */
const WINDOW = 110;
function around(sentence) {
  const open = sentence.indexOf('[[');
  const close = sentence.indexOf(']]') + 2;
  const from = Math.max(0, open - WINDOW);
  const to = Math.min(sentence.length, close + WINDOW);
  return `${from > 0 ? '…' : ''}${sentence.slice(from, to)}${to < sentence.length ? '…' : ''}`;
}

const [dir, corpus, ...flags] = process.argv.slice(2);
if (!dir || !corpus) {
  console.error('usage: node bench/labels/label-sheet.mjs BUILD_DIR CORPUS [--unlabelled] [--tsv] [--full]');
  process.exit(1);
}
const build = readBuild(dir);
const labels = readLabels(corpus);
const top = topByDf(build.concepts);
const random = randomSample(build.concepts);
const sets = new Map();
for (const k of top) sets.set(k, ['top']);
for (const k of random) sets.set(k, [...(sets.get(k) ?? []), 'random']);

let shown = 0;
for (const [key, inSets] of sets) {
  const l = labels.get(key);
  if (flags.includes('--unlabelled') && l) continue;
  const c = build.concepts.get(key);
  shown++;
  if (flags.includes('--tsv')) {
    console.log([corpus, key, l?.label ?? '', splitOf(corpus, key), l?.note ?? ''].join('\t'));
    continue;
  }
  console.log(`\n### ${key}   [${l?.label ?? 'UNLABELLED'}]  df ${c.df}  ${inSets.join('+')}  ${splitOf(corpus, key)}`);
  console.log(`label: ${c.label}   aliases: ${c.aliases.join(' | ')}`);
  for (const s of evidenceSentences(build, key, 3)) console.log(`  - ${flags.includes('--full') ? s : around(s)}`);
}
if (!flags.includes('--tsv')) console.log(`\n${shown} concepts (${sets.size} in the two samples, ${labels.size} labelled for ${corpus})`);
