/**
 * How a run sizes V8's heap, set while it runs: a command-line flag would have to be given
 * to `node` itself, and `triage` is started as `node bin/triage.js` as often as by its own
 * name. V8 reads each of these flags every time it resizes a heap, so setting one at run time
 * takes effect at once, on every thread of the process. The figures are peak RSS, measured
 * side by side with the build before (docs/performance.md keeps them).
 */
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

/**
 * The search for what would change each item's route (counterfactuals) makes a great deal of
 * garbage that dies young. Left to itself V8 doubles the young generation to 32 MB as a run
 * goes on, and the memory it takes stays taken: with it held at its first size, peak RSS fell
 * from 135 to 92 MB (json, 5k rows), 140 to 113 MB (json, 25k), 165 to 124 MB (html, 10k) and
 * 167 to 132 MB (jsonl, 100k, two jobs), for between 7% less and 20% more time. A run without
 * counterfactuals makes less garbage, and so small a young generation only made it slower.
 */
export function keepYoungGenerationSmall(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
}

/**
 * Let the old generation grow by at most its live size at each full collection. V8's own rule
 * lets it reach four times that: the counterfactual search promotes much that dies soon after,
 * and an html run of 100k rows held a 59 MB old generation over 16 MB of live objects. Set for
 * a run on several threads (`ParallelHeap`) and for one that works out counterfactuals: html,
 * 20k rows, 158 to 119-121 MB and json 131 to 107 MB, in the same time; a csv run was
 * unchanged, so it is left alone.
 */
export function boundOldGeneration(): void {
  setFlagsFromString('--heap-growing-percent=100');
}

/** Let the young generation grow as V8 would (its default factor). */
export function letYoungGenerationGrow(): void {
  setFlagsFromString('--semi-space-growth-factor=2');
}

/**
 * A young generation (both semi-spaces) of this size is where a `score --jobs` run holds it:
 * at 32 MB on the main thread as well as 16 MB on each worker, two threads took 1M rows of
 * csv to 210 MB.
 */
const JOBS_YOUNG_BYTES = 8 * 1024 * 1024;

/**
 * Give the workers started after this a minimum semi-space of half JOBS_YOUNG_BYTES. V8 reads
 * the flag when it makes a heap, so the main thread's is not changed. The main thread holds its
 * young generation (below), and V8's growth factor is one for all threads, so a worker started
 * at V8's default stayed at 2 MB and spent its time in collections; with this, measured, a
 * worker's starts at 4 MB and reaches JOBS_YOUNG_BYTES.
 */
export function startWorkersYoungGeneration(): void {
  setFlagsFromString(`--min-semi-space-size=${JOBS_YOUNG_BYTES / 2 / 1024 / 1024}`);
}

/**
 * For a run on several threads: the young generation may grow to JOBS_YOUNG_BYTES and no
 * further (`check` is called as the run goes, and stops its growth once it is there), and
 * the old generation grows by at most its live size at each full collection. V8's own rule
 * lets the main thread's old generation reach 40 MB over 15 MB of live objects.
 *
 * The main thread's young generation grew from 8 to 16 MB while the command loaded the
 * principles, before the first check, and 1M rows then peaked 8 MB higher: so `score` holds it
 * from its start when the run may go on several threads (`keepYoungGenerationSmall`). A young
 * generation still under JOBS_YOUNG_BYTES here is let grow to it. Construct it once the
 * workers are started.
 */
export class ParallelHeap {
  private held = false;

  constructor() {
    boundOldGeneration();
    // Starting a worker puts the growth factor back to V8's default, so it is set again here.
    this.held = youngBytes() >= JOBS_YOUNG_BYTES;
    if (this.held) keepYoungGenerationSmall();
    else letYoungGenerationGrow();
  }

  /** Cheap enough to call once per range. */
  check(): void {
    if (this.held || youngBytes() < JOBS_YOUNG_BYTES) return;
    keepYoungGenerationSmall();
    this.held = true;
  }
}

/** The young generation's size (Infinity when V8 does not say, so nothing is changed). */
function youngBytes(): number {
  return getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? Infinity;
}
