/** What the calibration views share: the report they render, and its figures in words. */
import type { Agreement, OverruledRule } from '../core/calibrate/agreement.js';
import type { CalibrationResult, MovedItem, ValidationMethod, VariedParameter } from '../core/calibrate/calibrate.js';
import type { Move } from '../core/calibrate/search.js';
import { formatNumber } from './style.js';

/** The report `triage calibrate` prints (JSON keys: `meta`, `agreement`, `matrix`, `changes`, `moved` are the contract). */
export interface CalibrationReport {
  meta: {
    tool: { name: string; version: string };
    principles: { file: string; hash: string; organisation: string };
    inputs: string[];
    decisions: string;
    generatedAt: string;
    /** The parameters that were free to move. */
    vary: string[];
    /** The most each could move, in percent of its value; null for its whole range. */
    maxChange: number | null;
    maxSteps: number;
    /** Decisions used, and those left out: expired, made on an item that has changed since (stale), or naming no item read. */
    decided: number;
    skipped: { expired: number; stale: number; unmatched: number };
  };
  agreement: {
    /** Shares of the decided items, 0-1. */
    before: number;
    after: number;
    leaveOneOut: number;
    decided: number;
    agreed: { before: number; after: number; leaveOneOut: number };
    /** How `leaveOneOut` was found: each item held out in turn, or k folds. */
    validation: { method: ValidationMethod; folds: number };
    byRoute: Array<{ route: string; decided: number; before: number; after: number }>;
  };
  /** Recommended (rows) by decided (columns), with the set as it is. */
  matrix: Agreement['matrix'];
  changes: Array<{ parameter: string; from: number; to: number; name: string; line?: number }>;
  moved: Array<{ id: string; from: string; to: string; title: string; decided: string }>;
  /** The same matrix with the proposed values. */
  matrixAfter: Agreement['matrix'];
  /** Rules whose recommendations people overrode, most often first. */
  overruled: OverruledRule[];
  steps: Move[];
  varied: VariedParameter[];
  /** The change to the principle set as a unified diff ('' when nothing changes). */
  diff: string;
}

export type CalibrationMeta = Omit<CalibrationReport['meta'], 'decided'>;

/** The report from a calibration's result, where it came from, and the change as text. */
export function calibrationReport(result: CalibrationResult, meta: CalibrationMeta, diff: string, lines: ReadonlyMap<string, number>): CalibrationReport {
  const { before, after, validation } = result;
  const afterByRoute = new Map(after.byRoute.map((r) => [r.route, r.agreed]));
  const { skipped, ...source } = meta;
  return {
    meta: { ...source, decided: before.decided, skipped },
    agreement: {
      before: before.share,
      after: after.share,
      leaveOneOut: validation.share,
      decided: before.decided,
      agreed: { before: before.agreed, after: after.agreed, leaveOneOut: validation.agreed },
      validation: { method: validation.method, folds: validation.folds },
      byRoute: before.byRoute.map((r) => ({ route: r.route, decided: r.decided, before: r.agreed, after: afterByRoute.get(r.route) ?? 0 })),
    },
    matrix: before.matrix,
    changes: result.changes.map((c) => {
      const line = lines.get(c.parameter);
      return { parameter: c.parameter, from: c.from, to: c.to, name: c.name, ...(line !== undefined ? { line } : {}) };
    }),
    moved: result.moved.map((m: MovedItem) => ({ id: m.id, from: m.from, to: m.to, title: m.title, decided: m.decided })),
    matrixAfter: after.matrix,
    overruled: before.overruled,
    steps: result.steps.slice(),
    varied: result.varied,
    diff,
  };
}

/** `15 of 22` and `68.2%`. */
export function shareWords(agreed: number, decided: number): { count: string; percent: string } {
  // Rounded to a tenth, but never to 100% while one disagrees, nor to 0% while one agrees.
  const tenths = decided === 0 ? 0 : Math.min(agreed < decided ? 999 : 1000, Math.max(agreed > 0 ? 1 : 0, Math.round((1000 * agreed) / decided)));
  const percent = decided === 0 ? '–' : `${(tenths / 10).toFixed(1)}%`;
  return { count: `${formatNumber(agreed)} of ${formatNumber(decided)}`, percent };
}

/** How the held-out figure was found, in words. */
export function validationWords(report: CalibrationReport): string {
  const { method, folds } = report.agreement.validation;
  const n = report.agreement.decided;
  if (method === 'leave-one-out')
    return n === 1 ? 'the one item predicted with no other decision to learn from' : `each item predicted by a calibration on the other ${n - 1}`;
  return `items 1, ${folds + 1}, ${2 * folds + 1}, … held out together, each fold predicted by a calibration on the others`;
}

/** `weights, points and thresholds`, `thresholds.transformational`, as the run was bounded. */
export function boundsWords(report: CalibrationReport): string {
  const { maxChange } = report.meta;
  return maxChange === null ? 'anywhere in its range' : `within ±${String(Number(maxChange.toPrecision(6)))}% of its value`;
}
