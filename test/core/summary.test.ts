import { describe, expect, it } from 'vitest';
import { assess, assessRoute } from '../../src/core/assess.js';
import { SummaryBuilder } from '../../src/core/summary.js';
import type { AssessedItem, WorkItem } from '../../src/core/types.js';
import { unionPolicy } from '../helpers/policy.js';

const policy = unionPolicy();

function item(id: string, effort: number, cost: number): AssessedItem {
  const values = Object.assign(Object.create(null) as Record<string, unknown>, { id, title: id, lead: 'council', effort_weeks: effort, cost_gbp: cost });
  const work = { id, title: id, values, extra: Object.create(null) } as unknown as WorkItem;
  return { item: work, assessment: assess(policy, work) };
}

describe('SummaryBuilder', () => {
  it('gives the same totals whatever the order of the items: no floating-point dust', () => {
    const items = [0.1, 0.2, 0.3, 1e6 + 0.7, 2.9, 0.05].map((effort, k) => item(`S-${k}`, effort, effort * 3));
    const forwards = new SummaryBuilder(policy);
    const backwards = new SummaryBuilder(policy);
    for (const result of items) forwards.add(result);
    for (const result of [...items].reverse()) backwards.add(result);
    const route = items[0]?.assessment.route as string;
    expect(items.every((r) => r.assessment.route === route)).toBe(true);
    expect(forwards.result()).toEqual(backwards.result());
    expect(forwards.result().routes[route]).toMatchObject({ count: 6, effortWeeks: 1000004.25, costGbp: 3000012.75 });
  });

  it('counts from routed parts of assessments all that it counts from whole ones, but the unsettled items and the facts to chase', () => {
    const items = [0.5, 3, 40, 12].map((effort, k) => item(`R-${k}`, effort, effort * 1000));
    const whole = new SummaryBuilder(policy);
    const routed = new SummaryBuilder(policy);
    for (const result of items) {
      whole.add(result);
      routed.addRouted({ item: result.item, assessment: assessRoute(policy, result.item) });
    }
    const expected = whole.result();
    // These items lack most facts, so none is settled.
    expect(expected.unsettled).toBe(4);
    expect(Object.keys(expected.chase).length).toBeGreaterThan(0);
    expect(routed.result()).toEqual({ ...expected, unsettled: 0, chase: {} });
  });
});
