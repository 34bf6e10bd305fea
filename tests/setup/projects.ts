/**
 * Which test files need what
 * ==========================
 *
 * `vitest.config.ts` splits the suite into three Vitest projects by these lists:
 *
 * - `database`: files that talk to a real Neo4j, through the global setup's server
 *   (`inject('neo4j')`) or one they start themselves (Java 17 and Maven).
 * - `browser`: files that drive Debian's Chromium through playwright-core.
 * - `unit`: every other file; needs neither.
 *
 * `tests/store/setup.test.ts` checks that the lists name every file that needs them.
 */

/** Test files that need Neo4j (relative to the project root). */
export const DATABASE_TEST_FILES = [
  'tests/store/neo4j.test.ts',
  'tests/store/gds.test.ts',
  'tests/store/neo4j-import.test.ts',
  'tests/store/paper-identity-neo4j.test.ts',
  'tests/store/trends-neo4j.test.ts',
  'tests/pipeline-gds.test.ts',
];

/** Test files that drive Chromium (relative to the project root). */
export const BROWSER_TEST_FILES = [
  'tests/report/corpus.test.ts',
  'tests/report/html-browser.test.ts',
  'tests/viewer/viewer.test.ts',
];
