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

/** How an `--into` build found its communities, after the algorithm's name. */
function warmStart(summary: BuildSummary): string {
  if (!summary.incremental || summary.algorithm === 'neo4j-gds') return '';
  return summary.refinedByLeiden ? ' warm-started from the previous build, refined by one Leiden pass' : ' warm-started from the previous build';
}

/** The human summary `papergraph build` prints. */
export function formatBuildSummary(summary: BuildSummary): string {
  const skipped = Object.values(summary.skipped).reduce((a, b) => a + b, 0);
  const lines = [
    `papers       ${summary.papers} (${summary.records} records in ${summary.files} files, ${summary.duplicatesMerged} duplicates merged${skipped ? `, ${skipped} skipped` : ''})`,
    `concepts     ${summary.concepts} (${summary.mentions} mentions; in ≥ ${summary.minDf} papers)`,
    `edges        ${summary.edges} co-occurrence edges (${summary.weighting}${summary.topEdges ? `, strongest ${summary.topEdges} per concept` : ''})`,
    `communities  ${summary.communities} (${summary.algorithm}${warmStart(summary)}, resolution ${summary.resolution}, seed ${summary.seed})`,
    `modularity   ${summary.modularity.toFixed(4)}`,
  ];
  for (const c of summary.topCommunities) {
    lines.push(`  ${String(c.id).padStart(3)}  ${c.label}  (${c.concepts} concepts, ${c.papers} papers)`);
  }
  if (summary.communities > summary.topCommunities.length) {
    lines.push(`  … ${summary.communities - summary.topCommunities.length} more in communities.json`);
  }
  if (summary.incremental) {
    const inc = summary.incremental;
    lines.push(
      `added        ${inc.newPapers} new papers to ${inc.previousPapers} (${inc.alreadyInBuild} already in the build), ${inc.newConcepts} new concepts`,
    );
    for (const change of inc.changes) lines.push(`  ${change}`);
  }
  lines.push(`time         ${summary.timings.map((t) => `${t.stage} ${formatSeconds(t.ms)}`).join(' · ')}`);
  lines.push(`wrote        ${summary.written.map((f) => join(summary.out, f)).join(', ')}`);
  return `${lines.join('\n')}\n`;
}
