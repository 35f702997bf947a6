/**
 * The recipe in CONTRIBUTING.md, followed: an operator added through the public descriptor
 * (registerOperator) works everywhere a built-in one does — loading and checking a set,
 * scoring, the trace, `triage principles`, `validate`'s routing analysis — with nothing else
 * edited. `startsWith` is registered here only, for this test.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registerOperator, type Operator } from '../../src/core/operators.js';
import { cli } from '../helpers/cli.js';

const startsWith: Operator<string> = {
  name: 'startsWith',
  summary: 'a text that starts with the given text, without case',
  example: '{ field: code, startsWith: HR- }',
  appliesTo: ['string', 'text'],
  schema: { type: 'string', minLength: 1, maxLength: 100 },
  check: (arg) => (typeof arg === 'string' && arg.length > 0 && arg.length <= 100 ? undefined : 'must be a text of 1 to 100 characters'),
  expected: () => [],
  compile: (_field, arg) => ({ test: (value) => (typeof value === 'string' ? value.toLowerCase().startsWith(arg.toLowerCase()) : null) }),
  describe: (field, arg) => `${field} starts with "${arg}"`,
  verdict: (field, arg, value, result) => (result === null ? `${field} is unknown` : `${field} ${result ? 'starts' : 'does not start'} with "${arg}"`),
  literal: (field, arg) => ({ field, kind: 'opaque', key: `startsWith ${arg.toLowerCase()}` }),
  candidates: (arg) => [{ kind: 'set', value: `${arg}1` }],
};
registerOperator(startsWith);

const SET = `version: 1
organisation: Test
routes:
  - { id: hr, label: HR }
  - { id: review, label: Needs review }
fields:
  code: { type: string }
principles:
  - id: p
    title: P
    weight: 1
    criteria:
      - { id: coded, ask: Is it an HR code?, when: { field: code, startsWith: HR- }, points: 1 }
transformation:
  signals:
    - { id: s, when: { field: code, exists: true }, points: 10 }
  thresholds: { transformational: 60, businessAsUsual: 40 }
routing:
  rules:
    - { id: to-hr, route: hr, when: { field: code, startsWith: HR- }, reason: HR codes go to HR. }
  default: review
`;

describe('a test-only operator, registered through the public descriptor', () => {
  const dir = mkdtempSync(join(tmpdir(), 'triage-recipe-op-'));
  const set = join(dir, 'set.yaml');
  const items = join(dir, 'items.csv');
  writeFileSync(set, SET);
  writeFileSync(items, 'id,title,code\nA-1,Payroll,HR-17\nA-2,Roads,RD-3\nA-3,Unknown,\n');

  it('scores items, with the test in the trace and the counterfactual its candidates give', async () => {
    const { code, stdout, stderr } = await cli(['score', items, '-p', set, '-f', 'jsonl']);
    expect([code, stderr]).toEqual([0, '']);
    const rows = stdout
      .trimEnd()
      .split('\n')
      .map(
        (line) => JSON.parse(line) as { id: string; route: string; rule: string; firm: boolean; counterfactuals: Array<{ route: string; changes: unknown[] }> },
      );
    expect(rows.map((r) => [r.id, r.route, r.rule, r.firm])).toEqual([
      ['A-1', 'hr', 'to-hr', true],
      ['A-2', 'review', 'default', true],
      ['A-3', 'review', 'default', false],
    ]);
    expect(rows[1]?.counterfactuals).toEqual([
      { route: 'hr', rule: 'to-hr', changes: [{ field: 'code', from: 'RD-3', to: 'HR-1' }], alignment: 100, transformation: 10 },
    ]);
    const explained = await cli(['explain', 'A-2', items, '-p', set, '--full']);
    expect(explained.stdout).toContain('✗ code starts with "HR-"  ["RD-3"]');
  });

  it('is shown by triage principles and passes validate without a false coverage warning', async () => {
    expect((await cli(['principles', '-p', set])).stdout).toContain('when code starts with "HR-"');
    expect(await cli(['validate', set])).toEqual({ code: 0, stdout: `✔ 1 file checked, no problems\n`, stderr: '' });
  });

  it('has its argument checked by its own check, at the value', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, SET.replace('startsWith: HR- }, points', 'startsWith: 12 }, points'));
    const { code, stderr } = await cli(['score', items, '-p', bad]);
    expect(code).toBe(2);
    expect(stderr).toBe(`${bad}:13:79: error: "startsWith" must be a text of 1 to 100 characters, e.g. { field: code, startsWith: HR- } [principles/schema]\n`);
  });
});
