// The quality of the concept graph a researcher sees, for a baseline commit and the working tree
// built in the same run, side by side (baseline | current | goal). Each corpus is built by the
// CLI in a child process, one build at a time, and the figures are read from the build folder.
//
//   npm run bench -- graph-quality                  baseline HEAD~1
//   npm run bench -- graph-quality --base HEAD      baseline = current (checks the plumbing)
//   GRAPH_QUALITY_BASE=abc123 GRAPH_QUALITY_CORPORA=bundled,acl npm run bench -- graph-quality
//
// Corpora: `bundled` (data/), `acl` (the first 10,000 ACL Anthology records with an abstract,
// from GRAPH_QUALITY_ACL or ../shared/corpora/acl-anthology-abstracts.jsonl.gz), `ab3p` (the
// 1,250 biomedical abstracts of ../shared/eval/acronyms-ab3p.jsonl, or GRAPH_QUALITY_AB3P: a
// field the extractor was never tuned on; no hand labels, its top 30 concepts are printed to be
// read). The baseline is built from a detached `git worktree` of the ref in the OS temp folder,
// with this repo's node_modules linked in and `tsc` only (no viewer); it is removed at the end.
//
// Figures:
//  1. nested mentions: share of MENTIONS edges all of whose occurrences lie inside an occurrence
//     of a longer concept the same paper mentions, in the same field. Evidence holds every
//     occurrence the extractor found for the key (chunks and their sub-spans: count equals the
//     evidence length), not every place the string appears: on the bundled corpus about 5% of
//     edges have further string matches of their aliases (verb uses such as "cause", "sample",
//     and spans the chunker cut otherwise). The figure is measured on the evidence as it is.
//  2. apostrophe keys: keys holding ' or ’.
//  3. variant groups: keys equal once lower-cased, spaces, hyphens and apostrophes dropped (which
//     also drops the hyphen of non-, multi-, pre-, co-, self-, semi-, sub-, re-) and a final s.
//  4. label precision: share labelled good (bench/labels/concepts.tsv, rubric in RUBRIC.md) of
//     the top 100 concepts by df and of 100 drawn by a seeded hash of the key (bench/labels/sample.mjs),
//     over the labelled ones; the unlabelled keys go to bench/results/ with evidence, to label.
//  5. research clusters, for topics (communities.json's `communities`) and fields (its `fields`,
//     when the build has them): coverage (mean share of a group's papers mentioning one of its
//     first 10 concepts), mean NPMI of those 10 concepts over the papers beside gensim LDA with
//     as many topics (bench/lda_npmi.py), the largest group's share of papers, label parts
//     nested in another part, and the silhouette of the layout's positions grouped by topic and
//     by field.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { createRng } from '../dist/rng.js';
import { checkoutBaseline, describeRef, gitIn, removeBaseline, run } from './lib/baseline.mjs';
import { evidenceSentences, randomSample, readBuild, readLabels, topByDf } from './labels/sample.mjs';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const RESULTS = fileURLToPath(new URL('results/', import.meta.url));
const ACL_RECORDS = 10_000;
const TOP_CONCEPTS = 10;
const SILHOUETTE_SAMPLE = 2000;
const SEED = 42;

const argv = process.argv.slice(2);
const baseArg = argv.indexOf('--base');
const BASE_REF = (baseArg >= 0 ? argv[baseArg + 1] : undefined) ?? process.env.GRAPH_QUALITY_BASE ?? 'HEAD~1';
const WANTED = (process.env.GRAPH_QUALITY_CORPORA ?? 'bundled,acl,ab3p').split(',').map((s) => s.trim()).filter(Boolean);

/** The first existing of a few places relative to the repo (a worktree may sit one level deeper). */
function sharedFile(envName, relative) {
  if (process.env[envName]) return process.env[envName];
  for (const up of ['../../', '../../../']) {
    const file = fileURLToPath(new URL(`${up}${relative}`, import.meta.url));
    if (existsSync(file)) return file;
  }
  return undefined;
}

