/**
 * `triage calibrate` in-process: the worked example's table, JSON and diff exactly, --write and
 * what it refuses, decisions left out (expired, stale, naming no item), options and errors.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CalibrationProgressLine } from '../../src/cli/calibrate-progress.js';
import { cli } from '../helpers/cli.js';
import { repoPath } from '../helpers/run.js';

const UNION = readFileSync(repoPath('principles/union.yaml'), 'utf8');
const EXAMPLE = ['calibrate', '--decisions', 'examples/board-decisions.yaml', 'examples/backlog.csv'];

const temp = (): string => mkdtempSync(join(tmpdir(), 'triage-calibrate-'));

/** The bundled set with the two values the worked example proposes. */
const CALIBRATED = UNION.replace('    transformational: 60\n', '    transformational: 61\n').replace(
  '          - { field: alignment, gte: 50 }\n',
  '          - { field: alignment, gte: 55 }\n',
);

describe('triage calibrate on the worked example', () => {
  it('prints agreement, the matrix, the rules overruled, the changes, the items that move and the lines that change', async () => {
    const { code, stdout, stderr } = await cli(EXAMPLE);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toBe(
      [
        'Calibration of principles/union.yaml against 22 decisions in examples/board-decisions.yaml',
        '',
        'Agreement: the recommendation is the route decided',
        '  before         17 of 22   77.3%  with the set as it is',
        '  proposed       21 of 22   95.5%  with the 2 changes below',
        '  leave-one-out  20 of 22   90.9%  each item predicted by a calibration on the other 21',
        '',
        'Recommended (rows) and decided (columns), with the set as it is',
        '                The Union  Council  CCG  Individual  Needs review',
        '  The Union             4        .    .           .             3',
        '  Council               .        4    .           .             .',
        '  CCG                   .        .    4           .             .',
        '  Individual            .        .    .           3             .',
        '  Needs review          .        1    1           .             2',
        '  agreement by decided route: The Union 4 of 4 · Council 4 of 5 · CCG 4 of 5 · Individual 3 of 3 · Needs review 2 of 5',
        '',
        'Rules overruled most often',
        '  union-leads                3 of 7 overridden',
        '  borderline-needs-decision  1 of 2 overridden',
        '  default                    1 of 1 overridden',
        '',
        'Proposed changes (17 parameters free to move, each within ±50% of its value)',
        '  thresholds.transformational        60 → 61',
        '  routing.union-leads.alignment.gte  50 → 55',
        '',
        'Decided items whose recommendation changes: 4',
        '  WI-03  Care home market sustainability plan  The Union → Needs review  now as decided',
        '  WI-07  Population health dashboard  The Union → Needs review  now as decided',
        '  WI-09  Digital front door for care assessments  The Union → Needs review  now as decided',
        '  WI-14  Social prescribing service  Needs review → CCG  now as decided',
        '',
        'The change to principles/union.yaml',
        '  245  -    transformational: 60',
        '       +    transformational: 61',
        '  255  -          - { field: alignment, gte: 50 }',
        '       +          - { field: alignment, gte: 55 }',
        '',
      ].join('\n'),
    );
  });

  it('-f json prints { meta, agreement: { before, after, leaveOneOut }, matrix, changes, moved } first', async () => {
    const { code, stdout } = await cli([...EXAMPLE, '-f', 'json']);
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as Record<string, unknown> & { meta: Record<string, unknown>; agreement: Record<string, unknown> };
    expect(Object.keys(json)).toEqual(['meta', 'agreement', 'matrix', 'changes', 'moved', 'matrixAfter', 'overruled', 'steps', 'varied', 'diff']);
    expect(json.agreement).toEqual({
      before: 17 / 22,
      after: 21 / 22,
      leaveOneOut: 20 / 22,
      decided: 22,
      agreed: { before: 17, after: 21, leaveOneOut: 20 },
      validation: { method: 'leave-one-out', folds: 22 },
      byRoute: [
        { route: 'union', decided: 4, before: 4, after: 4 },
        { route: 'council', decided: 5, before: 4, after: 4 },
        { route: 'ccg', decided: 5, before: 4, after: 5 },
        { route: 'individual', decided: 3, before: 3, after: 3 },
        { route: 'review', decided: 5, before: 2, after: 5 },
      ],
    });
    expect(json['matrix']).toEqual({
      union: { union: 4, council: 0, ccg: 0, individual: 0, review: 3 },
      council: { union: 0, council: 4, ccg: 0, individual: 0, review: 0 },
      ccg: { union: 0, council: 0, ccg: 4, individual: 0, review: 0 },
      individual: { union: 0, council: 0, ccg: 0, individual: 3, review: 0 },
      review: { union: 0, council: 1, ccg: 1, individual: 0, review: 2 },
    });
    expect(json['changes']).toEqual([
      { parameter: 'thresholds.transformational', from: 60, to: 61, name: 'the transformational threshold', line: 245 },
      { parameter: 'routing.union-leads.alignment.gte', from: 50, to: 55, name: 'the alignment limit of union-leads', line: 255 },
    ]);
    expect(json['moved']).toEqual([
      { id: 'WI-03', from: 'union', to: 'review', title: 'Care home market sustainability plan', decided: 'review' },
      { id: 'WI-07', from: 'union', to: 'review', title: 'Population health dashboard', decided: 'review' },
      { id: 'WI-09', from: 'union', to: 'review', title: 'Digital front door for care assessments', decided: 'review' },
      { id: 'WI-14', from: 'review', to: 'ccg', title: 'Social prescribing service', decided: 'ccg' },
    ]);
    expect(json['steps']).toEqual([
      { parameter: 'routing.union-leads.alignment.gte', from: 50, to: 55 },
      { parameter: 'thresholds.transformational', from: 60, to: 61 },
    ]);
    expect(json.meta).toMatchObject({
      principles: { file: 'principles/union.yaml', organisation: 'The Union' },
      inputs: ['examples/backlog.csv'],
      decisions: 'examples/board-decisions.yaml',
      maxChange: 50,
      maxSteps: 20,
      decided: 22,
      skipped: { expired: 0, stale: 0, unmatched: 0 },
    });
    expect((json.meta['vary'] as string[]).length).toBe(17);
    expect(json['overruled']).toEqual([
      { rule: 'union-leads', recommended: 7, overridden: 3 },
      { rule: 'borderline-needs-decision', recommended: 2, overridden: 1 },
      { rule: 'default', recommended: 1, overridden: 1 },
    ]);
  });

  it('-f diff prints the change as a unified diff of the principle set', async () => {
    const { code, stdout } = await cli([...EXAMPLE, '-f', 'diff']);
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        '--- a/principles/union.yaml',
        '+++ b/principles/union.yaml',
        '@@ -242,7 +242,7 @@',
        '       when: { field: effort_weeks, lte: 2 }',
        '       points: -15',
        '   thresholds:',
        '-    transformational: 60',
        '+    transformational: 61',
        '     businessAsUsual: 40',
        ' ',
        ' routing:',
        '@@ -252,7 +252,7 @@',
        '       when:',
        '         all:',
        '           - { field: classification, equals: transformational }',
        '-          - { field: alignment, gte: 50 }',
        '+          - { field: alignment, gte: 55 }',
        '       reason: >-',
        '         Transformational and well aligned with the principles: strategically significant',
        '         work that The Union should lead.',
        '',
      ].join('\n'),
    );
  });

  it('bounds the search with --vary and --max-change', async () => {
    const { code, stdout } = await cli([...EXAMPLE, '--vary', 'weights,thresholds.transformational', '--max-change', '10%', '-f', 'json']);
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as { meta: { vary: string[]; maxChange: number }; changes: unknown[]; agreement: { agreed: unknown } };
    expect(json.meta.vary).toEqual([
      'principles.insight-led.weight',
      'principles.self-empowerment.weight',
      'principles.continuous-feedback.weight',
      'principles.seamless-care.weight',
      'principles.citizen-outcomes.weight',
      'thresholds.transformational',
    ]);
    expect(json.meta.maxChange).toBe(10);
    // Without the alignment limit, the threshold does that work too: 66 (+10%) also sends WI-03 (transformation 65) to review.
    expect(json.changes).toEqual([{ parameter: 'thresholds.transformational', from: 60, to: 66, name: 'the transformational threshold', line: 245 }]);
    expect(json.agreement.agreed).toEqual({ before: 17, after: 19, leaveOneOut: 18 });
  });
});

