/**
 * GitLab Code Quality JSON: an array of `{ description, check_name, fingerprint, severity,
 * location: { path, lines: { begin } } }`, the fields GitLab documents as the ones it reads,
 * which merge requests show beside the diff. Paths are relative to the root (the repository's
 * top folder), as GitLab matches them against the files of the merge request.
 */
import { fingerprints } from './fingerprint.js';
import { pathsIn, type ValidateFormat } from './types.js';

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
  render(report, context) {
    const path = pathsIn(context);
    // GitLab compares fingerprints between the merge request and its target branch, and shows
    // issues with one fingerprint as one: each must stay put when lines move, and be unique.
    const prints = fingerprints(report.findings, path);
    const issues: CodeQualityIssue[] = report.findings.map((f, i) => ({
      description: f.message,
      check_name: f.ruleId,
      fingerprint: prints[i] as string,
      // GitLab ranks major above minor; errors fail the job, warnings do not.
      severity: f.severity === 'error' ? 'major' : 'minor',
      location: { path: path(f.file), lines: { begin: f.line } },
    }));
    return `${JSON.stringify(issues, null, 2)}\n`;
  },
};
