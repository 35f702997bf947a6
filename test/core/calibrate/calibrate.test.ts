/**
 * Calibration recovers known parameters: decisions are made by a perturbed copy of the bundled
 * set on a seeded random backlog, and calibrating the original set against them must reproduce
 * at least 95% of them. The figures are exact for the seed, and every figure is checked by
 * scoring the items with the engine under the proposed set.
 */
import { describe, expect, it } from 'vitest';
import { assess } from '../../../src/core/assess.js';
import { calibrate, parametersIn, type CalibrationResult } from '../../../src/core/calibrate/calibrate.js';
import type { DecidedCase } from '../../../src/core/calibrate/search.js';
import { compilePolicy, type Policy } from '../../../src/core/compile.js';
import type { PrincipleSet, WorkItem } from '../../../src/core/types.js';
import { createNormaliser } from '../../../src/items/normalise.js';
import { readItems } from '../../../src/items/read.js';
import { decidedBy, randomItems } from '../../helpers/calibrate.js';
import { withParameter } from '../../helpers/parameters.js';
import { unionPolicy } from '../../helpers/policy.js';
import { repoPath } from '../../helpers/run.js';

const policy = unionPolicy();
const ALL = parametersIn(policy, ['weights', 'points', 'thresholds']);

/** The set with several parameters changed. */
function perturbed(set: PrincipleSet, changes: Record<string, number>): PrincipleSet {
  return Object.entries(changes).reduce((s, [id, value]) => withParameter(s, id, value), set);
}

/** Decided items agreeing with the engine's routes under `p`. */
function agreedUnder(p: Policy, cases: readonly DecidedCase[]): number {
  return cases.filter((c) => assess(p, c.item, c.answers ? { answers: c.answers } : {}).route === c.decided).length;
}

function figures(r: CalibrationResult): Record<string, unknown> {
  return {
    before: r.before.agreed,
    after: r.after.agreed,
    heldOut: [r.validation.method, r.validation.folds, r.validation.agreed],
    changes: r.changes.map((c) => [c.parameter, c.from, c.to]),
  };
}

describe('recovering a weight ×1.6 and a threshold +7', () => {
  const truth = compilePolicy(perturbed(policy.set, { 'principles.citizen-outcomes.weight': 4.8, 'thresholds.transformational': 67 }));
  const cases = decidedBy(truth, randomItems(300, 42));

  it('with those two free, reproduces every decision, and names values that do', () => {
    const r = calibrate(policy.set, cases, { vary: ['principles.citizen-outcomes.weight', 'thresholds.transformational'], maxChange: 0.5 });
    expect(figures(r)).toEqual({
      before: 269,
      after: 300,
      heldOut: ['k-fold', 10, 299],
      changes: [
        ['principles.citizen-outcomes.weight', 3, 4],
        ['thresholds.transformational', 60, 66],
      ],
    });
    expect(r.after.agreed / r.after.decided).toBeGreaterThanOrEqual(0.95);
    expect(agreedUnder(compilePolicy(r.set), cases)).toBe(r.after.agreed);
    expect(agreedUnder(policy, cases)).toBe(r.before.agreed);
  });

  it('with every weight, points and threshold free, still reproduces at least 95%', () => {
    const r = calibrate(policy.set, cases, { vary: ALL, maxChange: 0.5 });
    expect(figures(r)).toEqual({
      before: 269,
      after: 300,
      heldOut: ['k-fold', 10, 299],
      changes: [
        ['thresholds.transformational', 60, 66],
        ['routing.union-leads.alignment.gte', 50, 47],
      ],
    });
    expect(agreedUnder(compilePolicy(r.set), cases)).toBe(r.after.agreed);
  });

  it('lists as moved exactly the decided items whose recommendation the proposal changes', () => {
    const r = calibrate(policy.set, cases, { vary: ['principles.citizen-outcomes.weight', 'thresholds.transformational'], maxChange: 0.5 });
    const after = compilePolicy(r.set);
    const expected = cases
      .filter((c) => assess(policy, c.item).route !== assess(after, c.item).route)
      .map((c) => ({ id: c.item.id, title: c.item.title, from: assess(policy, c.item).route, to: assess(after, c.item).route, decided: c.decided }));
    expect(r.moved).toEqual(expected);
    expect(r.moved).toHaveLength(31);
    expect(r.moved.every((m) => m.to === m.decided)).toBe(true);
  });
});

describe('recovering signal points and a routing limit, with leave-one-out', () => {
  const truth = compilePolicy(perturbed(policy.set, { 'signals.new-way-of-working.points': 35, 'routing.union-leads.alignment.gte': 58 }));
  const cases = decidedBy(truth, randomItems(150, 7));

  it('reproduces at least 95% with every parameter free', () => {
    const r = calibrate(policy.set, cases, { vary: ALL, maxChange: 0.5 });
    expect(figures(r)).toEqual({
      before: 133,
      after: 150,
      heldOut: ['leave-one-out', 150, 149],
      changes: [
        ['signals.new-way-of-working.points', 25, 35],
        ['routing.union-leads.alignment.gte', 50, 58],
      ],
    });
    expect(r.after.agreed / r.after.decided).toBeGreaterThanOrEqual(0.95);
    expect(agreedUnder(compilePolicy(r.set), cases)).toBe(r.after.agreed);
  });
});

