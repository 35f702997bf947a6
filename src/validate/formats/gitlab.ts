/**
 * GitLab Code Quality JSON: an array of `{ description, check_name, fingerprint, severity,
 * location: { path, lines: { begin } } }`, which merge requests show beside the diff.
 */
import { createHash } from 'node:crypto';
import type { Finding } from '../../findings.js';
import type { ValidateFormat } from './types.js';

export interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: 'major' | 'minor';
  location: { path: string; lines: { begin: number } };
}

export const gitlabFormat: ValidateFormat = {
  name: 'gitlab',
  description: 'GitLab Code Quality report (JSON)',
  render(report) {
    const occurrences = new Map<string, number>();
    const issues: CodeQualityIssue[] = report.findings.map((f) => ({
      description: f.message,
      check_name: f.ruleId,
      fingerprint: fingerprint(f, occurrences),
      // GitLab ranks major above minor; errors fail the job, warnings do not.
      severity: f.severity === 'error' ? 'major' : 'minor',
      location: { path: f.file, lines: { begin: f.line } },
    }));
    return `${JSON.stringify(issues, null, 2)}\n`;
  },
};

/**
 * Stable across runs and unaffected by lines moving (GitLab compares fingerprints between
 * branches), yet unique: GitLab shows only the first issue of each fingerprint, so the same
 * message twice in one file is told apart by its occurrence.
 */
function fingerprint(finding: Finding, occurrences: Map<string, number>): string {
  const key = `${finding.file}\u0000${finding.ruleId}\u0000${finding.message}`;
  const count = (occurrences.get(key) ?? 0) + 1;
  occurrences.set(key, count);
  return createHash('md5').update(`${key}\u0000${count}`).digest('hex');
}
