/**
 * `score -f csv` makes its rows from the routed part of each assessment (assessRoute) when
 * nothing else reads the rest; with --sort it works out whole assessments. Both must give the
 * same rows, byte for byte, whatever the columns kept and the routes shown.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { writeBacklog } from '../../scripts/bench/generate.mjs';
import type * as assessModule from '../../src/core/assess.js';
import { assessRoute } from '../../src/core/assess.js';
import { cli } from '../helpers/cli.js';

// Counted, so that the test knows which path made the rows: equal rows alone would pass if
// both runs worked out whole assessments.
vi.mock('../../src/core/assess.js', async (original) => {
  const real = await original<typeof assessModule>();
  return { ...real, assessRoute: vi.fn(real.assessRoute) };
});

const backlog = join(mkdtempSync(join(tmpdir(), 'triage-routed-')), 'backlog.csv');

beforeAll(async () => {
  await writeBacklog(backlog, 600, 23);
});

/** The rows of a CSV output, header first, the rest in byte order. */
function rows(stdout: string): string[] {
  const [header = '', ...rest] = stdout.trimEnd().split('\n');
  return [header, ...rest.sort()];
}

describe('score -f csv from the routed part of assessments', () => {
  it.each([[[]], [['--keep-columns', 'owner', '--keep-columns', 'tags', '--route', 'union', '--route', 'review']]])(
    'writes the rows whole assessments give (%j)',
    async (extra) => {
      // --sort alignment needs whole assessments; the input order takes the routed path.
      vi.mocked(assessRoute).mockClear();
      const routed = await cli(['score', backlog, '-f', 'csv', '--jobs', '1', ...extra]);
      expect(vi.mocked(assessRoute)).toHaveBeenCalledTimes(600);
      vi.mocked(assessRoute).mockClear();
      const whole = await cli(['score', backlog, '-f', 'csv', '--jobs', '1', '--sort', 'alignment', ...extra]);
      expect(vi.mocked(assessRoute)).not.toHaveBeenCalled();
      expect(routed.code).toBe(0);
      expect(whole.code).toBe(0);
      expect(rows(routed.stdout)).toEqual(rows(whole.stdout));
      expect(routed.stdout.split('\n').length).toBeGreaterThan(extra.length === 0 ? 600 : 50);
    },
  );
});
