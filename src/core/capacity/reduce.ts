/**
 * Exact selection for large backlogs by reduced-cost fixing: the linear relaxation of the
 * knapsack proves which items any better answer must take, or must leave, so the
 * mixed-integer solver only ever sees the few items near the boundary (the "core").
 *
 * Why this is exact. Take any non-negative price per unit of capacity, λ. An item's reduced
 * value is rc = value − λ·size. For every answer x within the limits b,
 *
 *   value(x) ≤ λ·b + Σ rc·x ≤ U − Σ_{rc>0} rc·(upper − x) − Σ_{rc<0} |rc|·x,
 *
 * where U = λ·b + Σ_{rc>0} rc·upper is an upper bound on every answer. So once an answer worth L
 * is known, an answer worth more than L can leave out no unit of an item with rc > U − L, and
 * take no unit of one with rc < −(U − L). Those items are fixed; the solver decides the rest
 * exactly; if it was free to choose every item not fixed, its best plus the fixed items is the
 * best overall. With whole-number values "more than L" means "at least L + 1", which fixes more.
 *
 * λ comes from the solver's linear relaxation over a window of the items ranked by value per
 * share of the room (column generation: items priced wrongly by λ are added until none is). Any
 * λ gives a valid bound, so a poor one costs time, never correctness.
 */
import { byDensity } from './density.js';
import type { KnapsackAnswer, KnapsackModel, KnapsackSolver, SolveProgress } from './knapsack.js';

/** A linear relaxation's answer: the price of each row (≥ 0). */
export interface Relaxation {
  readonly duals: Float64Array;
}

export type RelaxationSolver = (model: KnapsackModel) => Relaxation;

export interface CoreOptions {
  /** Models of at most this many columns go to the solver whole. */
  direct: number;
  /** Columns in the first core. */
  core: number;
  /** Columns the core may grow to before selection settles for the gap it has. */
  maxCore: number;
  /** The relaxation's window of columns around the greedy break. */
  window: number;
}

export const CORE_DEFAULTS: CoreOptions = { direct: 1500, core: 600, maxCore: 20000, window: 1000 };

/** What the reduction did, for tests and the bench. */
export interface CoreReport {
  /** The bound proven by the relaxation's prices. */
  bound: number;
  /** Columns the last exact solve was given. */
  coreColumns: number;
  rounds: number;
}

/**
 * Solve a knapsack model exactly through a small core. `now` gives seconds (for progress only).
 */
export function solveByCore(
  model: KnapsackModel,
  solve: KnapsackSolver,
  relax: RelaxationSolver,
  progress?: (note: SolveProgress) => void,
  options: CoreOptions = CORE_DEFAULTS,
  report?: (r: CoreReport) => void,
): KnapsackAnswer {
  const { columns: n, dims } = model;
  const started = Date.now();
  const seconds = (): number => (Date.now() - started) / 1000;
  const sizeOf = (c: number, d: number): number => model.size[c * dims + d] as number;
  const whole = model.value.every((v) => Number.isInteger(v));

  const lambda = prices(model, relax, options.window);
  const rc = new Float64Array(n);
  let bound = 0;
  for (let d = 0; d < dims; d++) bound += (lambda[d] as number) * (model.limit[d] as number);
  for (let c = 0; c < n; c++) {
    let r = model.value[c] as number;
    for (let d = 0; d < dims; d++) r -= (lambda[d] as number) * sizeOf(c, d);
    rc[c] = r;
    if (r > 0) bound += r * (model.upper[c] as number);
  }

  // Columns by how little it costs to move them from where the prices put them.
  const byCost = Array.from({ length: n }, (_, c) => c).sort((a, b) => Math.abs(rc[a] as number) - Math.abs(rc[b] as number) || a - b);
  const inCore = new Uint8Array(n);
  for (let k = 0; k < Math.min(n, options.core); k++) inCore[byCost[k] as number] = 1;

  let rounds = 0;
  for (;;) {
    rounds++;
    // Outside the core, a column the prices favour is taken whole; should that overflow a limit
    // (the prices are only as exact as the relaxation), its cheapest columns join the core.
    const room = Float64Array.from(model.limit);
    for (let c = 0; c < n; c++) {
      if (inCore[c] || (rc[c] as number) <= 0) continue;
      for (let d = 0; d < dims; d++) room[d] = (room[d] as number) - sizeOf(c, d) * (model.upper[c] as number);
    }
    for (let k = 0; k < n && room.some((r) => r < 0); k++) {
      const c = byCost[k] as number;
      if (inCore[c] || (rc[c] as number) <= 0) continue;
      inCore[c] = 1;
      for (let d = 0; d < dims; d++) room[d] = (room[d] as number) + sizeOf(c, d) * (model.upper[c] as number);
    }
    const core: number[] = [];
    for (let c = 0; c < n; c++) if (inCore[c]) core.push(c);
    const sub = subModel(model, core, room);
    const offset = seconds();
    const answer = solve(sub, progress ? (note) => progress({ ...note, seconds: offset + note.seconds }) : undefined);

    const take = new Float64Array(n);
    let found = 0;
    for (let c = 0; c < n; c++) {
      if (inCore[c] || (rc[c] as number) <= 0) continue;
      take[c] = model.upper[c] as number;
      found += (model.value[c] as number) * (take[c] as number);
    }
    core.forEach((c, k) => {
      take[c] = Math.min(model.upper[c] as number, Math.max(0, Math.round(answer.take[k] as number)));
      found += (model.value[c] as number) * take[c];
    });

    // How far from where the prices put it a column may be in an answer better than `found`.
    const slack = bound - found - (whole ? 1 : 0) + 1e-7 * Math.max(1, Math.abs(bound));
    let missing = 0;
    if (slack >= 0) for (let c = 0; c < n; c++) if (!inCore[c] && Math.abs(rc[c] as number) <= slack) missing++;
    const proven = slack < 0 || (missing === 0 && answer.optimal);
    if (progress) progress({ seconds: seconds(), gap: gapOf(bound, found) });
    if (proven || missing === 0 || core.length + missing > options.maxCore || rounds >= 6) {
      report?.({ bound, coreColumns: core.length, rounds });
      if (proven) return { take, optimal: true, gap: 0 };
      // The best proven possible: the core solver's own bound when it had every column it needed.
      const best = missing === 0 && answer.bound !== undefined ? Math.min(bound, found - subValue(sub, answer) + answer.bound) : bound;
      return { take, optimal: false, gap: gapOf(best, found), bound: best };
    }
    for (let c = 0; c < n; c++) if (Math.abs(rc[c] as number) <= slack) inCore[c] = 1;
  }
}

