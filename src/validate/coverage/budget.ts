/**
 * A bound on the work of routing coverage. Comparing every alternative of every rule with
 * those of every earlier rule grows with the square of both, so a set within the file-size
 * limit could keep `validate` busy for minutes. Work is counted in steps (a literal looked
 * at, a value compared), not in time, so the same file always stops at the same place.
 */

/**
 * Steps routing coverage may take for one principle set: about a third of a second on the
 * slowest kinds of set measured (15 to 50 million steps a second on a busy machine), and far
 * more than an ordinary set needs: the bundled one takes about 230 steps, and even ten rules
 * of 226 alternatives each, every one compared with all those before it, about 4.5 million.
 */
export const COVERAGE_STEPS = 5_000_000;

/** Thrown by `Budget.spend` when the steps run out; caught where the analysis started. */
export class OutOfSteps extends Error {
  constructor() {
    super('routing coverage ran out of steps');
  }
}

/** Steps taken so far, against a limit. */
export class Budget {
  private taken = 0;

  constructor(readonly limit: number = COVERAGE_STEPS) {}

  /** Steps taken so far. */
  get spent(): number {
    return this.taken;
  }

  /** Count `steps` more; throws OutOfSteps when that passes the limit. */
  spend(steps: number): void {
    this.taken += steps;
    if (this.taken > this.limit) throw new OutOfSteps();
  }
}
