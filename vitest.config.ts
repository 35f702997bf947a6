import { defineConfig } from 'vitest/config';

/**
 * Three projects (docs/testing.md):
 *  - unit: everything that imports src/ directly; command-line behaviour runs in-process
 *    through `cli()` (test/helpers/cli.ts), so it never sees dist/.
 *  - e2e: tests that spawn the built bin (bin/triage.js runs dist/): the thin smoke suite and
 *    what genuinely needs a process (exit on a closed pipe, signals, a TTY, TMPDIR).
 *  - slow: large data, peak memory, a real browser, terminals driven through tmux, fuzzing.
 * e2e and slow rebuild dist/ first when it is older than src/ (test/setup/fresh-dist.ts).
 */
const SLOW = [
  'test/e2e/report-memory.test.ts',
  'test/e2e/scale.test.ts',
  'test/e2e/hardening-stress.test.ts',
  'test/e2e/xlsx-memory.test.ts',
  'test/e2e/review-tmux.test.ts',
  'test/e2e/weights-tmux.test.ts',
  'test/formats/html-memory.test.ts',
  'test/formats/html.browser.test.ts',
  'test/scripts/**/*.test.ts',
  'test/core/calibrate/search.test.ts',
  'test/core/sensitivity/properties.test.ts',
  'test/core/properties.test.ts',
  'test/properties/**/*.test.ts',
];

/** Files outside test/e2e and test/smoke that spawn the built bin. */
const SPAWNING = ['test/validate/readme-ci.test.ts', 'test/validate/fingerprints.test.ts'];

const E2E = ['test/e2e/**/*.test.ts', 'test/smoke/**/*.test.ts', ...SPAWNING];

export default defineConfig({
  test: {
    testTimeout: 20000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: [...E2E, ...SLOW], globalSetup: ['test/setup/fresh-generated.ts'] },
      },
      {
        extends: true,
        test: { name: 'e2e', include: E2E, exclude: SLOW, globalSetup: ['test/setup/fresh-dist.ts'] },
      },
      {
        extends: true,
        test: { name: 'slow', include: SLOW, globalSetup: ['test/setup/fresh-dist.ts'], testTimeout: 120000 },
      },
    ],
  },
});