function gapOf(bound: number, found: number): number {
  return bound > 0 ? Math.max(0, (bound - found) / bound) : 0;
}

function subValue(sub: KnapsackModel, answer: KnapsackAnswer): number {
  let v = 0;
  for (let k = 0; k < sub.columns; k++) v += (sub.value[k] as number) * Math.round(answer.take[k] as number);
  return v;
}

/** The model restricted to some columns, with the room left to them. */
function subModel(model: KnapsackModel, columns: readonly number[], room: Float64Array): KnapsackModel {
  const dims = model.dims;
  const value = new Float64Array(columns.length);
  const size = new Float64Array(columns.length * dims);
  const upper = new Float64Array(columns.length);
  columns.forEach((c, k) => {
    value[k] = model.value[c] as number;
    upper[k] = model.upper[c] as number;
    for (let d = 0; d < dims; d++) size[k * dims + d] = model.size[c * dims + d] as number;
  });
  return { columns: columns.length, dims, value, size, upper, limit: room.map((r) => Math.max(0, r)) };
}

/**
 * Prices for the rows from the linear relaxation, by column generation: the relaxation is solved
 * over a window of columns around where a greedy fill by value per share of the room stops,
 * columns before it taken whole and those after it left; any column the prices then say is on
 * the wrong side joins the window, until none is.
 */
function prices(model: KnapsackModel, relax: RelaxationSolver, window: number): Float64Array {
  const { columns: n, dims } = model;
  const sizeOf = (c: number, d: number): number => model.size[c * dims + d] as number;
  const order = byDensity(
    model.value,
    model.size,
    model.limit,
    Array.from({ length: n }, (_, c) => c),
  );
  // Where the greedy fill stops.
  const used = new Float64Array(dims);
  let stop = 0;
  for (; stop < n; stop++) {
    const c = order[stop] as number;
    let fits = true;
    for (let d = 0; d < dims && fits; d++) fits = (used[d] as number) + sizeOf(c, d) * (model.upper[c] as number) <= (model.limit[d] as number);
    if (!fits) break;
    for (let d = 0; d < dims; d++) used[d] = (used[d] as number) + sizeOf(c, d) * (model.upper[c] as number);
  }
  // -1: taken whole, 0: in the window, 1: left out.
  const side = new Int8Array(n);
  const from = Math.max(0, stop - Math.floor(window / 2));
  order.forEach((c, k) => (side[c] = k < from ? -1 : k < from + window ? 0 : 1));

  let lambda = new Float64Array(dims);
  for (let round = 0; round < 40; round++) {
    const room = Float64Array.from(model.limit);
    const free: number[] = [];
    for (let c = 0; c < n; c++) {
      if (side[c] === 0) free.push(c);
      else if (side[c] === -1) for (let d = 0; d < dims; d++) room[d] = (room[d] as number) - sizeOf(c, d) * (model.upper[c] as number);
    }
    if (room.some((r) => r < 0)) {
      // The greedy prefix never overflows; a column moved out of it only frees room.
      throw new Error('capacity prices: the columns taken whole exceed a limit');
    }
    const answer = relax(subModel(model, free, room));
    lambda = answer.duals.map((p) => Math.max(0, p));
    const wrong: Array<{ c: number; by: number }> = [];
    for (let c = 0; c < n; c++) {
      if (side[c] === 0) continue;
      let r = model.value[c] as number;
      for (let d = 0; d < dims; d++) r -= (lambda[d] as number) * sizeOf(c, d);
      const tolerance = 1e-9 * Math.max(1, Math.abs(model.value[c] as number));
      if ((side[c] === -1 && r < -tolerance) || (side[c] === 1 && r > tolerance)) wrong.push({ c, by: Math.abs(r) });
    }
    // Settled, or the window as large as it may grow: these prices bound every answer anyway.
    if (wrong.length === 0 || free.length >= window * 10) break;
    wrong.sort((a, b) => b.by - a.by || a.c - b.c);
    for (const { c } of wrong.slice(0, window)) side[c] = 0;
  }
  return lambda;
}
