/** `triage diff --format json`: `{ meta, summary: { total, changed, matrix }, changes }` (contract). */
import type { DiffReport } from '../core/diff-summary.js';

export function renderDiffJson(report: DiffReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