describe('--write', () => {
  it('writes the calibrated set, every line but the changed ones as it was', async () => {
    const dir = temp();
    const out = join(dir, 'calibrated.yaml');
    const { code, stderr } = await cli([...EXAMPLE, '--write', out, '-q']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(readFileSync(out, 'utf8')).toBe(CALIBRATED);
    const again = await cli([...EXAMPLE, '--write', out, '-f', 'json']);
    expect(again.code).toBe(2);
    expect(again.stderr).toBe(`${out} exists, and is written over only with --force; add --force to replace it, or name a new file\n`);
    expect(again.stdout).toBe('');
  });

  it('says where it wrote, and updates the set read in place only with --force', async () => {
    const dir = temp();
    const set = join(dir, 'principles.yaml');
    copyFileSync(repoPath('principles/union.yaml'), set);
    const args = [...EXAMPLE, '-p', set, '--write', set, '-f', 'json'];
    const refused = await cli(args);
    expect([refused.code, refused.stderr]).toEqual([
      2,
      `${set} exists (it is the principle set being read), and is written over only with --force; add --force to update it in place, or name a new file\n`,
    ]);
    expect(readFileSync(set, 'utf8')).toBe(UNION);
    const forced = await cli([...args, '--force']);
    expect([forced.code, forced.stderr]).toEqual([0, `calibrated principle set written to ${set}\n`]);
    expect(readFileSync(set, 'utf8')).toBe(CALIBRATED);
  });

  it('never writes over the bundled set, the decisions or an item file, even with --force', async () => {
    const bundled = await cli([...EXAMPLE, '--write', 'principles/union.yaml', '--force']);
    expect([bundled.code, bundled.stderr]).toEqual([
      2,
      'principles/union.yaml is the bundled principle set, which stays as shipped; write your own copy, e.g. --write principles.yaml\n',
    ]);
    const decisions = await cli([...EXAMPLE, '--write', 'examples/board-decisions.yaml', '--force']);
    expect([decisions.code, decisions.stderr]).toEqual([
      2,
      'examples/board-decisions.yaml: cannot write examples/board-decisions.yaml: it is the decisions file examples/board-decisions.yaml that this run reads, and writing it would replace it; write the calibrated set to a file of its own, e.g. --write calibrated.yaml\n',
    ]);
    const items = await cli([...EXAMPLE, '--write', 'examples/backlog.csv', '--force']);
    expect(items.code).toBe(2);
    expect(items.stderr).toContain('it is the item file examples/backlog.csv that this run reads');
    const dash = await cli([...EXAMPLE, '--write', '-']);
    expect([dash.code, dash.stderr]).toEqual([2, '--write needs a file name; e.g. --write calibrated.yaml\n']);
    expect([bundled.stdout, decisions.stdout, items.stdout]).toEqual(['', '', '']);
    expect(readFileSync(repoPath('principles/union.yaml'), 'utf8')).toBe(UNION);
  });
});

describe('decisions left out', () => {
  it('skips expired and stale decisions and warns of one naming no item, at its place', async () => {
    const dir = temp();
    const file = join(dir, 'decisions.yaml');
    writeFileSync(
      file,
      [
        'decisions:',
        '  - { id: WI-03, route: review, rationale: thin }',
        '  - { id: WI-07, route: review, rationale: thin, expires: "2020-01-01" }',
        '  - { id: WI-09, route: review, rationale: thin, fingerprint: "v1:00000000000000" }',
        '  - { id: WI-99, route: council, rationale: gone }',
        '',
      ].join('\n'),
    );
    const { code, stdout, stderr } = await cli(['calibrate', '--decisions', file, 'examples/backlog.csv', '-f', 'json']);
    expect(code).toBe(0);
    expect(stderr).toBe(`${file}:5:11: warning: decision for "WI-99" matches no item in the input, so calibration leaves it out [decisions/unknown-item]\n`);
    const json = JSON.parse(stdout) as { meta: { decided: number; skipped: unknown }; agreement: { agreed: unknown } };
    expect(json.meta.decided).toBe(1);
    expect(json.meta.skipped).toEqual({ expired: 1, stale: 1, unmatched: 1 });
    const table = await cli(['calibrate', '--decisions', file, 'examples/backlog.csv', '-q']);
    expect(table.stdout.split('\n').slice(0, 2)).toEqual([
      `Calibration of principles/union.yaml against 1 decision in ${file}`,
      '  left out: 1 expired, 1 stale (the item changed since), 1 naming no item read',
    ]);
  });

  it('exits 1 when no decision in force names an item read', async () => {
    const dir = temp();
    const file = join(dir, 'decisions.yaml');
    writeFileSync(file, 'decisions:\n  - { id: X-1, route: union }\n');
    const { code, stdout, stderr } = await cli(['calibrate', '--decisions', file, 'examples/backlog.csv']);
    expect({ code, stdout, stderr }).toEqual({
      code: 1,
      stdout: '',
      stderr: `no decision in ${file} is in force for an item read, so there is nothing to calibrate against; give the item files the decisions were made on\n`,
    });
  });

  it('leaves out an invalid item, as score does, and exits 1 with the calibration still printed', async () => {
    const dir = temp();
    const items = join(dir, 'items.csv');
    const lines = readFileSync(repoPath('examples/backlog.csv'), 'utf8').split('\n');
    // WI-03's citizen impact becomes 9, outside 1-5.
    writeFileSync(items, lines.map((line) => (line.startsWith('WI-03,') ? line.replace(',16,120000,no,4,', ',16,120000,no,9,') : line)).join('\n'));
    const { code, stdout, stderr } = await cli(['calibrate', '--decisions', 'examples/board-decisions.yaml', items, '-f', 'json']);
    expect(code).toBe(1);
    expect(stderr.split('\n')).toEqual([
      `${items}:4:250: error: citizen_impact 9 is above the maximum 5: give a value from 1 to 5 [item/invalid-value]`,
      '1 invalid item(s) were left out of the results',
      'examples/board-decisions.yaml:8:9: warning: decision for "WI-03" matches no item in the input, so calibration leaves it out [decisions/unknown-item]',
      '',
    ]);
    const json = JSON.parse(stdout) as { meta: { decided: number; skipped: { unmatched: number } } };
    expect([json.meta.decided, json.meta.skipped.unmatched]).toEqual([21, 1]);
  });

  it('refuses a decisions file that names a route the set does not have (exit 2)', async () => {
    const dir = temp();
    const file = join(dir, 'decisions.yaml');
    writeFileSync(file, 'decisions:\n  - { id: WI-01, route: nowhere }\n');
    const { code, stderr } = await cli(['calibrate', '--decisions', file, 'examples/backlog.csv']);
    expect(code).toBe(2);
    expect(stderr).toBe(
      `${file}:2:25: error: decision for "WI-01" names route "nowhere", which the principle set does not declare: use one of union, council, ccg, individual, review [decisions/unknown-route]\n`,
    );
  });
});

describe('usage', () => {
  it.each([
    [
      [],
      'triage calibrate needs the decisions to agree with: --decisions FILE; e.g. triage calibrate --decisions decisions.yaml backlog.csv (triage review writes such a file)',
    ],
    [
      ['--vary', 'weight'],
      '--vary weight: not weights, points or thresholds, nor a parameter of the principle set; did you mean "weights"?; triage sensitivity lists the parameters by id, e.g. principles.insight-led.weight',
    ],
    [['--vary', ','], '--vary names nothing to vary; e.g. --vary weights,points,thresholds'],
    [
      ['--max-change', '0'],
      '--max-change 0 is not a percentage above 0; give how far each parameter may move, as a share of its value, e.g. --max-change 50% (or none for anywhere in its range)',
    ],
    [
      ['--max-change', 'lots'],
      '--max-change lots is not a percentage above 0; give how far each parameter may move, as a share of its value, e.g. --max-change 50% (or none for anywhere in its range)',
    ],
  ])('%j: %s', async (extra, message) => {
    const args = extra.length === 0 ? ['calibrate', 'examples/backlog.csv'] : [...EXAMPLE, ...extra];
    const { code, stdout, stderr } = await cli(args);
    expect({ code, stdout, stderr }).toEqual({ code: 2, stdout: '', stderr: `${message}\n` });
  });

  it('reads standard input once: not for both the principle set and the items', async () => {
    const { code, stderr } = await cli(['calibrate', '--decisions', 'examples/board-decisions.yaml', '-p', '-', '-'], { input: UNION });
    expect([code, stderr]).toEqual([
      2,
      'standard input (-) can be read only once, and both -p and the item files name it; save one of the two to a file and name it\n',
    ]);
  });

  it('--max-change none searches each parameter over its whole range', async () => {
    const { code, stdout } = await cli([...EXAMPLE, '--max-change', 'none', '-f', 'json']);
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as { meta: { maxChange: unknown }; varied: Array<{ id: string; range: unknown }> };
    expect(json.meta.maxChange).toBeNull();
    expect(json.varied.find((v) => v.id === 'principles.insight-led.weight')?.range).toEqual([0, 1000]);
    expect(json.varied.find((v) => v.id === 'thresholds.transformational')?.range).toEqual([40, 100]);
  });
});

describe('CalibrationProgressLine', () => {
  it('draws the step and agreement, then the held-out calibrations done, at most ten times a second', () => {
    const written: string[] = [];
    let now = 0;
    const line = new CalibrationProgressLine({ isTTY: true, write: (t: string) => written.push(t) }, 2000, () => now);
    now = 150;
    line.update({ phase: 'search', searches: 1, finished: 0, step: 2, agreed: 1838 });
    now = 200;
    line.update({ phase: 'search', searches: 1, finished: 0, step: 3, agreed: 1900 });
    now = 65_000;
    line.update({ phase: 'validation', method: 'k-fold', searches: 10, finished: 4, step: 1, agreed: 1700 });
    line.clear();
    line.clear();
    expect(written).toEqual([
      '\r\u001b[2Kcalibrating: step 3 · 1,838 of 2,000 agree · 0s',
      '\r\u001b[2K10-fold check: 4 of 10 calibrations done · 1m 05s',
      '\r\u001b[2K',
    ]);
    expect(line.line({ phase: 'validation', method: 'leave-one-out', searches: 150, finished: 37, step: 0, agreed: 0 }, 3000)).toBe(
      'leave-one-out: 37 of 150 calibrations done · 3s',
    );
  });
});
