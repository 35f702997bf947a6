/**
 * `triage calibrate` run as a command, in-process: the proposal written with --write is a valid
 * principle set, the same file the -f diff patch makes when git applies it, and it agrees with
 * the decisions as the report says.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoPath } from '../helpers/run.js';
import { cli } from '../helpers/cli.js';

const EXAMPLE = ['calibrate', '--decisions', 'examples/board-decisions.yaml', 'examples/backlog.csv'];

describe('triage calibrate, as a command', () => {
  it('writes a set that validates, equals the diff applied, and agrees with the decisions as reported', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'triage-calibrate-e2e-'));
    const written = join(dir, 'calibrated.yaml');
    const run = await cli([...EXAMPLE, '--write', written, '-f', 'json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(`calibrated principle set written to ${written}\n`);
    const report = JSON.parse(run.stdout) as { agreement: { agreed: { before: number; after: number; leaveOneOut: number } }; diff: string };
    expect(report.agreement.agreed).toEqual({ before: 17, after: 21, leaveOneOut: 20 });

    expect(await cli(['validate', written])).toEqual({ code: 0, stdout: '✔ 1 file checked, no problems\n', stderr: '' });

    // The patch, applied by git to a copy of the bundled set, gives the same bytes.
    const diff = await cli([...EXAMPLE, '-f', 'diff']);
    expect(diff.code).toBe(0);
    expect(diff.stdout).toBe(report.diff);
    mkdirSync(join(dir, 'principles'));
    copyFileSync(repoPath('principles/union.yaml'), join(dir, 'principles/union.yaml'));
    const applied = spawnSync('git', ['apply', '-'], { cwd: dir, input: diff.stdout, encoding: 'utf8' });
    expect([applied.status, applied.stderr]).toEqual([0, '']);
    expect(readFileSync(join(dir, 'principles/union.yaml'), 'utf8')).toBe(readFileSync(written, 'utf8'));

    // Scored with the written set and the decisions, the items agree as "after" said: 21 confirmations.
    const scored = await cli([
      'score',
      'examples/backlog.csv',
      '-p',
      written,
      '--decisions',
      'examples/board-decisions.yaml',
      '-f',
      'json',
      '--no-counterfactuals',
    ]);
    expect(scored.code).toBe(0);
    const items = (JSON.parse(scored.stdout) as { items: Array<{ decision?: { kind: string } }> }).items;
    expect(items.filter((a) => a.decision?.kind === 'confirmed')).toHaveLength(21);
  });

  it('is listed in the help, with examples of its own', async () => {
    expect((await cli(['--help'])).stdout).toContain('  calibrate [options] [files...]');
    const own = await cli(['calibrate', '--help']);
    expect(own.code).toBe(0);
    expect(own.stdout).toContain('Examples:\n  $ triage calibrate --decisions decisions.yaml backlog.csv\n');
  });
});
