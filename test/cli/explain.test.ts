/**
 * `triage explain` in-process: one item on one screen, fitted to the width (COLUMNS, else 80
 * off a terminal), the decision with --decisions, and the whole trace with --full.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/io.js';
import { run } from '../../src/cli/main.js';
import { ROOT } from '../helpers/run.js';

/** Run the CLI with stdout not a terminal and only the given environment (no COLUMNS unless given). */
async function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const sink = (append: (text: string) => void) =>
    new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        append(String(chunk));
        done();
      },
    });
  const io: Io = { stdout: sink((t) => (stdout += t)), stderr: sink((t) => (stderr += t)), stdin: new PassThrough(), env, cwd: ROOT };
  const code = await run(args, io);
  return { code, stdout, stderr };
}

const widest = (text: string): number => Math.max(...text.split('\n').map((line) => [...line].length));

const EXAMPLE_IDS = [...Array.from({ length: 22 }, (_, k) => `WI-${String(k + 1).padStart(2, '0')}`), ...Array.from({ length: 14 }, (_, k) => `WI-${k + 31}`)];

describe('triage explain on one screen', () => {
  it('gives WI-12 in 80 columns when COLUMNS is not set and the output is not a terminal', async () => {
    const { code, stdout, stderr } = await cli(['explain', 'WI-12', 'examples/backlog.csv']);
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout).toBe(
      [
        'WI-12 Single integrated IT platform (examples/backlog.csv:13)',
        '',
        'Needs review: transformational (85: spans organisations +30, new way of',
        '  working +25) but alignment 18 is below 50',
        '  rule challenge-weak-alignment · confidence 0.91 · settled',
        '',
        '  Replace the council and CCG IT platforms with a single new integrated',
        '  platform.',
        '',
        'Alignment       18 (could be 18-42): Seamless health and social care +18.5',
        'Transformation  85 transformational: spans-organisations +30, new-way-of-working',
        '                +25, substantial-effort +10 and 2 more',
        'Not known       evidence, owner',
        '',
        'What would change it',
        '  The Union if description mentioned "data" and "self-care"; citizen_impact',
        '    were 4 (alignment 18 → 51, transformation 85 → 100)',
        '  Individual if organisations did not include council; effort_weeks were 2',
        '    (alignment 18 → 9, transformation 85 → 30)',
        '  Council if description mentioned "renewal"; lead were council; organisations',
        '    did not include council (alignment 18 → 9, transformation 85 → 20)',
        '  CCG if description mentioned "renewal"; lead were ccg; organisations did not',
        '    include council (alignment 18 → 9, transformation 85 → 20)',
        '  … 6 more: --format json lists them all',
        '',
        'Every criterion, signal and rule: triage explain WI-12 --full',
        '',
      ].join('\n'),
    );
    expect(widest(stdout)).toBe(80);
  });

  it('says what is not settled and what to chase', async () => {
    const { stdout } = await cli(['explain', 'WI-15', 'examples/backlog.csv']);
    expect(stdout.split('\n').slice(2, 6)).toEqual([
      'Needs review: business as usual so far (no signal of change known); no rule',
      '  could place it: effort_weeks, organisations, recurring and lead are unknown',
      '  rule default · confidence 0.39 · not settled: chase lead',
      '',
    ]);
    expect(stdout).toContain(
      '\nAlignment       9 (could be 9-64): Seamless health and social care +9.2\nTransformation  0 business-as-usual (could be 0-75)\nNot known       lead, organisations, effort_weeks, cost_gbp, recurring,\n                citizen_impact, evidence, owner\n',
    );
    expect(stdout).toContain('\nWhat would change it\n  Council if lead were council\n  CCG if lead were ccg\n');
  });

  it('keeps every line of every example item within 80 characters', async () => {
    for (const id of EXAMPLE_IDS) {
      const { code, stdout } = await cli(['explain', id, 'examples/backlog.csv', 'examples/backlog.yaml']);
      expect(code, id).toBe(0);
      expect(stdout.startsWith(`${id} `), id).toBe(true);
      expect(widest(stdout), id).toBeLessThanOrEqual(80);
    }
  });

  it('fits the width COLUMNS gives', async () => {
    const wide = await cli(['explain', 'WI-12', 'examples/backlog.csv'], { COLUMNS: '120' });
    expect(wide.stdout.split('\n')[2]).toBe(
      'Needs review: transformational (85: spans organisations +30, new way of working +25) but alignment 18 is below 50',
    );
    expect(widest(wide.stdout)).toBeLessThanOrEqual(120);
    const narrow = await cli(['explain', 'WI-12', 'examples/backlog.csv'], { COLUMNS: '50' });
    expect(widest(narrow.stdout)).toBeLessThanOrEqual(50);
    expect(narrow.stdout).toContain(
      '\nNeeds review: transformational (85: spans\n  organisations +30, new way of working +25) but\n  alignment 18 is below 50\n',
    );
    expect(narrow.stdout.endsWith('\n\nEvery criterion, signal and rule: triage explain\nWI-12 --full\n')).toBe(true);
  });
});