const git = (...args) => gitIn(REPO, ...args);

// --- Corpora as the CLI reads them.
function prepareCorpora(tmp) {
  const corpora = [];
  if (WANTED.includes('bundled')) corpora.push({ name: 'bundled', labels: 'bundled', input: join(REPO, 'data') });
  if (WANTED.includes('acl')) {
    const file = sharedFile('GRAPH_QUALITY_ACL', 'shared/corpora/acl-anthology-abstracts.jsonl.gz');
    if (!file) console.log('graph-quality: ../shared/corpora is absent; ACL corpus skipped');
    else {
      const records = [];
      for (const line of gunzipSync(readFileSync(file)).toString('utf8').split('\n')) {
        if (records.length >= ACL_RECORDS) break;
        if (!line) continue;
        const r = JSON.parse(line);
        if (r.abstract) records.push({ id: r.id, title: r.title ?? '', abstract: r.abstract, year: r.year, venue: r.venue });
      }
      const input = join(tmp, 'acl10k.jsonl');
      writeFileSync(input, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
      corpora.push({ name: 'acl10k', labels: 'acl10k', input });
    }
  }
  if (WANTED.includes('ab3p')) {
    const file = sharedFile('GRAPH_QUALITY_AB3P', 'shared/eval/acronyms-ab3p.jsonl');
    if (!file) console.log('graph-quality: ../shared/eval is absent; biomedical corpus skipped');
    else {
      // `text` is title + abstract; the title is its first sentence (the CLI needs a title).
      const rows = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => {
        const r = JSON.parse(line);
        const m = /^(.+?[.?!])\s+(?=\S)/s.exec(r.text);
        const title = m ? m[1] : r.text;
        return JSON.stringify({ id: r.id, title, abstract: m ? r.text.slice(m[0].length) : r.text });
      });
      const input = join(tmp, 'ab3p.jsonl');
      writeFileSync(input, rows.join('\n') + '\n');
      corpora.push({ name: 'ab3p', labels: undefined, input });
    }
  }
  return corpora;
}

function buildCorpus(codeDir, corpus, out) {
  const t = performance.now();
  const r = spawnSync('nice', [process.execPath, join(codeDir, 'dist/cli/main.js'), 'build', corpus.input, '--out', out, '--no-neo4j'], {
    cwd: REPO,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    env: { ...process.env, NEO4J_URI: '' },
  });
  // Exit 2 = built, some records skipped (listed on stderr).
  if (r.status !== 0 && r.status !== 2) throw new Error(`build of ${corpus.name} failed (${r.status}): ${r.stderr}`);
  return (performance.now() - t) / 1000;
}

// --- Figures.
/** Share of MENTIONS edges whose every occurrence lies inside a longer concept's occurrence. */
function nestedMentions(build) {
  let edges = 0;
  let nested = 0;
  for (const paper of build.papers) {
    const spans = paper.mentions.flatMap((m) => m.evidence.map((e) => ({ key: m.key, field: e.field, start: e.start, end: e.end })));
    for (const m of paper.mentions) {
      if (!m.evidence.length) continue;
      edges++;
      const inside = (e) =>
        spans.some((s) => s.key !== m.key && s.field === e.field && s.start <= e.start && e.end <= s.end && s.end - s.start > e.end - e.start);
      if (m.evidence.every(inside)) nested++;
    }
  }
  return { share: edges ? nested / edges : 0, nested, edges };
}

