/**
 * The summary `papergraph build` prints: what was read, the graph's size, the largest
 * communities, what a `--into` build changed, the stage times and the files written.
 */
import { join } from 'node:path';
import type { BuildSummary } from '../pipeline.js';

/** Seconds with a sensible precision: 0.012s, 1.23s, 45.6s. */
export function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return s < 0.1 ? `${s.toFixed(3)}s` : s < 10 ? `${s.toFixed(2)}s` : `${s.toFixed(1)}s`;
}

/** Left-out papers listed by title before "… and N more". */
const LEFT_OUT_SHOWN = 10;

/** The papers left out for their language: counts, then the first few. */
function formatLanguages(summary: BuildSummary): string[] {
  const languages = summary.languages;
  if (!languages?.leftOut.length) return [];
  const counts = languages.leftOutByLanguage.map(([code, n]) => `${code} ${n}`).join(', ');
  const n = languages.leftOut.length;
  const lines = [`languages    ${languages.kept.join(', ')} kept; ${n} ${n === 1 ? 'paper' : 'papers'} in other languages left out (${counts}; --languages changes it)`];
  for (const p of languages.leftOut.slice(0, LEFT_OUT_SHOWN)) lines.push(`  ${p.language}  ${p.id}  ${p.title}`);
  if (languages.leftOut.length > LEFT_OUT_SHOWN) lines.push(`  … ${languages.leftOut.length - LEFT_OUT_SHOWN} more`);
  return lines;
}

/** How an `--into` build found its communities, after the algorithm's name. */
function warmStart(summary: BuildSummary): string {
  if (!summary.incremental || summary.algorithm === 'neo4j-gds') return '';
  return summary.refinedByLeiden ? ' warm-started from the previous build, refined by one Leiden pass' : ' warm-started from the previous build';
}

/** The human summary `papergraph build` prints. */
export function formatBuildSummary(summary: BuildSummary): string {
  const skipped = Object.values(summary.skipped).reduce((a, b) => a + b, 0);
  const lines = [
    `papers       ${summary.papers} (${summary.records} records in ${summary.files} files, ${summary.duplicatesMerged} duplicates merged${skipped ? `, ${skipped} skipped` : ''}${summary.undated ? `; ${summary.undated} undated` : ''})`,
    `concepts     ${summary.concepts} (${summary.mentions} mentions; in ≥ ${summary.minDf} papers${summary.genericDropped ? `; ${summary.genericDropped} generic left out, see dropped-concepts.tsv` : ''})`,
    `edges        ${summary.edges} co-occurrence edges (${summary.weighting}${summary.topEdges ? `, strongest ${summary.topEdges} per concept` : ''})`,
    `communities  ${summary.fields ? `${summary.fields} fields, ` : ''}${summary.communities} topics (${summary.algorithm}${warmStart(summary)}, resolution ${summary.resolution}, seed ${summary.seed})`,
    `modularity   ${summary.modularity.toFixed(4)}`,
  ];
  lines.push(...formatLanguages(summary));
  for (const c of summary.topCommunities) {
    lines.push(`  ${String(c.id).padStart(3)}  ${c.label}  (${c.concepts} concepts, ${c.papers} papers)`);
  }
  if (summary.communities > summary.topCommunities.length) {
    lines.push(`  … ${summary.communities - summary.topCommunities.length} more in communities.json`);
  }
  if (summary.incremental) {
    const inc = summary.incremental;
    lines.push(
      `added        ${inc.newPapers} new papers to ${inc.previousPapers} (${inc.alreadyInBuild} already in the build${inc.updatedPapers ? `, ${inc.updatedPapers} of them updated with new ids, sources or text` : ''}), ${inc.newConcepts} new concepts`,
    );
    for (const change of inc.changes) lines.push(`  ${change}`);
  }
  lines.push(`time         ${summary.timings.map((t) => `${t.stage} ${formatSeconds(t.ms)}`).join(' · ')}`);
  lines.push(`wrote        ${summary.written.map((f) => join(summary.out, f)).join(', ')}`);
  return `${lines.join('\n')}\n`;
}
