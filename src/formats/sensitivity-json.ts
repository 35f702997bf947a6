/** `triage sensitivity --format json`: `{ meta, parameters: [{ id, value, stable, flips }], items, within? }` (contract keys first). */
import type { SensitivityReport } from './sensitivity-words.js';

export function renderSensitivityJson(report: SensitivityReport): string {
  const { meta, parameters, items, within } = report;
  return `${JSON.stringify({ meta, parameters, items, ...(within ? { within } : {}) }, null, 2)}\n`;
}