describe('triage explain --decisions', () => {
  const dir = mkdtempSync(join(tmpdir(), 'triage-cli-explain-'));
  const decisions = join(dir, 'decisions.yaml');
  writeFileSync(
    decisions,
    [
      'decisions:',
      '  - id: WI-12',
      '    route: union',
      '    recommended: review',
      '    rationale: The board backs one platform',
      '    by: Director of Integration',
      '    at: "2025-03-04T09:00:00.000Z"',
      '    answers: { quantitative-evidence: true }',
      '  - { id: WI-04, route: council, by: Asha, at: "2025-03-05T10:00:00.000Z" }',
      '  - { id: WI-06, route: council, by: Sam, rationale: Team capacity, fingerprint: "v1:00000000000000", expires: "2099-01-01" }',
      '',
    ].join('\n'),
  );

  it('shows an override under the reason, which reads the answers the decision recorded', async () => {
    const { code, stdout, stderr } = await cli(['explain', 'WI-12', 'examples/backlog.csv', '--decisions', decisions]);
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout.split('\n').slice(0, 8)).toEqual([
      'WI-12 Single integrated IT platform (examples/backlog.csv:13)',
      '',
      'Needs review: transformational (85: spans organisations +30, new way of',
      '  working +25) but alignment 28 is below 50',
      '  rule challenge-weak-alignment · confidence 0.95 · settled',
      '  Overridden by Director of Integration on 2025-03-04: The Union rather than',
      '  Needs review, because "The board backs one platform"',
      '',
    ]);
    expect(stdout).toContain(
      '\nAlignment       28 (could be 28-42): Seamless health and social care +18.5,\n                Data- and insight-led decisions +9.2\n',
    );
  });

  it('shows a confirmation, and a stale decision with its expiry', async () => {
    const confirmed = await cli(['explain', 'WI-04', 'examples/backlog.csv', '--decisions', decisions]);
    expect(confirmed.stdout.split('\n').slice(2, 6)).toEqual([
      'Council: business as usual (0: recurring −40, keeps things running −25); lead',
      '  is council',
      '  rule council-owns · confidence 1.00 · settled',
      '  Confirmed by Asha on 2025-03-05: Council, no rationale given',
    ]);
    const stale = await cli(['explain', 'WI-06', 'examples/backlog.csv', '--decisions', decisions]);
    expect(stale.stdout.split('\n').slice(4, 7)).toEqual([
      '  rule individual-can-do · confidence 1.00 · settled',
      '  Overridden by Sam: Council rather than Individual, because "Team capacity"',
      '  (STALE: the item has changed since; expires 2099-01-01)',
    ]);
  });

  it('says nothing of decisions for an item without one', async () => {
    const { stdout } = await cli(['explain', 'WI-13', 'examples/backlog.csv', '--decisions', decisions]);
    expect(stdout).toBe((await cli(['explain', 'WI-13', 'examples/backlog.csv'])).stdout);
  });
});

describe('triage explain --full', () => {
  it('is still the whole trace: every criterion, signal and rule with its test', async () => {
    const { code, stdout } = await cli(['explain', 'WI-12', 'examples/backlog.csv', '--full']);
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines.slice(0, 13)).toEqual([
      'WI-12  Single integrated IT platform  (examples/backlog.csv:13)',
      '  description: "Replace the council and CCG IT platforms with a single new …"',
      '  lead: "union"',
      '  organisations: council, ccg',
      '  effort_weeks: 52',
      '  cost_gbp: 2000000',
      '  recurring: false',
      '  citizen_impact: 2',
      '  tags: it, platform',
      '',
      'Route: Needs review  rule challenge-weak-alignment',
      '  Transformational but weakly aligned with the principles (alignment below 50): challenge it before committing Union resource.',
      '',
    ]);
    expect(stdout).toContain('\nAlignment 18/100 ██░░░░░░░░  weighted mean of principle scores\n');
    expect(
      stdout.endsWith(
        [
          'Routing  rules in order; the first that matches decides',
          '  ✗ union-leads → union: did not match',
          '      ✗ all of',
          '        ✓ classification = transformational  ["transformational"]',
          '        ✗ alignment >= 50  [18]',
          '  ✓ challenge-weak-alignment → review: matched',
          '      ✓ classification = transformational  ["transformational"]',
          '  · individual-can-do → individual: not reached',
          '  · borderline-needs-decision → review: not reached',
          '  · council-owns → council: not reached',
          '  · ccg-owns → ccg: not reached',
          '',
        ].join('\n'),
      ),
    ).toBe(true);
    // Each criterion and each signal has its line.
    expect(stdout.match(/^ {4}[✓✗?] (?:met|not met|unknown) +[a-z-]+ \(\d+ pt\)/gm)).toHaveLength(13);
    expect(stdout.match(/^ {2}[✓✗?] (?:met|not met|unknown) +[+-]\d+ [a-z-]+ /gm)).toHaveLength(9);
  });
});
