/**
 * `triage explain` with a resourcing model says what `score` says about the item's place in its
 * body's capacity: it reads every item, runs selection, and shows whether the item fits, where
 * it goes when it does not, and what a decision forcing it in does.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

const SET = ['examples/backlog.csv', '-p', 'examples/union-capacity.yaml'];

async function lines(id: string, ...extra: string[]): Promise<string[]> {
  const { code, stdout, stderr } = await cli(['explain', id, ...SET, ...extra]);
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  return stdout.split('\n');
}

describe('explain with capacity', () => {
  it('says an item that does not fit goes to review, and why, under the recommendation', async () => {
    expect((await lines('WI-02')).slice(4, 8)).toEqual([
      '  rule union-leads · confidence 1.00 · settled',
      '  Capacity: does not fit, so Needs review rather than The Union (rule',
      "  over-capacity): other work gives more value within The Union's capacity for",
      '  2026-27',
    ]);
  });

  it('says an item that fits fits, and says nothing for a route without a capacity', async () => {
    expect((await lines('WI-01'))[5]).toBe("  Capacity: fits within The Union's capacity for 2026-27");
    expect((await lines('WI-05')).some((l) => l.includes('Capacity'))).toBe(false);
  });

  it('the full explanation gives the route the item really takes', async () => {
    const full = await lines('WI-02', '--full');
    const at = full.indexOf('Route: Needs review  rule over-capacity');
    expect(at).toBeGreaterThan(0);
    expect(full[at + 2]).toBe(
      "  Capacity: does not fit, so Needs review rather than The Union (rule over-capacity): other work gives more value within The Union's capacity for 2026-27",
    );
  });

  it('JSON carries the same route, capacity and recommendation as score', async () => {
    const explained = JSON.parse((await cli(['explain', 'WI-02', ...SET, '-f', 'json'])).stdout) as { assessment: Record<string, unknown> };
    const scored = JSON.parse((await cli(['score', ...SET, '-f', 'json'])).stdout) as { items: Array<Record<string, unknown>> };
    const item = scored.items.find((i) => i['id'] === 'WI-02')!;
    for (const key of ['route', 'rule', 'reason', 'capacity', 'recommended']) expect(explained.assessment[key]).toEqual(item[key]);
    expect(explained.assessment['rule']).toBe('over-capacity');
  });

  it('a decision forcing the item in commits it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'triage-explain-capacity-'));
    const decisions = join(dir, 'decisions.yaml');
    writeFileSync(decisions, 'decisions:\n  - { id: WI-02, route: union, rationale: Promised to the board, commit: in }\n');
    expect((await lines('WI-02', '--decisions', decisions)).slice(5, 8)).toEqual([
      '  Confirmed: The Union, because "Promised to the board"',
      "  Capacity: committed by a decision (commit: in), counted against The Union's",
      '  capacity for 2026-27',
    ]);
  });
});
