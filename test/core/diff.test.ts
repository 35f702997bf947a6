/** Why an item's result changes between two principle sets, in short exact words. */
import { describe, expect, it } from 'vitest';
import { assess } from '../../src/core/assess.js';
import { compilePolicy } from '../../src/core/compile.js';
import { compareAssessments, exactAlignment } from '../../src/core/diff.js';
import type { PrincipleSet, WorkItem } from '../../src/core/types.js';
import { item, minimalSet } from '../helpers/policy.js';

function because(before: PrincipleSet, after: PrincipleSet, it: WorkItem, withSets = true): string[] | undefined {
  const [from, to] = [compilePolicy(before), compilePolicy(after)];
  const change = compareAssessments(assess(from, it), assess(to, it), withSets ? { from, to, itemBefore: it, itemAfter: it } : undefined);
  return change?.because;
}

const base = minimalSet();

describe('compareAssessments', () => {
  it('is undefined when route, classification and firmness stay, even if scores move', () => {
    const after = minimalSet({ principles: base.principles.map((p) => ({ ...p, weight: p.id === 'p2' ? 2 : p.weight })) });
    expect(because(base, after, item({ size: 12, tags: ['red'], kind: 'x', notes: 'no', flag: false }))).toBeUndefined();
  });

  it('names a threshold that moved the classification, and the test that stops the old rule', () => {
    const after = minimalSet({ transformation: { ...base.transformation, thresholds: { transformational: 90, businessAsUsual: 40 } } });
    expect(because(base, after, item({ size: 12, tags: ['red'], kind: 'x', notes: 'care', flag: false }))).toEqual([
      'rule to-a → default',
      'to-a no longer matches: classification is "borderline", not transformational',
      'classification transformational → borderline',
      'threshold transformational 60 → 90',
    ]);
  });

  it('names the points of a signal the item meets', () => {
    const after = minimalSet({
      transformation: { ...base.transformation, signals: base.transformation.signals.map((s) => (s.id === 'red' ? { ...s, points: 5 } : s)) },
    });
    expect(because(base, after, item({ size: 12, tags: ['red'], kind: 'y', flag: false }))).toEqual([
      'rule to-a → to-b',
      'to-a no longer matches: classification is "borderline", not transformational',
      'classification transformational → borderline',
      'transformation 80 → 55',
      'points of signal red +30 → +5',
    ]);
  });

  it("shows alignment before rounding, and the weight that moved it below a rule's line", () => {
    const rules = (limit: number): PrincipleSet['routing'] => ({
      rules: [
        {
          id: 'to-a',
          route: 'a',
          when: {
            all: [
              { field: 'classification', equals: 'transformational' },
              { field: 'alignment', gte: limit },
            ],
          },
          reason: 'A.',
        },
        { id: 'to-b', route: 'b', when: { field: 'kind', equals: 'y' }, reason: 'B.' },
      ],
      default: 'review',
    });
    const before = minimalSet({ routing: rules(75) });
    const after = minimalSet({ routing: rules(75), principles: base.principles.map((p) => ({ ...p, weight: p.id === 'p2' ? 1.1 : p.weight })) });
    const it = item({ size: 12, tags: ['red'], kind: 'y', notes: 'nothing', flag: false });
    expect(because(before, after, it)).toEqual([
      'rule to-a → to-b',
      'to-a no longer matches: alignment 73 is below 75',
      'alignment 75 → 73 (75 → 73.17 before rounding)',
      'weight of p2 1 → 1.1',
    ]);
    // A rule's condition that changed is named as both sets write it.
    expect(because(minimalSet({ routing: rules(70) }), minimalSet({ routing: rules(80) }), it)).toEqual([
      'rule to-a → to-b',
      'rule to-a: classification = transformational and alignment >= 70 → classification = transformational and alignment >= 80',
      'to-a no longer matches: alignment 75 is below 80',
    ]);
  });

  it('from the assessments alone (saved runs): the rule, and the criteria and signals whose outcome changed', () => {
    const after = minimalSet({
      principles: base.principles.map((p) =>
        p.id === 'p2'
          ? {
              ...p,
              criteria: [{ ...(p.criteria[0] as PrincipleSet['principles'][number]['criteria'][number]), when: { field: 'notes', mentions: ['health'] } }],
            }
          : p,
      ),
      transformation: {
        ...base.transformation,
        signals: base.transformation.signals.map((s) => (s.id === 'large' ? { ...s, when: { field: 'size', gte: 20 } } : s)),
      },
    });
    expect(because(base, after, item({ size: 12, tags: ['red'], kind: 'x', notes: 'care', flag: false }), false)).toEqual([
      'rule to-a → default',
      'classification transformational → business-as-usual',
      'alignment 100 → 75',
      'criterion noted: met → not met',
      'transformation 80 → 30',
      'signal large: met → not met (+50)',
    ]);
  });

  it('computes alignment before rounding from what the assessment shows', () => {
    const a = assess(compilePolicy(base), item({ size: 1, tags: ['red'], notes: 'care' }));
    // p1: 3 of 4 points at weight 3; p2: 2 of 2 at weight 1.
    expect(exactAlignment(a)).toBe((100 * (3 * 0.75 + 1)) / 4);
    expect(a.alignment).toBe(81);
  });
});
