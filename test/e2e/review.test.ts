/** `triage review` and `triage init` as the built bin runs them (without a terminal). */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DecisionStore } from '../../src/decisions/store.js';
import { buildQueue } from '../../src/interactive/queue.js';
import { runReview } from '../../src/interactive/review.js';
import { unionPolicy } from '../helpers/policy.js';
import { repoPath, triage } from '../helpers/run.js';
import { ENTER, ScriptedPrompter, clock, exampleItems } from '../interactive/fake-prompter.js';

function folderWithBacklog(): string {
  const dir = mkdtempSync(join(tmpdir(), 'triage-e2e-review-'));
  copyFileSync(repoPath('examples/backlog.csv'), join(dir, 'backlog.csv'));
  return dir;
}

describe('triage review without a terminal', () => {
  it('refuses when standard input is not a terminal, instead of hanging', () => {
    const dir = folderWithBacklog();
    const { code, stdout, stderr } = triage(['review', 'backlog.csv'], { cwd: dir });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'triage review asks questions, so it needs a terminal, and standard input is not one; run it in a terminal; in a script, use triage score --decisions FILE to apply decisions already made\n',
    );
    expect(existsSync(join(dir, 'decisions.yaml.lock'))).toBe(false);
  });

  it('refuses items from standard input, and no items at all', () => {
    expect(triage(['review', '-'])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'triage review cannot read items from standard input (-): the keyboard is needed for the answers; save the items to a file and name it, e.g. triage review backlog.csv\n',
    });
    expect(triage(['review'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'no item files given; name the files to review, e.g. triage review examples/backlog.csv\n',
    });
    expect(triage(['review', 'examples/backlog.csv', '--min-confidence', '2']).stderr).toBe(
      '--min-confidence 2: give a number from 0 to 1; e.g. --min-confidence 0.7\n',
    );
  });
});

describe('decisions made in review, applied by score', () => {
  it('round-trips: review writes decisions.yaml, score --decisions applies every one', async () => {
    const dir = folderWithBacklog();
    const file = join(dir, 'decisions.yaml');
    const policy = unionPolicy();
    const items = await exampleItems(policy);
    const store = await DecisionStore.open(file, { policy });
    const queue = buildQueue(policy, items, (id) => store.get(id), { minConfidence: 0.5, today: '2025-03-04' });
    // A route and a reason for WI-12 to WI-14; Enter skips WI-15.
    const prompter = new ScriptedPrompter(
      [
        ENTER,
        ENTER,
        'union',
        'The board backs one platform.', // WI-12: two questions unanswered
        'council',
        'The council holds the contracts.', // WI-13
        'council',
        'Council commissions social prescribing from next year.', // WI-14
      ],
      { thenEnter: true },
    );
    const result = await runReview({ policy, queue, store, prompter, now: clock(), by: 'Asha', write: () => undefined, card: { color: false, width: 80 } });
    await store.close();
    expect(result).toEqual({ saved: 3, left: 1, skipped: ['WI-15'], interrupted: false });

    const { code, stdout, stderr } = triage(['score', 'backlog.csv', '--decisions', 'decisions.yaml', '-f', 'json'], { cwd: dir });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const doc = JSON.parse(stdout) as { summary: Record<string, unknown>; items: Array<Record<string, unknown>> };
    const decided = doc.items.filter((i) => i['decision'] !== undefined);
    expect(decided.map((i) => [i['id'], i['route'], i['overridden'], (i['recommended'] as { route: string }).route, i['decision']])).toEqual([
      [
        'WI-12',
        'union',
        true,
        'review',
        { route: 'union', rationale: 'The board backs one platform.', by: 'Asha', at: '2025-03-04T09:00:00.000Z', stale: false, kind: 'overridden' },
      ],
      [
        'WI-13',
        'council',
        true,
        'review',
        { route: 'council', rationale: 'The council holds the contracts.', by: 'Asha', at: '2025-03-04T09:01:00.000Z', stale: false, kind: 'overridden' },
      ],
      [
        'WI-14',
        'council',
        true,
        'review',
        {
          route: 'council',
          rationale: 'Council commissions social prescribing from next year.',
          by: 'Asha',
          at: '2025-03-04T09:02:00.000Z',
          stale: false,
          kind: 'overridden',
        },
      ],
    ]);
    expect(doc.summary).toMatchObject({ overridden: 3, confirmed: 0, stale: 0 });

    // The file is also a valid decisions file for validate (when validate is there).
    const validate = triage(['validate', 'backlog.csv', 'decisions.yaml'], { cwd: dir });
    expect(validate.code).toBe(0);

    // An item edited after the decision: score flags the decision stale, review offers it again.
    const csv = readFileSync(join(dir, 'backlog.csv'), 'utf8').replace(
      "WI-13,Joint commissioning of carers' support,",
      "WI-13,Joint commissioning of carers' support services,",
    );
    writeFileSync(join(dir, 'backlog.csv'), csv);
    const again = triage(['score', 'backlog.csv', '--decisions', 'decisions.yaml', '-f', 'json'], { cwd: dir });
    expect(again.stderr).toMatch(/^decisions.yaml:\d+:\d+: warning: decision for "WI-13" is stale/);
    const reopened = await DecisionStore.open(file, { policy });
    const edited = await exampleItems(policy, join(dir, 'backlog.csv'));
    expect(buildQueue(policy, edited, (id) => reopened.get(id), { minConfidence: 0.5, today: '2025-03-04' }).map((e) => [e.item.id, e.why])).toEqual([
      ['WI-13', 'the item has changed since it was decided'],
      ['WI-15', 'routed to Needs review'],
    ]);
    await reopened.close();
  });
});
