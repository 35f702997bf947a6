/**
 * Capacity selection is provably best: on small random backlogs (every subset tried), HiGHS
 * through selectRoute finds the largest value within every limit, and never exceeds one.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSolver } from '../../src/capacity/solve.js';
import { selectRoute, type KnapsackSolver, type RouteProblem } from '../../src/core/capacity/knapsack.js';
import { niceStep } from '../../src/core/capacity/ledger.js';
import { backlog, bruteForce, problemOf, usedBy } from './brute-force.js';

let solve: KnapsackSolver;
beforeAll(async () => {
  solve = await loadSolver({ timeLimit: 30 });
});

describe('selectRoute', () => {
  it('finds the best value of every subset within every limit (1 to 3 fields, up to 12 items)', () => {
    fc.assert(
      fc.property(backlog, (b) => {
        const problem = problemOf(b, false);
        const selection = selectRoute(problem, solve);
        expect(selection.optimal).toBe(true);
        expect(selection.value).toBe(bruteForce(problem));
        const used = usedBy(problem, selection.chosen);
        used.forEach((u, d) => expect(u).toBeLessThanOrEqual(problem.limit[d] as number));
        expect(selection.used).toEqual(used);
        // Nothing left out would still fit.
        selection.chosen.forEach((c, i) => {
          if (c) return;
          const fits = problem.limit.every((limit, d) => (used[d] as number) + (problem.size[i * problem.limit.length + d] as number) <= limit);
          expect(fits).toBe(false);
        });
      }),
      { numRuns: 100, seed: 15 },
    );
  });

  it('keeps forced-in items, leaves forced-out items, and re-optimises the rest around them', () => {
    fc.assert(
      fc.property(backlog, (b) => {
        const problem = problemOf(b, true);
        const selection = selectRoute(problem, solve);
        problem.commit.forEach((c, i) => {
          if (c === 1) expect(selection.chosen[i]).toBe(1);
          if (c === -1) expect(selection.chosen[i]).toBe(0);
        });
        expect(selection.value).toBe(bruteForce(problem));
      }),
      { numRuns: 100, seed: 16 },
    );
  });

  it('forced in alone over a limit: says which field, and commits nothing else that needs it', () => {
    const problem: RouteProblem = {
      limit: [10, 100],
      value: Float64Array.from([5, 50, 40, 30]),
      size: Float64Array.from([8, 10, 6, 10, 1, 0, 0, 20]),
      commit: Int8Array.from([1, 1, 0, 0]),
    };
    const selection = selectRoute(problem, solve);
    expect([...selection.chosen]).toEqual([1, 1, 0, 1]);
    expect(selection.forcedOver).toEqual([0]);
    expect(selection.used).toEqual([14, 40]);
    expect(selection.placement).toEqual(['forced-in', 'forced-in', 'too-large', 'fits']);
  });

  it('an unknown or negative size never fits, whatever room there is', () => {
    const problem: RouteProblem = {
      limit: [100],
      value: Float64Array.from([90, 80, 10]),
      size: Float64Array.from([Number.NaN, -2, 5]),
      commit: Int8Array.from([1, 0, 0]),
    };
    const selection = selectRoute(problem, solve);
    expect([...selection.chosen]).toEqual([0, 0, 1]);
    expect(selection.placement).toEqual(['unknown-size', 'negative-size', 'fits']);
    expect([...selection.field]).toEqual([0, 0, -1]);
    expect(selection.asked).toEqual([5]);
  });

  it('equal items share one column, and the first in the input are taken', () => {
    const calls: number[] = [];
    const counting: KnapsackSolver = (model, progress) => {
      calls.push(model.columns);
      return solve(model, progress);
    };
    const problem: RouteProblem = {
      limit: [10],
      value: Float64Array.from([5, 5, 5, 5, 7]),
      size: Float64Array.from([3, 3, 3, 3, 4]),
      commit: new Int8Array(5),
    };
    const selection = selectRoute(problem, counting);
    expect(calls).toEqual([2]);
    expect([...selection.chosen]).toEqual([1, 1, 0, 0, 1]);
    expect(selection.value).toBe(17);
  });

  it('reports the gap the solver leaves when it stops at its limit', () => {
    const stopped: KnapsackSolver = (model) => ({ take: new Float64Array(model.columns), optimal: false, gap: 0.0312 });
    const problem: RouteProblem = { limit: [4], value: Float64Array.from([3, 2, 2]), size: Float64Array.from([3, 2, 2]), commit: new Int8Array(3) };
    const selection = selectRoute(problem, stopped);
    expect(selection.optimal).toBe(false);
    expect(selection.gap).toBe(0.0312);
    // What the solver left is filled in input order, never past a limit.
    expect([...selection.chosen]).toEqual([1, 0, 0]);
  });
});

describe('niceStep', () => {
  it('rounds up to 1, 2 or 5 times a power of ten', () => {
    expect([niceStep(15.8), niceStep(1.2), niceStep(0.3), niceStep(221000), niceStep(10), niceStep(0)]).toEqual([20, 2, 0.5, 500000, 10, 1]);
  });
});
