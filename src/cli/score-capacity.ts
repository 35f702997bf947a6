/**
 * `triage score` with a principle set that declares capacity: two passes. The first assesses
 * each item as it streams, notes in the capacity ledger only what selection needs, and parks
 * the item on disk (io/sorted.ts, in input order); selection then runs per route with the
 * solver; the second pass reads each item back, assesses it again (cheaper than storing the
 * assessment) and gives it its capacity outcome, so every format sees final results.
 */
import { setFlagsFromString } from 'node:v8';
import { applyCapacity, CapacityLedger, type CapacityPlan, type RouteCapacity } from '../core/capacity/ledger.js';
import type { Policy } from '../core/compile.js';
import { printable } from '../core/printable.js';
import type { AssessedItem, WorkItem } from '../core/types.js';
import { SortedSpool } from '../io/sorted.js';
import type { TempFolder } from '../io/temp-folder.js';
import type { Io } from './io.js';
import type { DecisionRun } from './score-decisions.js';
import { sortOrder, sortValue, type SortKey, type SortValue } from './score-sort.js';

export interface CapacityRunOptions {
  plan: CapacityPlan;
  policy: Policy;
  decisions: DecisionRun;
  folder: TempFolder;
  sort: SortKey;
  /** Seconds each solve may take. */
  timeLimit: number;
  /** Work out the efficient frontier (for the reports that show it). */
  frontier: boolean;
  io: Io;
  /** Progress lines on stderr (a person at a terminal). */
  progress: boolean;
}

interface Parked {
  /** Input position. */
  p: number;
  i: WorkItem;
}

export class CapacityRun {
  private readonly ledger: CapacityLedger;
  private readonly parked: SortedSpool<Parked, number>;

  constructor(private readonly options: CapacityRunOptions) {
    // Two passes, a spool and a solver make a run that V8, left to itself, lets grow to twice
    // the memory it keeps alive: 100,000 items peaked at 175 MB with 20 MB live. Sized for
    // memory, the heap held that run to about 140 MB for 10% more time (measured; see
    // docs/guides/capacity.md). V8 reads this flag as it sizes the heap, so it takes effect here.
    setFlagsFromString('--optimize-for-size');
    this.ledger = new CapacityLedger(options.plan);
    // Spilled to disk early: the memory is better left to the solver and the second pass.
    this.parked = new SortedSpool<Parked, number>(options.folder, { compare: (a, b) => a - b, revive, memoryChars: 1024 * 1024 });
  }

  /** First pass: one item, as read. */
  async add(result: AssessedItem): Promise<void> {
    const position = this.ledger.add(result.item, result.assessment, this.options.decisions.commitOf(result.item.id));
    await this.parked.add({ p: position, i: result.item }, position);
  }

  /** Selection, then every item with its final assessment, in the order asked for. */
  async *results(): AsyncGenerator<AssessedItem> {
    await this.choose();
    yield* this.final();
  }

  /** Each route's commitments and frontier; the solver is dropped when this returns. */
  private async choose(): Promise<void> {
    const { loadSolver } = await import('../capacity/solve.js');
    const solve = await loadSolver({ timeLimit: this.options.timeLimit });
    const { io } = this.options;
    const show = this.options.progress;
    /** One line of progress in place of the last; an empty one clears it. */
    const status = (text: string): void => void io.stderr.write(`\r\x1b[K${printable(text)}`);
    this.ledger.select(
      solve,
      show
        ? (route, items, note) => {
            const gap = note.gap !== undefined ? `, gap ${(note.gap * 100).toFixed(2)}%` : '';
            status(`optimising ${route.label}: ${items.toLocaleString('en-GB')} items, ${Math.round(note.seconds)} s${gap}`);
          }
        : undefined,
    );
    if (show) status('');
    if (this.options.frontier) {
      this.frontiers = this.ledger.frontier(
        solve,
        10,
        show ? (route, point, points) => status(`working out ${route.label}'s frontier: ${point} of ${points} capacities`) : undefined,
      );
      if (show) status('');
    }
  }

  private async *final(): AsyncGenerator<AssessedItem> {
    const finalOf = (parked: Parked): AssessedItem => {
      const assessment = this.options.decisions.reassess(parked.i);
      return { item: parked.i, assessment: applyCapacity(this.options.plan, assessment, this.ledger.outcome(parked.p)) };
    };
    const key = this.options.sort;
    if (key === 'input') {
      for await (const parked of this.parked.sorted()) yield finalOf(parked);
      return;
    }
    // Sorted by the final assessment (an item that overflowed sorts with its new route).
    const sorted = new SortedSpool<Parked, SortValue>(this.options.folder, { compare: sortOrder(key), revive });
    try {
      for await (const parked of this.parked.sorted()) await sorted.add(parked, sortValue(key, finalOf(parked), this.options.policy));
      for await (const parked of sorted.sorted()) yield finalOf(parked);
    } finally {
      await sorted.close();
    }
  }

  private frontiers: ReturnType<CapacityLedger['frontier']> | undefined;

  /** Each route's capacity, for the summary (after `results`). */
  summary(): Record<string, RouteCapacity> {
    const summary = this.ledger.summary();
    for (const [route, points] of Object.entries(this.frontiers ?? {})) {
      const entry = summary[route];
      if (entry) entry.frontier = points;
    }
    return summary;
  }

  /** Lines on stderr for limits the forced-in items alone exceed. */
  warnings(): string[] {
    const lines: string[] = [];
    for (const [route, capacity] of Object.entries(this.ledger.summary())) {
      for (const field of capacity.forcedOver ?? []) {
        lines.push(
          `triage: warning: the items forced in (commit: in) on "${route}" need ${capacity.used[field]} ${field}, more than its limit of ${capacity.limit[field]}`,
        );
      }
    }
    return lines;
  }

  async close(): Promise<void> {
    await this.parked.close();
  }
}

/** An item read back gets back the prototype-free values the normaliser gave it. */
function revive(parked: Parked): Parked {
  Object.setPrototypeOf(parked.i.values, null);
  Object.setPrototypeOf(parked.i.extra, null);
  return parked;
}
