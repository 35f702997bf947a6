/**
 * Capacity selection for one route: a multi-dimensional 0/1 knapsack. Choose the items whose
 * total value is largest while, in every capacity field, their sizes add up to no more than the
 * route's limit. Pure: the solver is passed in (src/capacity/solve.ts wraps HiGHS), and this
 * module builds its model, reads its answer back and checks it.
 *
 * Items with the same value and sizes are one column with an upper bound of their count (an
 * integer, not a 0/1 variable): exact, and much smaller for real backlogs, where efforts and
 * scores repeat. Which of equal items are taken is decided by input order.
 */

import { byDensity } from './density.js';
import { CORE_DEFAULTS, solveByCore, type CoreOptions, type RelaxationSolver } from './reduce.js';

/** The model a solver is given: maximise value·x subject to size·x <= limit, 0 <= x <= upper, x integer. */
export interface KnapsackModel {
  /** Columns (distinct item profiles). */
  readonly columns: number;
  /** Capacity fields (rows). */
  readonly dims: number;
  readonly value: Float64Array;
  /** Column-major: size[c * dims + d]. */
  readonly size: Float64Array;
  readonly upper: Float64Array;
  readonly limit: Float64Array;
}

export interface KnapsackAnswer {
  /** How many of each column are taken. */
  readonly take: Float64Array;
  /** True when the solver proved the answer best. */
  readonly optimal: boolean;
  /** Relative distance to the best bound proven (0 when optimal). */
  readonly gap: number;
  /** When not optimal: the best value proven possible, if the solver got that far. */
  readonly bound?: number;
}

/**
 * Solves a model exactly, or as well as it can within the time limit it was made with. A solver
 * that can also solve the linear relaxation (`relax`) lets large models be reduced to a small
 * core first (reduce.ts); without one, every model goes to it whole.
 */
export interface KnapsackSolver {
  (model: KnapsackModel, progress?: (note: SolveProgress) => void): KnapsackAnswer;
  relax?: RelaxationSolver;
}

export interface SolveProgress {
  seconds: number;
  /** Relative gap between the best found and the best bound, when known. */
  gap?: number;
}

/** One route's items: values, sizes (NaN when unknown), decisions' force in or out. */
export interface RouteProblem {
  readonly limit: readonly number[];
  /** The items' values, in input order. */
  readonly value: Float64Array;
  /** Item-major: size[i * dims + d]; NaN when unknown. */
  readonly size: Float64Array;
  /** 1: forced in, -1: forced out, 0: free. */
  readonly commit: Int8Array;
}

export type Placement = 'fits' | 'forced-in' | 'forced-out' | 'unknown-size' | 'negative-size' | 'too-large' | 'left-out';

export interface RouteSelection {
  /** Per item: 1 when committed. */
  readonly chosen: Uint8Array;
  /** Per item: why it is where it is. */
  readonly placement: readonly Placement[];
  /** Per item with an unknown or negative size: the first such field's index. */
  readonly field: Int16Array;
  readonly used: number[];
  /** Sizes of every item whose size is known, committed or not. */
  readonly asked: number[];
  readonly value: number;
  readonly optimal: boolean;
  readonly gap: number;
  /** Fields in which the forced-in items alone exceed the limit. */
  readonly forcedOver: number[];
}

/** A sum is within a limit up to rounding dust (sizes such as 0.1 do not add up exactly). */
export function within(used: number, limit: number): boolean {
  return used <= limit + 1e-9 * Math.max(1, Math.abs(limit));
}