const apostropheKeys = (build) => [...build.concepts.keys()].filter((k) => /['’]/.test(k)).sort();

/** The normal form variant groups compare (see the header). */
function variantForm(key) {
  return key
    .toLowerCase()
    .replace(/\b(non|multi|pre|co|self|semi|sub|re)-/g, '$1')
    .replace(/[\s\-‐‑‒–—'’]+/g, '')
    .replace(/s$/, '');
}

function variantGroups(build) {
  const groups = new Map();
  for (const key of build.concepts.keys()) {
    const form = variantForm(key);
    if (!groups.has(form)) groups.set(form, []);
    groups.get(form).push(key);
  }
  return [...groups.values()].filter((g) => g.length > 1).map((g) => g.sort()).sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

function precision(keys, labels) {
  let good = 0;
  let labelled = 0;
  const unlabelled = [];
  for (const key of keys) {
    const l = labels.get(key);
    if (!l) unlabelled.push(key);
    else {
      labelled++;
      if (l.label === 'good') good++;
    }
  }
  return { precision: labelled ? good / labelled : null, labelled, unlabelled };
}

function labelFigures(build, labels) {
  const top = topByDf(build.concepts);
  const random = randomSample(build.concepts);
  const heldout = new Map([...labels].filter(([, l]) => l.split === 'heldout'));
  return {
    top: precision(top, labels),
    random: precision(random, labels),
    topHeldout: precision(top.filter((k) => heldout.has(k)), heldout),
    randomHeldout: precision(random.filter((k) => heldout.has(k)), heldout),
    unlabelled: [...new Set([...top, ...random])].filter((k) => !labels.has(k)),
  };
}

/** Mean NPMI over the pairs of `items`, each item's set of documents given. */
function npmi(items, docsOf, n) {
  const scores = [];
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const a = docsOf(items[i]);
      const b = docsOf(items[j]);
      let joint = 0;
      for (const d of a.size < b.size ? a : b) if ((a.size < b.size ? b : a).has(d)) joint++;
      if (joint === 0) scores.push(-1);
      else if (joint === n) scores.push(1);
      else {
        const pab = joint / n;
        scores.push(Math.log(pab / ((a.size / n) * (b.size / n))) / -Math.log(pab));
      }
    }
  }
  return scores.length ? scores.reduce((s, x) => s + x, 0) / scores.length : null;
}

function silhouette(build, level = 'community') {
  let points = [...build.concepts.values()]
    .filter((c) => Number.isFinite(c.x) && Number.isFinite(c.y) && c[level] !== undefined && c[level] !== null)
    .map((c) => ({ key: c.key, x: c.x, y: c.y, community: c[level] }));
  points.sort((a, b) => (a.key < b.key ? -1 : 1));
  if (points.length > SILHOUETTE_SAMPLE) {
    const rng = createRng(SEED);
    for (let i = points.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [points[i], points[j]] = [points[j], points[i]];
    }
    points = points.slice(0, SILHOUETTE_SAMPLE);
  }
  const clusters = [...new Set(points.map((p) => p.community))];
  if (clusters.length < 2) return null;
  let total = 0;
  for (const p of points) {
    const sum = new Map();
    const count = new Map();
    for (const q of points) {
      if (q === p) continue;
      const d = Math.hypot(p.x - q.x, p.y - q.y);
      sum.set(q.community, (sum.get(q.community) ?? 0) + d);
      count.set(q.community, (count.get(q.community) ?? 0) + 1);
    }
    // A concept alone in its community scores 0, as in the usual definition.
    if (!count.get(p.community)) continue;
    const a = sum.get(p.community) / count.get(p.community);
    let b = Infinity;
    for (const [c, s] of sum) if (c !== p.community) b = Math.min(b, s / count.get(c));
    if (Number.isFinite(b)) total += (b - a) / Math.max(a, b);
  }
  return total / points.length;
}

/** Words of a label part, lower-cased, for the nested-label-part test. */
const partWords = (part) => part.toLowerCase().split(/[\s-]+/).filter(Boolean);

/**
 * Coverage, NPMI, largest share and nested label parts of one level's groups: `groups` are
 * `{ id, label, first }` (first = its first concept keys), `groupOfPaper(paper)` a paper's group.
 */
function levelFigures(build, groups, groupOfPaper, docsOfConcept) {
  const n = build.papers.length;
  const papersOf = new Map();
  for (const [i, paper] of build.papers.entries()) {
    const g = groupOfPaper(paper);
    if (g === undefined || g === null) continue;
    if (!papersOf.has(g)) papersOf.set(g, []);
    papersOf.get(g).push(i);
  }
  const coverages = [];
  const coherences = [];
  const nestedExamples = [];
  let nestedLabels = 0;
  for (const g of groups) {
    const first = g.first.slice(0, TOP_CONCEPTS);
    const members = papersOf.get(g.id) ?? [];
    if (members.length) coverages.push(members.filter((i) => first.some((k) => docsOfConcept.get(k)?.has(i))).length / members.length);
    const score = npmi(first, (k) => docsOfConcept.get(k) ?? new Set(), n);
    if (score !== null) coherences.push(score);
    const parts = String(g.label ?? '').split(' · ').map(partWords);
    if (parts.some((p, i) => parts.some((q, j) => i !== j && p.length <= q.length && p.every((w) => q.includes(w))))) {
      nestedLabels++;
      if (nestedExamples.length < 10) nestedExamples.push(g.label);
    }
  }
  const mean = (xs) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);
  const largest = Math.max(0, ...[...papersOf.values()].map((m) => m.length));
  return { coverage: mean(coverages), npmi: mean(coherences), largestShare: n ? largest / n : 0, nestedLabels, nestedExamples };
}

function clusterFigures(build) {
  const docsOfConcept = new Map();
  for (const [i, paper] of build.papers.entries()) {
    for (const m of paper.mentions) {
      if (!docsOfConcept.has(m.key)) docsOfConcept.set(m.key, new Set());
      docsOfConcept.get(m.key).add(i);
    }
  }
  const topics = build.communities.map((c) => ({ id: c.id, label: c.label, first: c.concepts ?? [] }));
  return {
    communities: build.communities.length,
    ...levelFigures(build, topics, (paper) => paper.community, docsOfConcept),
    silhouette: silhouette(build),
    ...(build.fields && { fields: fieldFigures(build, docsOfConcept) }),
  };
}

/** The field level: count, coverage, NPMI, largest share, nested label parts, silhouette by field. */
function fieldFigures(build, docsOfConcept) {
  const topicField = new Map(build.communities.map((c) => [c.id, c.field]));
  const fields = build.fields.map((f) => ({ id: f.id, label: f.label, first: f.topConcepts ?? [] }));
  return {
    count: build.fields.length,
    ...levelFigures(build, fields, (paper) => topicField.get(paper.community), docsOfConcept),
    silhouette: silhouette(build, 'field'),
    labels: build.fields.map((f) => ({
      id: f.id,
      label: f.label,
      papers: f.papers,
      topics: f.topics.map((t) => build.communities.find((c) => c.id === t)).filter(Boolean).map((c) => ({ id: c.id, label: c.label, papers: c.papers.length })),
    })),
  };
}

// --- LDA beside the communities (bench/lda_npmi.py), cached per corpus and topic count.
const ldaCache = new Map();
const PYTHONS = [process.env.GRAPH_QUALITY_PYTHON, 'python3', '/usr/bin/python3'].filter(Boolean);
let python;
function lda(corpusName, build, topics) {
  const cacheKey = `${corpusName}/${topics}`;
  if (ldaCache.has(cacheKey)) return ldaCache.get(cacheKey);
  python ??= PYTHONS.find((p) => spawnSync(p, ['-c', 'import gensim']).status === 0) ?? null;
  let result = null;
  if (!python) console.log('graph-quality: no python3 with gensim; LDA skipped');
  else if (topics > 0) {
    const docs = build.papers.map((p) => `${p.title}\n${p.abstract}`);
    const script = fileURLToPath(new URL('lda_npmi.py', import.meta.url));
    const out = run('nice', [python, script], { input: JSON.stringify({ docs, topics, seed: SEED }) });
    result = JSON.parse(out);
  }
  ldaCache.set(cacheKey, result);
  return result;
}

function measure(corpus, side, dir, seconds) {
  const build = readBuild(dir);
  const labels = corpus.labels ? readLabels(corpus.labels) : undefined;
  const clusters = clusterFigures(build);
  const figures = {
    seconds,
    papers: build.papers.length,
    concepts: build.concepts.size,
    nested: nestedMentions(build),
    apostrophes: apostropheKeys(build),
    variants: variantGroups(build),
    labels: labels ? labelFigures(build, labels) : undefined,
    clusters,
    lda: lda(corpus.name, build, clusters.communities),
    topDf: [...build.concepts.values()].sort((a, b) => b.df - a.df || (a.key < b.key ? -1 : 1)).slice(0, 30),
  };
  if (figures.labels?.unlabelled.length) {
    mkdirSync(RESULTS, { recursive: true });
    const file = join(RESULTS, `graph-quality-unlabelled-${corpus.labels}-${side}.tsv`);
    const rows = figures.labels.unlabelled.map((k) => [corpus.labels, k, build.concepts.get(k).df, ...evidenceSentences(build, k, 2)].join('\t'));
    writeFileSync(file, ['corpus\tkey\tdf\tevidence 1\tevidence 2', ...rows].join('\n') + '\n');
    figures.unlabelledFile = file;
  }
  return figures;
}

// --- Printing.
const pct = (x) => (x === null || x === undefined ? '—' : `${(100 * x).toFixed(1)}%`);
const num = (x, digits = 3) => (x === null || x === undefined ? '—' : x.toFixed(digits));
function precisionCell(p) {
  if (!p) return '—';
  return `${pct(p.precision)} (${p.labelled} lab., ${p.unlabelled.length} unlab.)`;
}

function printCorpus(corpus, base, current) {
  const rows = [
    ['papers', base.papers, current.papers, ''],
    ['concepts', base.concepts, current.concepts, ''],
    ['build seconds', base.seconds.toFixed(1), current.seconds.toFixed(1), ''],
    ['1 nested mentions', `${pct(base.nested.share)} of ${base.nested.edges}`, `${pct(current.nested.share)} of ${current.nested.edges}`, '0'],
    ['2 apostrophe keys', base.apostrophes.length, current.apostrophes.length, '0'],
    ['3 variant groups', base.variants.length, current.variants.length, '0'],
  ];
  if (current.labels) {
    rows.push(
      ['4 precision, top 100 by df', precisionCell(base.labels.top), precisionCell(current.labels.top), '≥ 85%'],
      ['4 precision, 100 random', precisionCell(base.labels.random), precisionCell(current.labels.random), '≥ 75%'],
      ['4   held-out part, top 100', precisionCell(base.labels.topHeldout), precisionCell(current.labels.topHeldout), '≥ 85%'],
      ['4   held-out part, random', precisionCell(base.labels.randomHeldout), precisionCell(current.labels.randomHeldout), '≥ 75%'],
    );
  }
  const c = (f) => f.clusters;
  rows.push(
    ['5 communities', c(base).communities, c(current).communities, ''],
    ['5 coverage (first 10 concepts)', num(c(base).coverage), num(c(current).coverage), '≥ 0.8'],
    ['5 NPMI, communities (first 10)', num(c(base).npmi), num(c(current).npmi), '≥ LDA'],
    ['5 NPMI, gensim LDA (top 10 words)', num(base.lda?.npmi), num(current.lda?.npmi), ''],
    ['5 largest community, share of papers', num(c(base).largestShare), num(c(current).largestShare), '≤ 0.25'],
    ['5 labels with a nested part', c(base).nestedLabels, c(current).nestedLabels, '0'],
    ['5 layout silhouette by community', num(c(base).silhouette), num(c(current).silhouette), '≥ 0.3'],
  );
  const fl = (f) => f.clusters.fields;
  if (fl(current)) {
    rows.push(
      ['5 fields', fl(base)?.count ?? '—', fl(current).count, ''],
      ['5 fields: coverage (first 10)', num(fl(base)?.coverage), num(fl(current).coverage), '≥ 0.8'],
      ['5 fields: NPMI (first 10)', num(fl(base)?.npmi), num(fl(current).npmi), ''],
      ['5 largest field, share of papers', num(fl(base)?.largestShare), num(fl(current).largestShare), '≤ 0.25'],
      ['5 field labels with a nested part', fl(base)?.nestedLabels ?? '—', fl(current).nestedLabels, '0'],
      ['5 layout silhouette by field', num(fl(base)?.silhouette), num(fl(current).silhouette), '≥ 0.3'],
    );
  }
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => String(r[i]).length), ['figure', 'baseline', 'current', 'goal'][i].length));
  const line = (r) => r.map((x, i) => String(x).padEnd(widths[i])).join(' | ');
  console.log(`\n## ${corpus.name}\n`);
  console.log(line(['figure', 'baseline', 'current', 'goal']));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const r of rows) console.log(line(r));

  const list = (title, items) => {
    console.log(`\n${title}`);
    console.log(items.length ? items.map((x) => `  ${x}`).join('\n') : '  (none)');
  };
  list(`apostrophe keys, current (${current.apostrophes.length}; up to 20):`, current.apostrophes.slice(0, 20));
  list(`variant groups, current (${current.variants.length}; up to 30):`, current.variants.slice(0, 30).map((g) => g.join('  |  ')));
  list(`community labels with a nested part, current (${c(current).nestedLabels}; up to 10):`, c(current).nestedExamples);
  if (fl(current)) {
    list(
      'fields and their topics, current (papers):',
      fl(current).labels.flatMap((f) => [`F${f.id} ${f.label} (${f.papers})`, ...f.topics.map((t) => `    T${t.id} ${t.label} (${t.papers})`)]),
    );
  }
  if (current.labels) {
    for (const [side, f] of [['baseline', base], ['current', current]]) {
      if (f.unlabelledFile) console.log(`\nunlabelled, ${side}: ${f.labels.unlabelled.length} keys in ${f.unlabelledFile}`);
      if (f.labels.unlabelled.length) console.log(`  ${f.labels.unlabelled.slice(0, 40).join(', ')}${f.labels.unlabelled.length > 40 ? ', …' : ''}`);
    }
  } else {
    list('top 30 concepts by df, current (key  df):', current.topDf.map((x) => `${x.key}  ${x.df}`));
  }
}

// --- Main.
const tmp = mkdtempSync(join(tmpdir(), 'graph-quality-'));
let baseDir;
try {
  const { hash, subject } = describeRef(REPO, BASE_REF);
  console.log(`graph-quality: baseline ${BASE_REF} = ${hash} ${subject}`);
  console.log(`graph-quality: current = the working tree (dist/), at ${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain', '--', 'src').length ? ' with changes in src/' : ''}`);
  const corpora = prepareCorpora(tmp);
  baseDir = checkoutBaseline(REPO, BASE_REF, join(tmp, 'base'));
  for (const corpus of corpora) {
    const figures = {};
    for (const [side, code] of [['baseline', baseDir], ['current', REPO]]) {
      const out = join(tmp, `${corpus.name}-${side}`);
      const seconds = buildCorpus(code, corpus, out);
      figures[side] = measure(corpus, side, out, seconds);
      rmSync(out, { recursive: true, force: true });
    }
    printCorpus(corpus, figures.baseline, figures.current);
  }
} finally {
  if (baseDir) removeBaseline(REPO, baseDir);
  rmSync(tmp, { recursive: true, force: true });
}
