/** Review with a resourcing model: the card shows the body's capacity, and a decision that would overfill it is warned about. */
import { describe, expect, it } from 'vitest';
import { capacityPlan, type CapacityPlan } from '../../src/core/capacity/ledger.js';
import { CapacityTally } from '../../src/core/capacity/tally.js';
import type { WorkItem } from '../../src/core/types.js';
import { buildQueue } from '../../src/interactive/queue.js';
import { runReview } from '../../src/interactive/review.js';
import { loadPrinciples } from '../../src/principles/load.js';
import { ENTER, MemoryStore, ScriptedPrompter, clock, exampleItems } from '../interactive/fake-prompter.js';

async function setup(): Promise<{ plan: CapacityPlan; items: Map<string, WorkItem>; policy: Awaited<ReturnType<typeof loadPrinciples>>['policy'] }> {
  const { policy } = await loadPrinciples('examples/union-capacity.yaml', { cwd: process.cwd() });
  const plan = capacityPlan(policy);
  if (!plan) throw new Error('no capacity');
  const items = new Map((await exampleItems(policy)).map((i) => [i.id, i]));
  return { plan, items, policy };
}

const get = (items: Map<string, WorkItem>, id: string): WorkItem => {
  const found = items.get(id);
  if (!found) throw new Error(id);
  return found;
};

describe('CapacityTally', () => {
  it('adds up what the decisions take of a body and warns past a limit', async () => {
    const { plan, items } = await setup();
    const tally = new CapacityTally(plan);
    for (const id of ['WI-01', 'WI-03', 'WI-07', 'WI-08', 'WI-22']) tally.set(id, 'union', get(items, id));
    expect(tally.cardLine('union', get(items, 'WI-09'))).toBe(
      'The Union: 98 of 100 effort_weeks decided, this needs 20; 1160000 of 2000000 cost_gbp decided, this needs 250000',
    );
    expect(tally.overBy('union', get(items, 'WI-09'))).toBe('this would push The Union over its capacity: 118 of 100 effort_weeks');
    // Deciding an item again replaces its earlier decision rather than counting it twice.
    expect(tally.overBy('union', get(items, 'WI-08'))).toBeUndefined();
    expect(tally.overBy('union', get(items, 'WI-15'))).toBe(
      'this would push The Union over its capacity: its effort_weeks is unknown, so it cannot be committed, its cost_gbp is unknown, so it cannot be committed',
    );
    expect(tally.overBy('ccg', get(items, 'WI-09'))).toBeUndefined();
    tally.set('WI-08', 'review', get(items, 'WI-08'));
    expect(tally.cardLine('union', get(items, 'WI-09'))).toBe(
      'The Union: 68 of 100 effort_weeks decided, this needs 20; 810000 of 2000000 cost_gbp decided, this needs 250000',
    );
  });

  it('review shows the warning before the rationale is asked for, and counts the decision made', async () => {
    const { plan, items, policy } = await setup();
    const tally = new CapacityTally(plan);
    for (const id of ['WI-01', 'WI-03', 'WI-07', 'WI-08', 'WI-22']) tally.set(id, 'union', get(items, id));
    const queue = buildQueue(policy, [get(items, 'WI-12')], () => undefined, { minConfidence: 0.5, today: '2025-03-04' });
    let output = '';
    const prompter = new ScriptedPrompter([ENTER, ENTER, 'union', 'The board backs it.'], { thenEnter: true });
    const result = await runReview({
      policy,
      queue,
      store: new MemoryStore(),
      prompter,
      now: clock(),
      by: 'Asha',
      write: (text) => (output += text),
      card: { color: false, width: 200 },
      capacity: tally,
    });
    expect(result.saved).toBe(1);
    expect(output).toContain('  ! this would push The Union over its capacity: 150 of 100 effort_weeks, 3160000 of 2000000 cost_gbp\n');
    expect(tally.cardLine('union', get(items, 'WI-09'))).toBe(
      'The Union: 150 of 100 effort_weeks decided, this needs 20; 3160000 of 2000000 cost_gbp decided, this needs 250000',
    );
  });
});
