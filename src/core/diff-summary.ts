/**
 * A whole diff: how many items were compared, how many changed, and the from -> to matrix of
 * routes (unchanged items on its diagonal), built one item at a time. Pure.
 */
import type { ItemChange } from './diff.js';

export interface DiffSummary {
  total: number;
  changed: number;
  /** Items by route before, then route after: `{ union: { review: 2 } }`. Counts above zero only. */
  matrix: Record<string, Record<string, number>>;
  /** Of the changes: how many changed route, classification and firmness (an item may count in several). */
  routeChanged: number;
  classificationChanged: number;
  firmChanged: number;
  /** Saved runs only: items in one run and not the other (not counted in `total`). */
  onlyBefore?: number;
  onlyAfter?: number;
}

export class DiffBuilder {
  private readonly summary: DiffSummary = { total: 0, changed: 0, matrix: {}, routeChanged: 0, classificationChanged: 0, firmChanged: 0 };
  // Route ids from a saved run are data: kept in maps, never as keys of a plain object being filled.
  private readonly matrix = new Map<string, Map<string, number>>();
  readonly changes: ItemChange[] = [];

  /** Count an item compared; `change` when its route, classification or firmness differ. */
  add(routeBefore: string, routeAfter: string, change: ItemChange | undefined): void {
    const s = this.summary;
    s.total++;
    let row = this.matrix.get(routeBefore);
    if (!row) this.matrix.set(routeBefore, (row = new Map<string, number>()));
    row.set(routeAfter, (row.get(routeAfter) ?? 0) + 1);
    if (!change) return;
    s.changed++;
    if (change.before.route !== change.after.route) s.routeChanged++;
    if (change.before.classification !== change.after.classification) s.classificationChanged++;
    if (change.before.firm !== change.after.firm) s.firmChanged++;
    this.changes.push(change);
  }

  /** Items only one saved run holds. */
  unmatched(onlyBefore: number, onlyAfter: number): void {
    this.summary.onlyBefore = onlyBefore;
    this.summary.onlyAfter = onlyAfter;
  }

  result(): DiffSummary {
    const matrix = Object.fromEntries([...this.matrix].map(([from, row]) => [from, Object.fromEntries(row)]));
    return { ...this.summary, matrix };
  }
}

/** Where each side of a diff came from. */
export interface DiffSource {
  /** The principle set (`git:REV:path` for a revision), or the saved run. */
  file: string;
  hash?: string;
  organisation?: string;
}

export interface DiffMeta {
  tool: { name: string; version: string };
  from: DiffSource;
  to: DiffSource;
  /** Item files compared (none when comparing saved runs). */
  inputs: string[];
  generatedAt: string;
}

/** What `triage diff` reports (the JSON keys are contract). */
export interface DiffReport {
  meta: DiffMeta;
  summary: DiffSummary;
  changes: ItemChange[];
  /** Saved runs only: ids in one run and not the other. */
  unmatched?: { before: string[]; after: string[] };
}
