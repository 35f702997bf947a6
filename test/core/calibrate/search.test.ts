/**
 * The coordinate search, checked against the engine: along one parameter it finds the best
 * agreement there is (no value on a dense grid, nor a hair either side of any item's
 * breakpoint, agrees better), the value it names agrees as it says, and the searches it runs
 * together for leave-one-out and k-fold give what one search per held-out set gives.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assess } from '../../../src/core/assess.js';
import { calibrate } from '../../../src/core/calibrate/calibrate.js';
import { CoordinateSearch, type DecidedCase } from '../../../src/core/calibrate/search.js';
import { withValues } from '../../../src/core/calibrate/set-values.js';
import { compilePolicy, type Policy } from '../../../src/core/compile.js';
import { ItemModel, PolicyModel } from '../../../src/core/sensitivity/model.js';
import { parametersOf, type Parameter } from '../../../src/core/sensitivity/parameters.js';
import type { PrincipleSet, WorkItem } from '../../../src/core/types.js';
import { checkDecisions } from '../../../src/decisions/load.js';
import { createNormaliser } from '../../../src/items/normalise.js';
import { readItems } from '../../../src/items/read.js';
import { decidedBy, randomItems } from '../../helpers/calibrate.js';
import { hair, withParameter } from '../../helpers/parameters.js';
import { unionPolicy } from '../../helpers/policy.js';
import { repoPath } from '../../helpers/run.js';

const policy = unionPolicy();
const parameters = new Map(parametersOf(policy).map((p) => [p.id, p]));

function agreed(p: Policy, cases: readonly DecidedCase[]): number {
  return cases.filter((c) => assess(p, c.item, c.answers ? { answers: c.answers } : {}).route === c.decided).length;
}

/** The set with the search's values. */
function setWith(values: ReadonlyMap<string, number>): PrincipleSet {
  return withValues(policy.set, parameters, values);
}

describe('along one parameter', () => {
  const items = randomItems(200, 5);

  // Each parameter in turn: decisions made with it changed (the value inside ±50%), then searched for alone.
  it.each([
    ['principles.citizen-outcomes.weight', 4.4, 197, 200],
    ['principles.self-empowerment.weight', 1, 198, 200],
    ['signals.new-way-of-working.points', 36, 177, 200],
    ['signals.small-piece-of-work.points', -9, 199, 200],
    ['thresholds.transformational', 67, 182, 200],
    ['thresholds.businessAsUsual', 50, 197, 200],
    ['routing.union-leads.alignment.gte', 57, 195, 200],
    // Decided with values beyond ±50%: the best within reach is not all of them.
    ['principles.citizen-outcomes.weight', 9, 195, 198],
    ['signals.spans-organisations.points', 80, 141, 159],
    ['thresholds.transformational', 96, 163, 196],
  ] as const)(
    '%s, decided with it at %s: the value found agrees best, as the engine finds on a grid and beside every breakpoint',
    (id, truth, before, after) => {
      const cases = decidedBy(compilePolicy(withParameter(policy.set, id, truth)), items);
      expect(agreed(policy, cases)).toBe(before);
      const p = parameters.get(id) as Parameter;
      const [outcome] = new CoordinateSearch(policy.set, cases, { vary: [id], maxChange: 0.5, maxSteps: 1 }).run([undefined]);
      const found = outcome as NonNullable<typeof outcome>;
      expect(found.moves).toHaveLength(1);
      expect(agreed(compilePolicy(setWith(found.values)), cases)).toBe(found.agreed);
      // The engine, on a grid over the interval and a hair either side of every place an item's route may change.
      const lo = Math.max(p.lo, p.value - 0.5 * Math.abs(p.value));
      const hi = Math.min(p.hi, p.value + 0.5 * Math.abs(p.value));
      const model = new PolicyModel(policy);
      const places = new Set(cases.flatMap((c) => new ItemModel(model, c.item).breakpoints(p).flatMap((b) => [b.at - hair(b.at), b.at + hair(b.at)])));
      const values = [...Array.from({ length: 121 }, (_, k) => lo + ((hi - lo) * k) / 120), ...places].filter(
        (v) => v >= lo && v <= hi && (v > p.lo || !p.loOpen),
      );
      let best: number = before;
      for (const v of values) best = Math.max(best, agreed(compilePolicy(withParameter(policy.set, id, v)), cases));
      expect({ id, agreed: found.agreed }).toEqual({ id, agreed: best });
      expect(found.agreed).toBe(after);
    },
  );
});

describe('leave-one-out and k-fold on the example board decisions', async () => {
  const items: WorkItem[] = [];
  for await (const it of readItems([repoPath('examples/backlog.csv')], { normaliser: createNormaliser(policy.fields), onProblem: () => undefined }))
    items.push(it);
  const decisions = checkDecisions(readFileSync(repoPath('examples/board-decisions.yaml'), 'utf8'), 'board-decisions.yaml').decisions ?? [];
  const byId = new Map(items.map((it) => [it.id, it]));
  const cases: DecidedCase[] = decisions.map((d) => ({ item: byId.get(d.id) as WorkItem, decided: d.route }));
  const vary = parametersOf(policy).map((p) => p.id);
  const options = { vary, maxChange: 0.5, maxSteps: 20 };

  /** One search per held-out set, each on its own: what the searches run together must equal. */
  function oneByOne(folds: number[][]): number {
    let predicted = 0;
    for (const fold of folds) {
      const rest = cases.filter((_, i) => !fold.includes(i));
      const [outcome] = new CoordinateSearch(policy.set, rest, options).run([undefined]);
      const p = compilePolicy(setWith((outcome as NonNullable<typeof outcome>).values));
      predicted += agreed(
        p,
        fold.map((i) => cases[i] as DecidedCase),
      );
    }
    return predicted;
  }

  it('holds out each item in turn: 20 of the 22 decisions are predicted by a calibration without them', () => {
    const r = calibrate(policy.set, cases, { vary, maxChange: 0.5 });
    expect(r.validation).toEqual({ method: 'leave-one-out', folds: 22, decided: 22, agreed: 20, share: 20 / 22 });
    expect(oneByOne(cases.map((_, i) => [i]))).toBe(20);
    expect([r.before.agreed, r.after.agreed]).toEqual([17, 21]);
  });

  it('above the limit, holds out every tenth item together: ten folds, as ten separate searches predict', () => {
    const r = calibrate(policy.set, cases, { vary, maxChange: 0.5, leaveOneOutLimit: 10 });
    const folds = Array.from({ length: 10 }, (_, f) => cases.map((_, i) => i).filter((i) => i % 10 === f));
    expect(r.validation).toMatchObject({ method: 'k-fold', folds: 10, decided: 22 });
    expect(r.validation.agreed).toBe(oneByOne(folds));
    expect(r.validation.agreed).toBe(20);
  });
});
