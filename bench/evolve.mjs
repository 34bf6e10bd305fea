// Stability of communities when papers are added (`build --into`): the share of concepts that
// keep their community id and the modularity against a build from scratch, for a few ways of
// splitting a corpus into what was built first (A) and what is added (B). Baselines from the same
// run: a scratch build of A+B with its ids matched to A's communities (what ids would do with no
// warm start), and how far scratch builds of A+B with other seeds spread in modularity and agree
// with each other: on a graph whose modularity landscape is flat, seeds alone move many concepts,
// and "within 1% of a scratch run" is then a tight target.
//
//   npm run bench -- evolve                 the bundled corpus
//   EVOLVE_ACL=3000 npm run bench -- evolve  also the first 3000 ACL abstracts (../shared/corpora)
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { ingest } from '../dist/ingest/index.js';
import { extractConcepts } from '../dist/extract/index.js';
import { buildKnowledgeGraph, detectCommunities, detectCommunitiesFrom, matchCommunityIds } from '../dist/graph/index.js';
import { BUNDLED_DATA_DIR } from '../dist/paths.js';

const SEEDS = [42, 43, 44, 45, 46, 47, 48, 49];
const ACL = Number(process.env.EVOLVE_ACL ?? 0);
const CORPORA = new URL('../../shared/corpora/', import.meta.url);

const SPLITS = [
  ['last 15% added', (i, n) => i < Math.round(0.85 * n)],
  ['every 7th added', (i) => i % 7 !== 0],
  ['last 5% added', (i, n) => i < Math.round(0.95 * n)],
];

const membership = (file) => new Map(file.communities.flatMap((c) => c.concepts.map((k) => [k, c.id])));
/** Share of the concepts in both partitions whose community keeps its id after overlap matching. */
function keptShare(previous, next) {
  const { changes } = matchCommunityIds(membership(previous), membership(next));
  return changes.sharedConcepts ? changes.keptConcepts / changes.sharedConcepts : 1;
}
const pct = (x) => `${(100 * x).toFixed(1)}%`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function measure(name, papers) {
  const graphOf = (list) => buildKnowledgeGraph(list, extractConcepts(list));
  // One graph of the whole corpus serves every run (each run only sets node attributes).
  const whole = graphOf(papers);
  const concepts = whole.filterNodes((_n, a) => a.kind === 'concept').length;
  console.log(`\n${name}: ${papers.length} papers, ${concepts} concepts in the graph`);

  // Seeds alone: scratch runs of the whole corpus.
  const runs = SEEDS.map((seed) => detectCommunities(whole, { seed }));
  const qs = runs.map((r) => r.modularity);
  const agreement = [];
  for (let i = 1; i < runs.length; i++) agreement.push(keptShare(runs[0], runs[i]));
  console.log(
    `  scratch runs, ${SEEDS.length} seeds: modularity ${Math.min(...qs).toFixed(4)} to ${Math.max(...qs).toFixed(4)} ` +
      `(median ${median(qs).toFixed(4)}, seed ${SEEDS[0]} ${qs[0].toFixed(4)}); ` +
      `concepts keeping seed ${SEEDS[0]}'s ids: median ${pct(median(agreement))}`,
  );

  console.log(`  ${'split'.padEnd(18)}${'kept (warm)'.padStart(12)}${'kept (scratch)'.padStart(16)}${'Q warm / scratch'.padStart(18)}  chosen`);
  for (const [label, keep] of SPLITS) {
    const before = papers.filter((_p, i) => keep(i, papers.length));
    const previous = detectCommunities(graphOf(before));
    const scratch = runs[0];
    const { communities, changes } = detectCommunitiesFrom(whole, previous);
    const kept = changes.sharedConcepts ? changes.keptConcepts / changes.sharedConcepts : 1;
    console.log(
      `  ${label.padEnd(18)}${pct(kept).padStart(12)}${pct(keptShare(previous, scratch)).padStart(16)}` +
        `${(communities.modularity / scratch.modularity).toFixed(4).padStart(18)}  ${communities.algorithm}`,
    );
  }
}

const bundled = (await ingest([BUNDLED_DATA_DIR])).papers;
measure('bundled corpus', bundled);

if (ACL > 0) {
  const file = new URL('acl-anthology-abstracts.jsonl.gz', CORPORA);
  if (!existsSync(file)) {
    console.log('\nbench/evolve: ../shared/corpora is absent; ACL sample skipped');
  } else {
    const papers = gunzipSync(readFileSync(file))
      .toString('utf8')
      .split('\n')
      .filter(Boolean)
      .slice(0, ACL)
      .map((line) => JSON.parse(line))
      .map((r, line) => ({ id: r.id, title: r.title ?? '', abstract: r.abstract ?? '', year: r.year, sources: [{ file: 'acl-anthology-abstracts.jsonl.gz', line: line + 1, format: 'jsonl' }] }));
    measure(`ACL abstracts (first ${ACL})`, papers);
  }
}
