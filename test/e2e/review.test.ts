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
import { ENTER, ScriptedPrompter, clock, exampleItems, type Step } from '../interactive/fake-prompter.js';

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
      stderr: 'triage review cannot read items from standard input (-): the keyboard is needed for the answers; save the items to a file and name it, e.g. triage review backlog.csv\n',
    });
    expect(triage(['review'])).toEqual({ code: 2, stdout: '', stderr: 'no item files given; name the files to review, e.g. triage review examples/backlog.csv\n' });
    expect(triage(['review', 'examples/backlog.csv', '--min-confidence', '2']).stderr).toBe('--min-confidence 2: give a number from 0 to 1; e.g. --min-confidence 0.7\n');
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
    // Enter through all but WI-14, which the person sends to the council with a reason.
    const prompter = new ScriptedPrompter(
      [
        ...Array<Step>(4).fill(ENTER), // WI-12: two questions, route, rationale
        ...Array<Step>(2).fill(ENTER), // WI-13: route, rationale
        'council',
        'Council commissions social prescribing from next year.',
      ],
      { thenEnter: true },
    );
    const result = await runReview({ policy, queue, store, prompter, now: clock(), by: 'Asha', write: () => undefined, card: { color: false, width: 80 } });
    await store.close();
    expect(result).toMatchObject({ saved: 4, left: 0, interrupted: false });

    const { code, stdout, stderr } = triage(['score', 'backlog.csv', '--decisions', 'decisions.yaml', '-f', 'json'], { cwd: dir });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const decided = (JSON.parse(stdout) as { items: Array<Record<string, unknown>> }).items.filter((i) => i['overridden']);
    expect(decided.map((i) => [i['id'], i['route'], (i['recommended'] as { route: string }).route, (i['decision'] as { by: string; stale: boolean; rationale: string })])).toEqual([
      ['WI-12', 'union', 'review', { route: 'union', rationale: '', by: 'Asha', at: '2025-03-04T09:00:00.000Z', stale: false, kind: 'overridden' }],
      ['WI-13', 'council', 'review', { route: 'council', rationale: '', by: 'Asha', at: '2025-03-04T09:01:00.000Z', stale: false, kind: 'overridden' }],
      ['WI-14', 'council', 'review', { route: 'council', rationale: 'Council commissions social prescribing from next year.', by: 'Asha', at: '2025-03-04T09:02:00.000Z', stale: false, kind: 'overridden' }],
      ['WI-15', 'individual', 'review', { route: 'individual', rationale: '', by: 'Asha', at: '2025-03-04T09:03:00.000Z', stale: false, kind: 'overridden' }],
    ]);

    // The file is also a valid decisions file for validate (when validate is there).
    const validate = triage(['validate', 'backlog.csv', 'decisions.yaml'], { cwd: dir });
    expect(validate.code).toBe(0);

    // An item edited after the decision: score flags the decision stale, review offers it again.
    const csv = readFileSync(join(dir, 'backlog.csv'), 'utf8').replace('WI-13,Joint commissioning of carers\' support,', 'WI-13,Joint commissioning of carers\' support services,');
    writeFileSync(join(dir, 'backlog.csv'), csv);
    const again = triage(['score', 'backlog.csv', '--decisions', 'decisions.yaml', '-f', 'json'], { cwd: dir });
    expect(again.stderr).toMatch(/^decisions.yaml:\d+:\d+: warning: decision for "WI-13" is stale/);
    const reopened = await DecisionStore.open(file, { policy });
    const edited = await exampleItems(policy, join(dir, 'backlog.csv'));
    expect(buildQueue(policy, edited, (id) => reopened.get(id), { minConfidence: 0.5, today: '2025-03-04' }).map((e) => [e.item.id, e.why])).toEqual([
      ['WI-13', 'the item has changed since it was decided'],
    ]);
    await reopened.close();
  });
});
