/**
 * `score -f csv` makes its rows from the routed part of each assessment (assessRoute) when
 * nothing else reads the rest; with --sort it works out whole assessments. Both must give the
 * same rows, byte for byte, whatever the columns kept and the routes shown.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeBacklog } from '../../scripts/bench/generate.mjs';
import { cli } from '../helpers/cli.js';

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
      const routed = await cli(['score', backlog, '-f', 'csv', '--jobs', '1', ...extra]);
      const whole = await cli(['score', backlog, '-f', 'csv', '--jobs', '1', '--sort', 'alignment', ...extra]);
      expect(routed.code).toBe(0);
      expect(whole.code).toBe(0);
      expect(rows(routed.stdout)).toEqual(rows(whole.stdout));
      expect(routed.stdout.split('\n').length).toBeGreaterThan(extra.length === 0 ? 600 : 50);
    },
  );
});
