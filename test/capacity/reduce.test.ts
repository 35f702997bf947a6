/**
 * The core reduction (src/core/capacity/reduce.ts) is exact: forced to run on small random
 * backlogs, it finds the best value of every subset; on a backlog too large for brute force it
 * finds the same value as HiGHS given the whole model, while handing HiGHS a fraction of it.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSolver } from '../../src/capacity/solve.js';
import { selectRoute, type KnapsackModel, type KnapsackSolver, type RouteProblem, type SolveProgress } from '../../src/core/capacity/knapsack.js';
import { solveByCore, type CoreOptions, type CoreReport } from '../../src/core/capacity/reduce.js';
import { backlog, bruteForce, problemOf, usedBy } from './brute-force.js';

let solve: KnapsackSolver;
beforeAll(async () => {
  solve = await loadSolver({ timeLimit: 30 });
});

/** The reduction on every model, from a core of one column and a window of two. */
const tiny: CoreOptions = { direct: 0, core: 1, maxCore: 1000, window: 2 };

describe('solveByCore', () => {
  it('finds the best value of every subset, forced in and out included (1 to 3 fields, up to 12 items)', () => {
    fc.assert(
      fc.property(backlog, fc.boolean(), (b, withCommits) => {
        const problem = problemOf(b, withCommits);
        const selection = selectRoute(problem, solve, undefined, tiny);
        expect(selection.optimal).toBe(true);
        expect(selection.value).toBe(bruteForce(problem));
        if (!withCommits) usedBy(problem, selection.chosen).forEach((u, d) => expect(u).toBeLessThanOrEqual(problem.limit[d] as number));
      }),
      { numRuns: 200, seed: 19 },
    );
  });

  it('a core not allowed to grow says how far from the best it may be, and the best lies within that', () => {
    const capped: CoreOptions = { direct: 0, core: 1, maxCore: 1, window: 2 };
    let unproven = 0;
    fc.assert(
      fc.property(backlog, (b) => {
        const problem = problemOf(b, false);
        const selection = selectRoute(problem, solve, undefined, capped);
        const best = bruteForce(problem);
        expect(selection.value).toBeLessThanOrEqual(best);
        if (selection.optimal) expect(selection.value).toBe(best);
        else {
          unproven++;
          expect(selection.gap).toBeGreaterThan(0);
          expect(selection.value).toBeGreaterThanOrEqual(best * (1 - selection.gap) - 1e-9);
        }
      }),
      { numRuns: 200, seed: 20 },
    );
    // The property above must have met the case it is about.
    expect(unproven).toBeGreaterThan(0);
  });

  it('3,000 items: the same best value as the whole model, from a core a small part of its size', () => {
    let seed = 7;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const n = 3000;
    const problem: RouteProblem = {
      limit: [6000, 900000],
      value: Float64Array.from({ length: n }, () => 1 + Math.floor(next() * 100)),
      size: Float64Array.from({ length: n * 2 }, (_, k) => (k % 2 === 0 ? Math.round(next() * 200) / 10 : Math.round(next() * 1000) * 100)),
      commit: new Int8Array(n),
    };
    const whole = selectRoute(problem, solve, undefined, { direct: Number.POSITIVE_INFINITY, core: 0, maxCore: 0, window: 0 });
    const reports: CoreReport[] = [];
    const notes: SolveProgress[] = [];
    const reduced = selectRoute(
      problem,
      solve,
      (note) => notes.push(note),
      // The defaults, watched.
      { direct: 1500, core: 600, maxCore: 20000, window: 1000 },
    );
    expect(whole.optimal).toBe(true);
    expect(reduced.optimal).toBe(true);
    expect(reduced.value).toBe(whole.value);
    usedBy(problem, reduced.chosen).forEach((u, d) => expect(u).toBeLessThanOrEqual(problem.limit[d] as number));

    // The same model through solveByCore directly, to see what the solver was given.
    const columns = [...problem.value.keys()];
    const model: KnapsackModel = {
      columns: n,
      dims: 2,
      value: problem.value,
      size: problem.size,
      upper: new Float64Array(n).fill(1),
      limit: Float64Array.from(problem.limit),
    };
    const answer = solveByCore(model, solve, solve.relax!, undefined, undefined, (r) => reports.push(r));
    expect(answer.optimal).toBe(true);
    expect(columns.reduce((sum, c) => sum + (answer.take[c] as number) * (problem.value[c] as number), 0)).toBe(whole.value);
    expect(reports).toHaveLength(1);
    expect(reports[0]!.coreColumns).toBeLessThan(n / 3);
    expect(reports[0]!.bound).toBeGreaterThanOrEqual(whole.value);
    // Progress is heard after each round, the last with the gap closed.
    expect(notes.length).toBeGreaterThan(0);
    expect(notes.at(-1)!.gap).toBeLessThan(1e-3);
  });
});