describe('bounds', () => {
  const truth = compilePolicy(
    perturbed(policy.set, { 'principles.citizen-outcomes.weight': 9, 'thresholds.transformational': 80, 'signals.recurring.points': -10 }),
  );
  const cases = decidedBy(truth, randomItems(200, 3));

  it('moves no parameter further than --max-change from its value, keeps weights above 0 and thresholds in order', () => {
    const proposals: unknown[] = [];
    for (const maxChange of [0.1, 0.5, Infinity]) {
      const r = calibrate(policy.set, cases, { vary: ALL, maxChange });
      proposals.push([maxChange, r.before.agreed, r.after.agreed, figures(r)['changes']]);
      for (const c of r.changes) {
        if (maxChange !== Infinity) expect(Math.abs(c.to - c.from)).toBeLessThanOrEqual(maxChange * Math.abs(c.from) + 1e-12);
        if (c.parameter.endsWith('.weight')) expect(c.to).toBeGreaterThan(0);
        if (c.parameter.startsWith('signals.')) expect(Math.sign(c.to)).toBe(Math.sign(c.from));
      }
      const { transformational, businessAsUsual } = r.set.transformation.thresholds;
      expect(businessAsUsual).toBeLessThanOrEqual(transformational);
      expect([businessAsUsual >= 0, transformational <= 100]).toEqual([true, true]);
      expect(r.after.agreed).toBeGreaterThanOrEqual(r.before.agreed);
      expect(agreedUnder(compilePolicy(r.set), cases)).toBe(r.after.agreed);
    }
    // Wider bounds reach further: within 10% the threshold goes no further than 66 (exactly +10%).
    expect(proposals).toEqual([
      [
        0.1,
        169,
        195,
        [
          ['thresholds.transformational', 60, 66],
          ['routing.union-leads.alignment.gte', 50, 55],
        ],
      ],
      [
        0.5,
        169,
        199,
        [
          ['signals.union-sponsored.points', 10, 5],
          ['signals.recurring.points', -40, -25],
          ['thresholds.transformational', 60, 71],
        ],
      ],
      [
        Infinity,
        169,
        200,
        [
          ['signals.union-sponsored.points', 10, 5],
          ['signals.recurring.points', -40, -15],
          ['thresholds.transformational', 60, 71],
        ],
      ],
    ]);
  });

  it('moves only the parameters it is given', () => {
    const r = calibrate(policy.set, cases, { vary: ['signals.recurring.points', 'signals.union-sponsored.points'], maxChange: 0.5 });
    expect([r.before.agreed, r.after.agreed, figures(r)['changes']]).toEqual([169, 173, [['signals.union-sponsored.points', 10, 9]]]);
    expect(r.varied).toEqual([
      { id: 'signals.recurring.points', name: 'recurring points', value: -40, range: [-60, -20] },
      { id: 'signals.union-sponsored.points', name: 'union-sponsored points', value: 10, range: [5, 15] },
    ]);
  });

  it('is deterministic: the same inputs give the same proposal', () => {
    const a = calibrate(policy.set, cases, { vary: ALL, maxChange: 0.5 });
    const b = calibrate(policy.set, cases, { vary: ALL, maxChange: 0.5 });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });
});

describe('answers given with a decision', () => {
  it('count towards the recommendation, as assessWithDecision applies them', async () => {
    // WI-12 is transformational but weakly aligned (review); answered yes to every criterion, it is well aligned.
    const item = (await exampleItems()).find((it) => it.id === 'WI-12') as WorkItem;
    const answers = Object.fromEntries(policy.principles.flatMap((p) => p.criteria.map((c) => [c.id, true])));
    expect([assess(policy, item).route, assess(policy, item, { answers }).route]).toEqual(['review', 'union']);
    const answered = calibrate(policy.set, [{ item, decided: 'union', answers }], { vary: ALL, maxChange: 0.5 });
    expect([answered.before.agreed, answered.after.agreed, answered.changes]).toEqual([1, 1, []]);
    const unanswered = calibrate(policy.set, [{ item, decided: 'union' }], { vary: ALL, maxChange: 0.5 });
    expect([unanswered.before.agreed, unanswered.after.agreed]).toEqual([0, 0]);
  });
});

async function exampleItems(): Promise<WorkItem[]> {
  const items: WorkItem[] = [];
  for await (const it of readItems([repoPath('examples/backlog.csv')], { normaliser: createNormaliser(policy.fields), onProblem: () => undefined }))
    items.push(it);
  return items;
}
