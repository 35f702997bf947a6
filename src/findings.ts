/**
 * A finding is one problem in one file, at one place: what `validate` reports and what
 * loaders collect before deciding whether a file can be used.
 */
export type Severity = 'error' | 'warning';

export interface RelatedLocation {
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface Finding {
  /** Stable id, e.g. `item/duplicate-id`. */
  ruleId: string;
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
