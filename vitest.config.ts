import { configDefaults, defineConfig } from 'vitest/config';
import { BROWSER_TEST_FILES, DATABASE_TEST_FILES } from './tests/setup/projects.js';

export default defineConfig({
  test: {
    // The JSON report is what .ci/run counts; the default reporter is for people. Both cover
    // every project of the run.
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest-report.json' },
    testTimeout: 30_000,
    hookTimeout: 180_000,
    // `npx vitest --project unit` runs one; a file filter runs the projects that hold its files,
    // so only a run with a database test starts the Neo4j server.
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...DATABASE_TEST_FILES, ...BROWSER_TEST_FILES],
        },
      },
      {
        extends: true,
        test: { name: 'database', include: DATABASE_TEST_FILES, globalSetup: ['tests/setup/neo4j.ts'] },
      },
      { extends: true, test: { name: 'browser', include: BROWSER_TEST_FILES } },
    ],
  },
});
