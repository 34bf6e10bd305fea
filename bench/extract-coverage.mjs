// Candidate recall of concept extraction on Inspec: of the gold keys present in the text, how
// many are candidates at all (whatever their rank), and why the others are not. Each miss goes to
// one bucket:
// - boilerplate: the key is an n-gram of a chunk but the stop list rejects it;
// - pass-2 filter: an n-gram of a chunk, dropped by the corpus statistics (nested, not alone);
// - inside a chunk, not an n-gram: a chunk holds the words but the key does not end in a head
//   or opens with a participle/gerund mid-chunk;
// - tagging: the words are in one sentence but a token inside is not phrasal (verb, adverb, ...);
// - chunk boundary: phrasal words split across chunks (punctuation, the chunker's verb rules);
// - not in text: the tokenized text does not hold the stemmed key as consecutive words.
// `--split train` measures the training split; `--show N` prints N misses per bucket.
import { readFileSync, existsSync } from 'node:fs';
import { stemmer } from 'stemmer';
import { analyzePapers, isBoilerplate, keyOfText } from '../dist/extract/index.js';
import { DEFAULT_WEIGHTS, resolveCorpus } from '../dist/extract/corpus/index.js';
import { tagText } from '../dist/extract/nlp/index.js';

const EVAL = new URL('../../shared/eval/', import.meta.url);
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const split = opt('split', 'dev');
const show = Number(opt('show', '0'));
const file = new URL(`inspec-${split}.jsonl`, EVAL);
if (!existsSync(file)) {
  console.log('bench/extract-coverage: ../shared/eval is absent; nothing to measure');
  process.exit(0);
}

const stemWord = (w) => stemmer(w.toLowerCase());
const words = (s) => s.toLowerCase().replace(/[^\p{L}\p{N}\s-]/gu, ' ').split(/[\s-]+/).filter(Boolean);
const stemPhrase = (s) => words(s).map(stemWord).join(' ');

const records = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const papers = records.map((r) => ({ id: r.id, title: r.title, abstract: r.abstract }));
const analyses = await analyzePapers(papers, { workers: 0 });
const result = resolveCorpus(papers, analyses, { top: 0, minRelativeScore: 0, keepShared: false, weights: DEFAULT_WEIGHTS, ranker: null });

const buckets = new Map();
const add = (name, example) => {
  let b = buckets.get(name);
  if (!b) buckets.set(name, (b = []));
  b.push(example);
};
let present = 0;
let covered = 0;
let coveredFirst = 0;
let gold = 0;

records.forEach((r, p) => {
  const texts = [r.title ?? '', r.abstract ?? ''];
  const cands = new Set();
  const firsts = new Set();
  for (const c of result.papers[p].concepts) {
    for (const f of c.forms) cands.add(stemPhrase(f));
    firsts.add(stemPhrase(c.forms[0] ?? c.label));
  }
  // Every n-gram of every chunk (as stems of its surface words), with the chunk's text.
  const ngrams = new Map();
  for (const ch of analyses[p].chunks) {
    const toks = ch.tokens.map((t) => texts[ch.field].slice(t.start, t.end));
    const stems = toks.map((t) => words(t).map(stemWord).join(' '));
    for (let i = 0; i < stems.length; i++) {
      for (let j = i + 1; j <= stems.length; j++) {
        const k = stems.slice(i, j).join(' ');
        if (!ngrams.has(k)) ngrams.set(k, { chunk: toks.join(' '), sub: toks.slice(i, j), pos: ch.tokens.slice(i, j).map((t) => t.pos) });
      }
    }
  }
  // Tagged sentences as stemmed word sequences (hyphenated tokens split into parts).
  let tagged;
  const sentencesOf = () =>
    (tagged ??= texts.flatMap((t) =>
      tagText(t).map((s) => s.tokens.flatMap((tok) => words(tok.text).map((w) => ({ stem: stemWord(w), tok })))),
    ));
  r.keyphrases.forEach((key, i) => {
    gold++;
    if (!r.keyphrases_present[i]) return;
    present++;
    const s = stemPhrase(key);
    if (cands.has(s)) {
      covered++;
      if (firsts.has(s)) coveredFirst++;
      return;
    }
    const ng = ngrams.get(s);
    if (ng) {
      const k = keyOfText(ng.sub.join(' '));
      if (isBoilerplate(k)) add('boilerplate', `${key}  [key "${k}"]`);
      else add('pass-2 filter', `${key}  [chunk "${ng.chunk}"] ${ng.pos.join(' ')}`);
      return;
    }
    const target = s.split(' ');
    for (const sent of sentencesOf()) {
      for (let a = 0; a + target.length <= sent.length; a++) {
        if (!target.every((w, k) => sent[a + k].stem === w)) continue;
        const toks = [];
        for (let k = 0; k < target.length; k++) if (toks[toks.length - 1] !== sent[a + k].tok) toks.push(sent[a + k].tok);
        const desc = toks.map((t) => `${t.text}/${t.pos}`).join(' ');
        const inChunk = [...ngrams.values()].some((n) => n.chunk.includes(toks.map((t) => t.text).join(' ')));
        if (inChunk) add('inside a chunk, not an n-gram', `${key}  ${desc}`);
        else if (toks.some((t) => !['noun', 'proper', 'acronym', 'adj', 'gerund', 'participle', 'other'].includes(t.pos))) add('tagging', `${key}  ${desc}`);
        else add('chunk boundary', `${key}  ${desc}`);
        return;
      }
    }
    add('not in text', key);
  });
});

const pct = (n, d) => ((100 * n) / d).toFixed(1);
console.log(`inspec-${split}: ${gold} gold keys, ${present} present (${pct(present, gold)}%)`);
console.log(`present keys that are candidates          ${String(covered).padStart(5)}  ${pct(covered, present)}%`);
console.log(`  ... as the form the bench predicts      ${String(coveredFirst).padStart(5)}  ${pct(coveredFirst, present)}%`);
for (const [name, list] of [...buckets].sort((x, y) => y[1].length - x[1].length)) {
  console.log(`missed: ${name.padEnd(33)} ${String(list.length).padStart(5)}  ${pct(list.length, present)}%`);
  for (const e of list.slice(0, show)) console.log(`    ${e}`);
}
