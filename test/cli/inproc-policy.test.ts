/**
 * `triage test`, `triage diff` and `triage sensitivity` through the CLI in-process (`cli()`),
 * as a CI job runs them from a checkout: the bundled set's tests, a change compared with the
 * committed set by git revision, and the flips; stdout, stderr and exit codes.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { repoPath } from '../helpers/run.js';

/** A repository holding the bundled set, committed, and the example backlog. */
function checkout(): string {
  const dir = mkdtempSync(join(tmpdir(), 'triage-cli-policy-'));
  mkdirSync(join(dir, 'principles'));
  copyFileSync(repoPath('principles/union.yaml'), join(dir, 'principles/union.yaml'));
  copyFileSync(repoPath('principles/union.tests.yaml'), join(dir, 'principles/union.tests.yaml'));
  copyFileSync(repoPath('examples/backlog.csv'), join(dir, 'backlog.csv'));
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: dir, stdio: 'pipe', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_SYSTEM: '/dev/null' } });
  git('init', '-q', '.');
  git('add', '.');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.org', 'commit', '-q', '-m', 'principles');
  return dir;
}

describe('triage test, diff and sensitivity', () => {
  it('a change that raises the bar for The Union: the tests fail, the diff names it, sensitivity saw it coming', async () => {
    const dir = checkout();
    const set = join(dir, 'principles/union.yaml');
    expect(await cli(['test', '-p', 'principles/union.yaml', '-f', 'github'], { cwd: dir })).toEqual({
      code: 0,
      stdout: '',
      stderr: 'principles/union.tests.yaml: 9 tests, 9 passed (principles/union.yaml)\n',
    });

    // The Union now needs alignment 90, not 50.
    const text = readFileSync(set, 'utf8');
    const changed = text.replace('- { field: alignment, gte: 50 }', '- { field: alignment, gte: 90 }');
    expect(changed).not.toBe(text);
    writeFileSync(set, changed);

    expect(await cli(['test', 'principles/union.tests.yaml', '-f', 'github'], { cwd: dir })).toEqual({
      code: 1,
      stdout:
        '::error file=principles/union.tests.yaml,line=23,col=14,title=test/failed::test "joint discharge redesign goes to The Union" failed: route is review, expected union; rule is challenge-weak-alignment, expected union-leads; firm is false (unknown: owner), expected true; rule challenge-weak-alignment decided: Needs review: transformational (100: spans organisations +30, new way of working +25) but alignment 85 is below 90\n',
      stderr: 'principles/union.tests.yaml: 9 tests, 8 passed, 1 failed (principles/union.yaml)\n',
    });

    const diff = await cli(
      ['diff', '--from', 'git:HEAD:principles/union.yaml', '--to', 'principles/union.yaml', 'backlog.csv', '-f', 'json', '--fail-on-change'],
      { cwd: dir },
    );
    expect(diff.stderr).toBe('triage: 7 of 22 items changed, and --fail-on-change is set\n');
    expect(diff.code).toBe(1);
    const report = JSON.parse(diff.stdout) as {
      meta: { from: { file: string } };
      summary: { matrix: object };
      changes: Array<{ id: string; because: string[] }>;
    };
    expect(report.meta.from.file).toBe('git:HEAD:principles/union.yaml');
    expect(report.summary.matrix).toEqual({
      union: { review: 7 },
      council: { council: 4 },
      ccg: { ccg: 4 },
      individual: { individual: 3 },
      review: { review: 4 },
    });
    for (const change of report.changes) {
      expect(change.because.slice(0, 2)).toEqual([
        'rule union-leads → challenge-weak-alignment',
        'rule union-leads: classification = transformational and alignment >= 50 → classification = transformational and alignment >= 90',
      ]);
    }

    // Before the change, sensitivity said which items leave The Union as the limit rises, and where.
    writeFileSync(set, text);
    const sensitivity = await cli(['sensitivity', 'backlog.csv', '-f', 'json'], { cwd: dir });
    expect(sensitivity.code).toBe(0);
    const limit = (
      JSON.parse(sensitivity.stdout) as { parameters: Array<{ id: string; flips: Array<{ item: string; at: number; op: string; route: string }> }> }
    ).parameters.find((p) => p.id === 'routing.union-leads.alignment.gte');
    const leaving = (limit?.flips ?? []).filter((f) => f.op === '>' && f.at < 90);
    expect(leaving.map((f) => f.item).sort()).toEqual(report.changes.map((c) => c.id).sort());
    expect(leaving.map((f) => [f.item, f.at, f.route])).toEqual([
      ['WI-09', 51, 'review'],
      ['WI-03', 54, 'review'],
      ['WI-07', 54, 'review'],
      ['WI-22', 65, 'review'],
      ['WI-01', 69, 'review'],
      ['WI-08', 75, 'review'],
      ['WI-02', 79, 'review'],
    ]);
  });

  it('each command has --help with examples, and is listed in the help', async () => {
    const help = (await cli(['--help'])).stdout;
    for (const command of ['test', 'diff', 'sensitivity']) {
      expect(help).toContain(`  ${command} [options]`);
      const own = await cli([command, '--help']);
      expect(own.code).toBe(0);
      expect(own.stdout).toContain('Examples:\n  $ triage ');
    }
  });
});
