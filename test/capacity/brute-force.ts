/**
 * The yardstick for capacity selection: every subset of a small backlog, tried. Shared by the
 * tests of the whole-model solve (knapsack.test.ts) and of the core reduction (reduce.test.ts).
 */
import fc from 'fast-check';
import type { RouteProblem } from '../../src/core/capacity/knapsack.js';

/** The best value over every subset of the free items, forced items fixed. */
export function bruteForce(problem: RouteProblem): number {
  const dims = problem.limit.length;
  const n = problem.value.length;
  let best = -Infinity;
  for (let mask = 0; mask < 1 << n; mask++) {
    let ok = true;
    let value = 0;
    const used = new Array<number>(dims).fill(0);
    for (let i = 0; i < n && ok; i++) {
      const forced = problem.commit[i];
      const take = forced === 1 ? true : forced === -1 ? false : (mask >> i) & 1;
      if (((mask >> i) & 1) !== (take ? 1 : 0)) ok = false; // count each forced choice once
      if (!take) continue;
      value += problem.value[i] as number;
      for (let d = 0; d < dims; d++) used[d] = (used[d] as number) + (problem.size[i * dims + d] as number);
    }
    if (!ok) continue;
    const forcedOnly = used.map((_, d) => {
      let sum = 0;
      for (let i = 0; i < n; i++) if (problem.commit[i] === 1) sum += problem.size[i * dims + d] as number;
      return sum;
    });
    // A limit the forced items alone exceed leaves room for nothing more in that field.
    if (used.some((u, d) => u > Math.max(problem.limit[d] as number, forcedOnly[d] as number) + 1e-9)) continue;
    if (used.some((u, d) => forcedOnly[d]! > problem.limit[d]! && u > forcedOnly[d]! + 1e-9)) continue;
    best = Math.max(best, value);
  }
  return best;
}

export const backlog = fc.integer({ min: 1, max: 3 }).chain((dims) =>
  fc.record({
    limit: fc.array(fc.integer({ min: 1, max: 40 }), { minLength: dims, maxLength: dims }),
    items: fc.array(
      fc.record({
        value: fc.integer({ min: 0, max: 100 }),
        size: fc.array(fc.integer({ min: 0, max: 25 }), { minLength: dims, maxLength: dims }),
        commit: fc.constantFrom(0, 0, 0, 0, 1, -1),
      }),
      { minLength: 0, maxLength: 12 },
    ),
  }),
);

export function problemOf(b: { limit: number[]; items: Array<{ value: number; size: number[]; commit: number }> }, withCommits: boolean): RouteProblem {
  return {
    limit: b.limit,
    value: Float64Array.from(b.items.map((i) => i.value)),
    size: Float64Array.from(b.items.flatMap((i) => i.size)),
    commit: Int8Array.from(b.items.map((i) => (withCommits ? i.commit : 0))),
  };
}

export function usedBy(problem: RouteProblem, chosen: Uint8Array): number[] {
  const dims = problem.limit.length;
  return problem.limit.map((_, d) => {
    let sum = 0;
    chosen.forEach((c, i) => (sum += c ? (problem.size[i * dims + d] as number) : 0));
    return sum;
  });
}
