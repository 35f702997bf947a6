/**
 * The capacity solver: HiGHS (compiled to WebAssembly, the `highs` package) solving the
 * knapsack model src/core/capacity/knapsack.ts builds, as a mixed-integer program, to proven
 * optimality (no relative or absolute gap allowed) or until the time limit, when the gap left
 * is reported. Loading the WebAssembly module is the only I/O, so it lives outside the core.
 */
import type { Highs, InitOptions } from 'highs';
import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';
import type { KnapsackAnswer, KnapsackModel, KnapsackSolver, SolveProgress } from '../core/capacity/knapsack.js';
import type { Relaxation } from '../core/capacity/reduce.js';

/**
 * A fresh HiGHS. Not kept for the process: once a run has chosen, dropping the solver lets the
 * garbage collector take back its WebAssembly memory and code (tens of megabytes) before the
 * results are written.
 */
async function highs(): Promise<Highs> {
  // V8 compiles WebAssembly twice by default: quickly (Liftoff), then hot functions again with
  // its optimising compiler, whose working memory took the peak of a capacity run from about
  // 155 MB to 225 MB. The models HiGHS is given are small (reduce.ts), so the quick code is
  // fast enough, and was faster overall when measured. V8 reads the flag when it compiles.
  setFlagsFromString('--liftoff-only');
  // Loaded with require, not import(): HiGHS is CommonJS, and the CLI bundle runs as a script
  // (src/cli/bundle-loader.ts), where V8 has no module loader to give a dynamic import.
  const load = createRequire(import.meta.url)('highs') as (options?: InitOptions) => Promise<Highs>;
  return load();
}

export interface SolverOptions {
  /** Seconds each solve may take before it stops with the best found so far. */
  timeLimit: number;
}

/** A solver for capacity selection. */
export async function loadSolver(options: SolverOptions): Promise<KnapsackSolver> {
  const h = await highs();
  const solver: KnapsackSolver = (model, progress) => solveWith(h, model, options, progress);
  solver.relax = (model) => relaxWith(h, model);
  return solver;
}

/**
 * Give HiGHS a model: maximise value within every limit, amounts between 0 and each column's
 * upper bound, whole numbers when `integer`. The matrix is compressed by column, each column
 * having one entry per row.
 */
function passKnapsack(h: Highs, solver: ReturnType<Highs['createModel']>, model: KnapsackModel, integer: boolean): void {
  const { columns, dims } = model;
  const starts = new Int32Array(columns + 1);
  const indices = new Int32Array(columns * dims);
  for (let c = 0; c < columns; c++) {
    starts[c] = c * dims;
    for (let d = 0; d < dims; d++) indices[c * dims + d] = d;
  }
  starts[columns] = columns * dims;
  solver.passModel({
    numCols: columns,
    numRows: dims,
    sense: h.constants.objectiveSense.maximize,
    colCost: model.value,
    colLower: new Float64Array(columns),
    colUpper: model.upper,
    rowLower: new Float64Array(dims).fill(-h.infinity),
    rowUpper: model.limit,
    matrix: { format: 'csc', numRows: dims, numCols: columns, starts, indices, values: model.size },
    ...(integer ? { integrality: new Int32Array(columns).fill(h.constants.variableType.integer) } : {}),
  });
}

/** The linear relaxation (amounts may be fractional): the price of each row. */
function relaxWith(h: Highs, model: KnapsackModel): Relaxation {
  const solver = h.createModel();
  try {
    solver.options.set({ output_flag: false });
    passKnapsack(h, solver, model, false);
    solver.run();
    const solution = solver.getSolution();
    // HiGHS prices a binding row of a maximisation as positive; whatever its sign, only the
    // size of the price matters to the bound (a negative one would be a slack row's noise).
    return { duals: Float64Array.from(solution.rowDual, (p) => Math.abs(p)) };
  } finally {
    solver.dispose();
  }
}

function solveWith(h: Highs, model: KnapsackModel, options: SolverOptions, progress?: (note: SolveProgress) => void): KnapsackAnswer {
  const solver = h.createModel();
  try {
    // Whole-number values make every total whole: a gap under 1 then proves the best, which
    // saves the solver from telling apart the many equal answers a backlog has.
    const whole = model.value.every((v) => Number.isInteger(v));
    solver.options.set({ output_flag: false, mip_rel_gap: 0, mip_abs_gap: whole ? 0.999 : 0, time_limit: options.timeLimit });
    passKnapsack(h, solver, model, true);
    let last = 0;
    // HiGHS checks its time limit only between some of its steps; the interrupt callbacks
    // hold it to the wall clock in every phase (simplex, interior point, branch and bound).
    const started = performance.now();
    const late = (): boolean => (performance.now() - started) / 1000 > options.timeLimit;
    const result = solver.run({
      [h.constants.callbackType.simplexInterrupt](event) {
        if (late()) event.interrupt();
        return undefined;
      },
      [h.constants.callbackType.ipmInterrupt](event) {
        if (late()) event.interrupt();
        return undefined;
      },
      [h.constants.callbackType.mipInterrupt](event) {
        if (late()) event.interrupt();
        const seconds = event.data.running_time ?? 0;
        if (!progress || seconds - last < 0.25) return undefined;
        last = seconds;
        const gap = event.data.mip_gap;
        progress(gap !== undefined && Number.isFinite(gap) ? { seconds, gap } : { seconds });
        return undefined;
      },
    });
    const status = result.modelStatus;
    const optimal = status === h.constants.modelStatus.optimal;
    const take = optimal || hasIncumbent(solver) ? Float64Array.from(solver.getSolution().colValue) : new Float64Array(model.columns);
    let gap = 0;
    let bound: number | undefined;
    if (!optimal) {
      const found = Number(solver.info.get('mip_gap'));
      gap = Number.isFinite(found) ? Math.max(0, found) : 1;
      const best = Number(solver.info.get('mip_dual_bound'));
      if (Number.isFinite(best)) bound = best;
    }
    return { take, optimal, gap, ...(bound !== undefined ? { bound } : {}) };
  } finally {
    solver.dispose();
  }
}

/** Whether a time-limited solve left a feasible answer to read. */
function hasIncumbent(solver: ReturnType<Highs['createModel']>): boolean {
  try {
    return Number(solver.info.get('primal_solution_status')) === 2;
  } catch {
    return false;
  }
}
