import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * The projects (docs/testing.md). `npm test` runs the first three, the loop a developer runs
 * (a minute on a 2-core machine); CI runs the slow one as well.
 *  - unit: everything that imports src/ directly; command-line behaviour runs in-process
 *    through `cli()` (test/helpers/cli.ts), so it never sees dist/. Files share their worker's
 *    modules, except:
 *  - unit-isolated: the few unit files that change what others would see (a mock of node:fs or
 *    of assessRoute, test-only registrations), each in a process of its own.
 *  - e2e: tests that run the built code (bin/triage.js runs dist/): the thin smoke suite, the
 *    real-browser HTML test, score --jobs workers, and what genuinely needs a process.
 *  - slow: large data, peak memory, the axe-core audit, terminals driven through tmux, fuzzing,
 *    property tests with many runs, and system-level hardening (other users, ulimit, devices,
 *    full disks, signals, closed pipes, racing processes).
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
  'test/formats/html.a11y.browser.test.ts',
  'test/e2e/hardening.test.ts',
  'test/e2e/hardening-io.test.ts',
  'test/scripts/**/*.test.ts',
  'test/core/calibrate/search.test.ts',
  'test/core/sensitivity/properties.test.ts',
  'test/core/properties.test.ts',
  'test/properties/**/*.test.ts',
];

/** Files outside test/e2e and test/smoke that run the built code: the bin, or score --jobs workers (dist/cli/score-worker.js). */
const SPAWNING = ['test/validate/readme-ci.test.ts', 'test/validate/fingerprints.test.ts', 'test/cli/score-jobs.test.ts', 'test/formats/html.browser.test.ts'];

const E2E = ['test/e2e/**/*.test.ts', 'test/smoke/**/*.test.ts', ...SPAWNING];

/**
 * Unit files that change what other files would see: a mock of node:fs, one of assessRoute
 * (which a shared module graph would not take, having loaded the real one), and the recipes'
 * test-only operator and format, registered in the process-wide registries. They run each in a
 * process of its own; every other unit file shares its worker's modules, which is most of the
 * unit project's speed (a fresh module graph per file cost more than the tests themselves).
 */
const ISOLATED = ['test/io/output.test.ts', 'test/cli/score-routed.test.ts', 'test/cli/heap.test.ts', 'test/recipes/**/*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 20000,
    pool: 'forks',
    // Every core (vitest's default leaves one free, which on a 2-core machine is half of them).
    maxWorkers: Math.max(2, availableParallelism()),
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: [...E2E, ...SLOW, ...ISOLATED],
          isolate: false,
          globalSetup: ['test/setup/fresh-generated.ts'],
        },
      },
      {
        extends: true,
        test: { name: 'unit-isolated', include: ISOLATED, globalSetup: ['test/setup/fresh-generated.ts'] },
      },
      {
        extends: true,
        // Its files spawn the bin: what they import themselves can be shared.
        test: { name: 'e2e', include: E2E, exclude: SLOW, isolate: false, globalSetup: ['test/setup/fresh-dist.ts'] },
      },
      {
        extends: true,
        test: { name: 'slow', include: SLOW, globalSetup: ['test/setup/fresh-dist.ts'], testTimeout: 120000 },
      },
    ],
  },
});
