/** A condition can compare a field with another: `{ field: benefits_m, gt: { field: wlc_m } }`. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

const SET = `version: 1
organisation: Test
routes:
  - { id: go, label: Go }
  - { id: review, label: Needs review }
fields:
  benefits_m: { type: number }
  wlc_m: { type: number }
  rag: { type: enum, values: [red, amber, green] }
principles:
  - id: value
    title: Value for money
    weight: 1
    criteria:
      - { id: pays-back, ask: Do benefits exceed the whole-life cost?, when: { field: benefits_m, gt: { field: wlc_m } }, points: 1 }
transformation:
  signals:
    - { id: big, when: { field: wlc_m, gte: 100 }, points: 70 }
  thresholds: { transformational: 60, businessAsUsual: 40 }
routing:
  rules:
    - { id: pays, route: go, when: { field: benefits_m, gt: { field: wlc_m } }, reason: Benefits exceed cost. }
  default: review
`;

describe('comparing two fields', () => {
  const dir = mkdtempSync(join(tmpdir(), 'triage-compare-'));
  const set = join(dir, 'set.yaml');
  writeFileSync(set, SET);
  const items = join(dir, 'items.csv');
  writeFileSync(items, 'id,title,benefits_m,wlc_m\nP-1,Pays,12,10\nP-2,Costs,8,10\nP-3,No cost known,8,\n');

  it('routes by the comparison, unknown when either side is, and says so in words', async () => {
    const { code, stdout } = await cli(['score', items, '-p', set, '-f', 'jsonl']);
    expect(code).toBe(0);
    const rows = stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; route: string; firm: boolean; missingFacts?: string[]; counterfactuals: Array<{ changes: unknown[] }> });
    expect(rows.map((r) => [r.id, r.route, r.firm, r.missingFacts ?? null])).toEqual([
      ['P-1', 'go', true, null],
      ['P-2', 'review', true, null],
      ['P-3', 'review', false, ['wlc_m']],
    ]);
    expect(rows[1]?.counterfactuals[0]?.changes).toEqual([{ field: 'benefits_m', from: 8, to: 11 }]);
    const explained = await cli(['explain', 'P-2', items, '-p', set]);
    expect(explained.stdout.split('\n')[2]).toBe('Needs review: business as usual (no signal of change); no rule matched');
    const full = await cli(['explain', 'P-2', items, '-p', set, '--full']);
    expect(full.stdout).toContain('✗ benefits_m > wlc_m  [8]');
  });

  it('refuses a field that is not declared, or not a number, at the reference', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, SET.replace('gt: { field: wlc_m } }, reason', 'gt: { field: rag } }, reason'));
    expect(await cli(['validate', bad])).toMatchObject({ code: 1 });
    const { stdout } = await cli(['validate', bad]);
    expect(stdout).toContain('"benefits_m" cannot be compared with "rag", an enum field: "gt" compares numbers');
    const unknown = join(dir, 'unknown.yaml');
    writeFileSync(unknown, SET.replace('gt: { field: wlc_m } }, reason', 'gt: { field: nope } }, reason'));
    expect((await cli(['validate', unknown])).stdout).toContain('unknown field "nope" to compare with');
  });
});
