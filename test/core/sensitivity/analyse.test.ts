/**
 * Sensitivity flip points, checked by re-scoring with the engine either side of each: a hair
 * before the change the item keeps its route, a hair after it takes the new one; and, on a grid
 * over every parameter's range, no route changes anywhere a flip does not say it would.
 */
import { describe, expect, it } from 'vitest';
import { assess } from '../../../src/core/assess.js';
import { compilePolicy, type Policy } from '../../../src/core/compile.js';
import { SensitivityBuilder, fragileItems, type ParameterResult, type SensitivityResult } from '../../../src/core/sensitivity/analyse.js';
import type { PrincipleSet, WorkItem } from '../../../src/core/types.js';
import { createNormaliser } from '../../../src/items/normalise.js';
import { readItems } from '../../../src/items/read.js';
import { item, minimalSet, unionPolicy } from '../../helpers/policy.js';
import { hair, routeWith, sensitivityMismatches, withParameter } from '../../helpers/parameters.js';
import { repoPath } from '../../helpers/run.js';

async function backlog(policy: Policy): Promise<WorkItem[]> {
  const items: WorkItem[] = [];
  for await (const it of readItems([repoPath('examples/backlog.csv')], { normaliser: createNormaliser(policy.fields), onProblem: () => undefined }))
    items.push(it);
  return items;
}

function analyse(policy: Policy, items: readonly WorkItem[]): SensitivityResult {
  const builder = new SensitivityBuilder(policy);
  for (const it of items) builder.add(it);
  return builder.result();
}

describe('sensitivity of the bundled set on the example backlog', async () => {
  const policy = unionPolicy();
  const items = await backlog(policy);
  const result = analyse(policy, items);
  const own = new Map(items.map((it) => [it.id, assess(policy, it).route]));
  const byId = new Map(items.map((it) => [it.id, it]));

  it('names every parameter, with the value and range each may take', () => {
    expect(result.parameters.map((p) => [p.id, p.value, p.range])).toEqual([
      ['principles.insight-led.weight', 3, [0, 1000]],
      ['principles.self-empowerment.weight', 2, [0, 1000]],
      ['principles.continuous-feedback.weight', 2, [0, 1000]],
      ['principles.seamless-care.weight', 3, [0, 1000]],
      ['principles.citizen-outcomes.weight', 3, [0, 1000]],
      ['signals.spans-organisations.points', 30, [0, 1000]],
      ['signals.new-way-of-working.points', 25, [0, 1000]],
      ['signals.high-impact.points', 15, [0, 1000]],
      ['signals.substantial-effort.points', 10, [0, 1000]],
      ['signals.significant-investment.points', 10, [0, 1000]],
      ['signals.union-sponsored.points', 10, [0, 1000]],
      ['signals.recurring.points', -40, [-1000, 0]],
      ['signals.keeps-things-running.points', -25, [-1000, 0]],
      ['signals.small-piece-of-work.points', -15, [-1000, 0]],
      ['thresholds.transformational', 60, [40, 100]],
      ['thresholds.businessAsUsual', 40, [0, 60]],
      ['routing.union-leads.alignment.gte', 50, [0, 100]],
    ]);
    expect(result.items).toHaveLength(22);
  });

  it('a hair before each flip the item keeps its route, a hair after it takes the new one', () => {
    let checked = 0;
    for (const p of result.parameters) {
      for (const f of p.flips) {
        const it = byId.get(f.item) as WorkItem;
        const before = own.get(f.item) as string;
        expect(f.route).not.toBe(before);
        const [inside, outside] = f.op === '<' || f.op === '<=' ? [f.at - hair(f.at), f.at + hair(f.at)] : [f.at + hair(f.at), f.at - hair(f.at)];
        expect({ parameter: p.id, item: f.item, at: f.at, route: routeWith(policy.set, p.id, inside, it) }).toEqual({
          parameter: p.id,
          item: f.item,
          at: f.at,
          route: f.route,
        });
        expect({ parameter: p.id, item: f.item, at: f.at, route: routeWith(policy.set, p.id, outside, it) }).toEqual({
          parameter: p.id,
          item: f.item,
          at: f.at,
          route: before,
        });
        checked++;
      }
    }
    expect(checked).toBe(result.parameters.reduce((n, p) => n + p.flips.length, 0));
    expect(checked).toBe(59);
  });

  it("changes no route anywhere the flips do not say, over each parameter's whole range", () => {
    expect(sensitivityMismatches(policy, items, result)).toEqual([]);
  });

  it('gives as stable the widest interval around the value with no flip, and each item at most one flip per side', () => {
    for (const p of result.parameters) {
      const below = p.flips.filter((f) => f.op === '<' || f.op === '<=').map((f) => f.at);
      const above = p.flips.filter((f) => f.op === '>' || f.op === '>=').map((f) => f.at);
      expect(p.stable).toEqual([Math.max(p.range[0], ...below), Math.min(p.range[1], ...above)]);
      expect(p.stable[0]).toBeLessThanOrEqual(p.value);
      expect(p.stable[1]).toBeGreaterThanOrEqual(p.value);
      for (const it of items) expect(p.flips.filter((f) => f.item === it.id).length).toBeLessThanOrEqual(2);
    }
    expect(result.parameters.find((p) => p.id === 'routing.union-leads.alignment.gte')?.stable).toEqual([18, 51]);
    expect(result.parameters.find((p) => p.id === 'signals.union-sponsored.points')).toMatchObject({ stable: [0, 1000], flips: [] });
  });

  it('finds an item on a knife-edge: its points for change exactly reach the threshold', () => {
    const p = result.parameters.find((x) => x.id === 'signals.new-way-of-working.points') as ParameterResult;
    expect(p.flips.filter((f) => f.item === 'WI-14')).toEqual([{ item: 'WI-14', at: 25, route: 'ccg', op: '<' }]);
  });

  it('lists the items whose route changes within a share of a parameter', () => {
    const within = fragileItems(result, 5).map(({ item: i, flips }) => [i.id, flips.map((f) => `${f.parameter} ${f.op} ${f.at}`)]);
    expect(within).toEqual([
      ['WI-09', ['routing.union-leads.alignment.gte > 51']],
      [
        'WI-14',
        [
          'signals.new-way-of-working.points < 25',
          'signals.high-impact.points < 15',
          'signals.substantial-effort.points < 10',
          'signals.significant-investment.points < 10',
          'thresholds.transformational > 60',
        ],
      ],
    ]);
  });
});

