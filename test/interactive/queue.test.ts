import { describe, expect, it } from 'vitest';
import { fingerprintItem, type Decision } from '../../src/core/decisions.js';
import { buildQueue } from '../../src/interactive/queue.js';
import { unionPolicy } from '../helpers/policy.js';
import { exampleItems } from './fake-prompter.js';

const TODAY = '2025-03-04';

describe('buildQueue', () => {
  it('takes items routed to review and items below the confidence floor', async () => {
    const policy = unionPolicy();
    const items = await exampleItems(policy);
    const ids = (minConfidence: number) => buildQueue(policy, items, () => undefined, { minConfidence, today: TODAY }).map((e) => [e.item.id, e.why]);
    expect(ids(0.5).map(([id]) => id)).toEqual(['WI-12', 'WI-13', 'WI-14', 'WI-15']);
    // WI-05, WI-19 and WI-21 have confidence 0.91.
    expect(ids(0.95)).toEqual([
      ['WI-05', 'confidence 0.91 is below 0.95'],
      ['WI-12', 'routed to Needs review'],
      ['WI-13', 'routed to Needs review'],
      ['WI-14', 'routed to Needs review'],
      ['WI-15', 'routed to Needs review'],
      ['WI-19', 'confidence 0.91 is below 0.95'],
      ['WI-21', 'confidence 0.91 is below 0.95'],
    ]);
  });

  it('takes every undecided item with --all', async () => {
    const policy = unionPolicy();
    const items = await exampleItems(policy);
    const queue = buildQueue(policy, items, () => undefined, { all: true, minConfidence: 0.5, today: TODAY });
    expect(queue).toHaveLength(22);
    expect(queue[0]?.why).toBe('reviewing all items (--all)');
  });

  it('leaves out decided items, unless the decision expired or the item changed since', async () => {
    const policy = unionPolicy();
    const items = await exampleItems(policy);
    const byId = (id: string) => items.find((i) => i.id === id)!;
    const decisions: Record<string, Decision> = {
      'WI-12': { id: 'WI-12', route: 'union', fingerprint: fingerprintItem(byId('WI-12')) },
      'WI-13': { id: 'WI-13', route: 'council', expires: '2025-03-01' },
      'WI-14': { id: 'WI-14', route: 'ccg', fingerprint: 'v1:00000000000000' },
      'WI-15': { id: 'WI-15', route: 'council', expires: '2025-03-04' },
      'WI-01': { id: 'WI-01', route: 'council', fingerprint: 'v1:00000000000000' },
    };
    const queue = buildQueue(policy, items, (id) => decisions[id], { minConfidence: 0.5, today: TODAY });
    expect(queue.map((e) => [e.item.id, e.why, e.previous?.state])).toEqual([
      ['WI-01', 'the item has changed since it was decided', 'stale'],
      ['WI-13', 'routed to Needs review', 'expired'],
      ['WI-14', 'the item has changed since it was decided', 'stale'],
    ]);
  });
});
