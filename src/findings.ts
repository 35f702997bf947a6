/**
 * A finding is one problem in one file, at one place: what `validate` reports and what
 * loaders collect before deciding whether a file can be used.
 */
import type { RuleId } from './rule-ids.js';

export type Severity = 'error' | 'warning';

export interface RelatedLocation {
  file: string;
  line: number;
  column: number;
  message: string;
}

/**
 * `Id` is a catalogued rule id (validate's, and the ids score's warnings share with it) unless
 * a command checks a file of its own kind with ids of its own (weights' `pairwise/...`).
 */
export interface Finding<Id extends string = RuleId> {
  /** Stable id, e.g. `item/duplicate-id`. */
  ruleId: Id;
  severity: Severity;
  /** What is wrong and what would fix it. */
  message: string;
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** Other places the finding involves (the first of two duplicates, say). */
  related?: RelatedLocation[];
  /**
   * What the finding is about when its message does not say: the id of the item whose value is
   * wrong. Part of the finding's identity in CI reports, which must not depend on its line.
   */
  subject?: string;
}

export function isError(finding: Finding): boolean {
  return finding.severity === 'error';
}

/** Sort by file, then position, then rule: the order every format prints. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
  );
}