describe('flip points in closed form', () => {
  it('solves alignment = c - 0.5 for a weight, and says which side the point itself is on', () => {
    const set = minimalSet({
      transformation: { ...minimalSet().transformation, thresholds: { transformational: 50, businessAsUsual: 40 } },
      routing: {
        rules: [
          {
            id: 'to-a',
            route: 'a',
            when: {
              all: [
                { field: 'classification', equals: 'transformational' },
                { field: 'alignment', gte: 50 },
              ],
            },
            reason: 'A.',
          },
        ],
        default: 'review',
      },
    });
    const policy = compilePolicy(set);
    // p1 (weight w, 1 of 4 points met) and p2 (weight 1, all met): alignment = 100 (w/4 + 1) / (w + 1).
    const it = item({ size: 12, notes: 'care' });
    expect(assess(policy, it)).toMatchObject({ alignment: 44, route: 'review' });
    const weight = analyse(policy, [it]).parameters.find((p) => p.id === 'principles.p1.weight') as ParameterResult;
    // 100 (w/4 + 1) / (w + 1) = 49.5  <=>  w = 50.5 / 24.5; there alignment rounds up to 50, so the point is in.
    expect(weight.flips).toEqual([{ item: 'I-1', at: Number((50.5 / 24.5).toPrecision(12)), route: 'a', op: '<=' }]);
    expect(assess(compilePolicy(withParameter(set, 'principles.p1.weight', 50.5 / 24.5 - 1e-9)), it).route).toBe('a');
    expect(assess(compilePolicy(withParameter(set, 'principles.p1.weight', 50.5 / 24.5 + 1e-9)), it).route).toBe('review');
    expect(weight.stable).toEqual([weight.flips[0]?.at, 1000]);
  });

  it('moves a routing limit only in its own rule, even where another rule shares the test', () => {
    const rules: PrincipleSet['routing'] = {
      rules: [
        {
          id: 'first',
          route: 'a',
          when: {
            all: [
              { field: 'alignment', gte: 50 },
              { field: 'kind', equals: 'x' },
            ],
          },
          reason: 'A.',
        },
        { id: 'second', route: 'b', when: { field: 'alignment', gte: 50 }, reason: 'B.' },
      ],
      default: 'review',
    };
    const policy = compilePolicy(minimalSet({ routing: rules }));
    const it = item({ size: 12, tags: ['red'], kind: 'x', notes: 'none' });
    expect(assess(policy, it)).toMatchObject({ alignment: 75, route: 'a' });
    const result = analyse(policy, [it]);
    expect(result.parameters.filter((p) => p.id.startsWith('routing.')).map((p) => [p.id, p.flips])).toEqual([
      ['routing.first.alignment.gte', [{ item: 'I-1', at: 75, route: 'b', op: '>' }]],
      ['routing.second.alignment.gte', []],
    ]);
    // At 100 the limit is at the top of the range: a route that would need more is no flip.
    const full = item({ size: 12, tags: ['red'], kind: 'x', notes: 'care' }, 'I-2');
    expect(analyse(policy, [full]).parameters.find((p) => p.id === 'routing.first.alignment.gte')?.flips).toEqual([]);
  });
});
