/**
 * The result of a validation run: the files checked and every finding, in the one order
 * all formats print (file as checked, then line, column and rule). Formats render only this.
 */
import type { Finding } from '../findings.js';
import type { FileKind, SourceFormat } from './rules.js';

export interface CheckedFile {
  /** The name findings use. */
  file: string;
  kind: FileKind;
  format: SourceFormat;
}

export interface ValidationReport {
  files: CheckedFile[];
  findings: Finding[];
  /** Files found in folders that hold none of our keys (configs, schemas), left alone. */
  skipped: string[];
}

export interface FileResult extends CheckedFile {
  findings: Finding[];
  errorCount: number;
  warningCount: number;
}

/** Order findings by file (as checked), then position and rule. */
export function sortFindings(findings: readonly Finding[], files: readonly CheckedFile[]): Finding[] {
  const rank = new Map(files.map((f, i) => [f.file, i]));
  const order = (file: string): number => rank.get(file) ?? files.length;
  return [...findings].sort(
    (a, b) =>
      order(a.file) - order(b.file) ||
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.column - b.column ||
      (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
}

/** Each checked file with its findings and counts, in report order. */
export function byFile(report: ValidationReport): FileResult[] {
  const results = new Map<string, FileResult>();
  for (const file of report.files) results.set(file.file, { ...file, findings: [], errorCount: 0, warningCount: 0 });
  for (const finding of report.findings) {
    let result = results.get(finding.file);
    if (!result) {
      result = { file: finding.file, kind: 'items', format: 'yaml', findings: [], errorCount: 0, warningCount: 0 };
      results.set(finding.file, result);
    }
    result.findings.push(finding);
    if (finding.severity === 'error') result.errorCount++;
    else result.warningCount++;
  }
  return [...results.values()];
}

export interface Totals {
  files: number;
  errors: number;
  warnings: number;
}

export function totals(report: ValidationReport): Totals {
  const errors = report.findings.filter((f) => f.severity === 'error').length;
  return { files: report.files.length, errors, warnings: report.findings.length - errors };
}

/** `3 problems (2 errors, 1 warning)` */
export function problemsText({ errors, warnings }: Totals): string {
  const problems = errors + warnings;
  return `${problems} ${plural(problems, 'problem')} (${errors} ${plural(errors, 'error')}, ${warnings} ${plural(warnings, 'warning')})`;
}

export function plural(count: number, word: string): string {
  return count === 1 ? word : `${word}s`;
}
