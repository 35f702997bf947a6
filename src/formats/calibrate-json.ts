/** `triage calibrate --format json`: `{ meta, agreement: { before, after, leaveOneOut }, matrix, changes, moved }` (contract keys first). */
import type { CalibrationReport } from './calibrate-words.js';

export function renderCalibrationJson(report: CalibrationReport): string {
  const { meta, agreement, matrix, changes, moved, ...rest } = report;
  return `${JSON.stringify({ meta, agreement, matrix, changes, moved, ...rest }, null, 2)}\n`;
}