/** Choose the items of one route to commit: forced first, then the best the solver finds. */
export function selectRoute(
  problem: RouteProblem,
  solve: KnapsackSolver,
  progress?: (note: SolveProgress) => void,
  core: CoreOptions = CORE_DEFAULTS,
): RouteSelection {
  const dims = problem.limit.length;
  const n = problem.value.length;
  const chosen = new Uint8Array(n);
  const placement: Placement[] = new Array<Placement>(n);
  const field = new Int16Array(n).fill(-1);
  const used = new Array<number>(dims).fill(0);
  const asked = new Array<number>(dims).fill(0);
  const sizeOf = (i: number, d: number): number => problem.size[i * dims + d] as number;

  // Sizes first: an unknown size never fits silently.
  for (let i = 0; i < n; i++) {
    for (let d = 0; d < dims; d++) {
      const s = sizeOf(i, d);
      if (Number.isNaN(s)) {
        placement[i] = 'unknown-size';
        field[i] = d;
        break;
      }
      if (s < 0) {
        placement[i] = 'negative-size';
        field[i] = d;
        break;
      }
    }
    if (placement[i] !== undefined) continue;
    for (let d = 0; d < dims; d++) asked[d] = (asked[d] as number) + sizeOf(i, d);
    if (problem.commit[i] === 1) {
      placement[i] = 'forced-in';
      chosen[i] = 1;
      for (let d = 0; d < dims; d++) used[d] = (used[d] as number) + sizeOf(i, d);
    } else if (problem.commit[i] === -1) placement[i] = 'forced-out';
  }
  const forcedOver: number[] = [];
  const room = problem.limit.map((limit, d) => {
    if (!within(used[d] as number, limit)) forcedOver.push(d);
    return Math.max(0, limit - (used[d] as number));
  });

  // The free items that could fit on their own.
  const free: number[] = [];
  for (let i = 0; i < n; i++) {
    if (placement[i] !== undefined) continue;
    let fits = true;
    for (let d = 0; d < dims && fits; d++) fits = within(sizeOf(i, d), room[d] as number);
    if (fits) free.push(i);
    else placement[i] = 'too-large';
  }

  let optimal = true;
  let gap = 0;
  let bound: number | undefined;
  const total = new Array<number>(dims).fill(0);
  for (const i of free) for (let d = 0; d < dims; d++) total[d] = (total[d] as number) + sizeOf(i, d);
  if (total.every((t, d) => within(t, room[d] as number))) {
    for (const i of free) chosen[i] = 1;
  } else {
    // Items of no value cannot raise the total; the fill below takes them if there is room.
    const worth = free.filter((i) => (problem.value[i] as number) > 0);
    const { model, members } = buildModel(problem, worth, room);
    if (model.columns > 0) progress?.({ seconds: 0 });
    const answer =
      model.columns === 0
        ? { take: new Float64Array(0), optimal: true, gap: 0 }
        : solve.relax && model.columns > core.direct
          ? solveByCore(model, solve, solve.relax, progress, core)
          : solve(model, progress);
    optimal = answer.optimal;
    gap = answer.gap;
    bound = answer.bound;
    members.forEach((items, c) => {
      const take = Math.min(items.length, Math.max(0, Math.round(answer.take[c] as number)));
      for (let k = 0; k < take; k++) chosen[items[k] as number] = 1;
    });
  }

  // What the solver chose, checked exactly; then what still fits, in input order.
  const usedFree = new Array<number>(dims).fill(0);
  for (const i of free) if (chosen[i]) for (let d = 0; d < dims; d++) usedFree[d] = (usedFree[d] as number) + sizeOf(i, d);
  repair(problem, free, chosen, usedFree, room);
  // Stopped before it found an answer: the most value per share of the room goes first.
  const fillOrder = optimal || free.some((i) => chosen[i]) ? free : byDensity(problem.value, problem.size, room, free);
  for (const i of fillOrder) {
    if (chosen[i] || (problem.value[i] as number) < 0) continue;
    let fits = true;
    for (let d = 0; d < dims && fits; d++) fits = within((usedFree[d] as number) + sizeOf(i, d), room[d] as number);
    if (!fits) continue;
    chosen[i] = 1;
    for (let d = 0; d < dims; d++) usedFree[d] = (usedFree[d] as number) + sizeOf(i, d);
  }
  // The gap of what is committed, fill included, against the bound the solver proved.
  if (!optimal && bound !== undefined && bound > 0) {
    let freeValue = 0;
    for (const i of free) if (chosen[i]) freeValue += problem.value[i] as number;
    gap = Math.max(0, (bound - freeValue) / bound);
  }
  let value = 0;
  for (let i = 0; i < n; i++) {
    if (placement[i] === undefined) placement[i] = chosen[i] ? 'fits' : 'left-out';
    if (chosen[i]) value += problem.value[i] as number;
  }
  for (let d = 0; d < dims; d++) used[d] = (used[d] as number) + (usedFree[d] as number);
  return { chosen, placement, field, used: used.map(settle), asked: asked.map(settle), value: settle(value), optimal, gap, forcedOver };
}

/** Group items of equal value and sizes into one column each. */
function buildModel(problem: RouteProblem, items: readonly number[], room: readonly number[]): { model: KnapsackModel; members: number[][] } {
  const dims = room.length;
  const index = new Map<string, number>();
  const members: number[][] = [];
  const key: number[] = [];
  for (const i of items) {
    key.length = 0;
    key.push(problem.value[i] as number);
    for (let d = 0; d < dims; d++) key.push(problem.size[i * dims + d] as number);
    const text = key.join(' ');
    let c = index.get(text);
    if (c === undefined) {
      c = members.length;
      index.set(text, c);
      members.push([]);
    }
    (members[c] as number[]).push(i);
  }
  const columns = members.length;
  const value = new Float64Array(columns);
  const size = new Float64Array(columns * dims);
  const upper = new Float64Array(columns);
  members.forEach((group, c) => {
    const first = group[0] as number;
    value[c] = problem.value[first] as number;
    for (let d = 0; d < dims; d++) size[c * dims + d] = problem.size[first * dims + d] as number;
    upper[c] = group.length;
  });
  return { model: { columns, dims, value, size, upper, limit: Float64Array.from(room) }, members };
}

/**
 * A solver works to a tolerance; a limit is a limit. Should the answer exceed one by more
 * than rounding dust, the least valuable chosen items go until it does not.
 */
function repair(problem: RouteProblem, free: readonly number[], chosen: Uint8Array, used: number[], room: readonly number[]): void {
  const dims = room.length;
  const over = (): boolean => used.some((u, d) => !within(u, room[d] as number));
  if (!over()) return;
  const taken = free.filter((i) => chosen[i]).sort((a, b) => (problem.value[a] as number) - (problem.value[b] as number));
  for (const i of taken) {
    if (!over()) break;
    chosen[i] = 0;
    for (let d = 0; d < dims; d++) used[d] = (used[d] as number) - (problem.size[i * dims + d] as number);
  }
}

/** A sum without floating-point dust, so totals do not depend on the order of the items. */
export function settle(sum: number): number {
  return Math.round(sum * 1e6) / 1e6;
}
