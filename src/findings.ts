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
export function compareFindings(a: Finding<string>, b: Finding<string>): number {
  return (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}

/** Where, how serious, what and which rule, in one line: `file:line:column: severity: message [rule]`. */
export function findingLine(finding: Finding<string>): string {
  return `${finding.file}:${finding.line}:${finding.column}: ${finding.severity}: ${finding.message} [${finding.ruleId}]`;
}

/**
 * The one printer for a file's problems on a terminal's error stream (an unusable principle set,
 * decisions file or comparisons file): sorted as validate sorts them, each with its severity, and
 * at most `limit` of them, then a line saying how many more there are and how to list them all.
 */
export function findingLines(findings: ReadonlyArray<Finding<string>>, limit: number): string[] {
  const sorted = [...findings].sort(compareFindings);
  const lines = sorted.slice(0, limit).map(findingLine);
  const more = sorted.length - limit;
  if (more > 0) lines.push(`… and ${more} more problem(s); run "triage validate ${sorted[0]?.file ?? ''}" to list them all`);
  return lines;
}
