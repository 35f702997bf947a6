/**
 * For any items, on a set whose rules read alignment, transformation, classification and
 * confidence: every flip re-scores as it says either side, and no route changes on a grid over
 * any parameter's range where the flips do not say it would. Items with unknown facts make
 * confidence move with weights and points.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../../../src/core/compile.js';
import { SensitivityBuilder } from '../../../src/core/sensitivity/analyse.js';
import type { FieldValue, PrincipleSet } from '../../../src/core/types.js';
import { item, minimalSet } from '../../helpers/policy.js';
import { sensitivityMismatches } from '../../helpers/parameters.js';

const base = minimalSet();
const SET: PrincipleSet = minimalSet({
  transformation: {
    signals: [...base.transformation.signals, { id: 'typed', when: { field: 'kind', equals: 'x' }, points: 15 }],
    thresholds: { transformational: 60, businessAsUsual: 40 },
  },
  routing: {
    rules: [
      {
        id: 'lead',
        route: 'a',
        when: {
          all: [
            { field: 'classification', equals: 'transformational' },
            { field: 'alignment', gte: 60 },
          ],
        },
        reason: 'A.',
      },
      { id: 'unsure', route: 'review', when: { field: 'confidence', lt: 0.8 }, reason: 'Too much unknown.' },
      {
        id: 'busy',
        route: 'b',
        when: {
          any: [
            { field: 'transformation', gte: 30 },
            { field: 'alignment', gt: 70 },
          ],
        },
        reason: 'B.',
      },
    ],
    default: 'review',
  },
});

const maybe = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined });

const anItem = fc
  .record({
    size: maybe(fc.integer({ min: 0, max: 20 })),
    tags: maybe(fc.constantFrom(['red'], ['blue'], ['red', 'blue'])),
    kind: maybe(fc.constantFrom('x', 'y')),
    notes: maybe(fc.constantFrom('care', 'other')),
    flag: maybe(fc.boolean()),
  })
  .map((values) => Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Record<string, FieldValue>);

describe('confidence moves with a weight', () => {
  it('solves confidence = 0.795 for the weight, where the rule on confidence stops reading', () => {
    const policy = compilePolicy(SET);
    // p1 known (1 of 4 points met), p2 unknown: alignment is known for 3 / (3 + w) of the weight.
    // Signals known: all but flagged (-60), so 95 of 155 points. Confidence < 0.8 sends it to review.
    const it = item({ size: 12, tags: ['blue'], kind: 'x' });
    const builder = new SensitivityBuilder(policy);
    builder.add(it);
    const p2 = builder.result().parameters.find((p) => p.id === 'principles.p2.weight');
    // (3 / (3 + w) + 95 / 155) / 2 = 0.795 rounds to 0.80: w = 3 (1 - y) / y with y = 1.59 - 95 / 155.
    const y = 1.59 - 95 / 155;
    expect(p2?.flips).toEqual([{ item: 'I-1', at: Number(((3 * (1 - y)) / y).toPrecision(12)), route: 'b', op: '<=' }]);
    expect(sensitivityMismatches(policy, [it], builder.result())).toEqual([]);
  });
});

describe('sensitivity, for any items', () => {
  it('flips re-score as they say, and none is missed', () => {
    const policy = compilePolicy(SET);
    fc.assert(
      fc.property(fc.array(anItem, { minLength: 1, maxLength: 6 }), (values) => {
        const items = values.map((v, k) => item(v, `I-${k + 1}`));
        const builder = new SensitivityBuilder(policy);
        for (const it of items) builder.add(it);
        expect(sensitivityMismatches(policy, items, builder.result(), 24)).toEqual([]);
      }),
      { numRuns: 40, seed: 20260101 },
    );
  });
});
