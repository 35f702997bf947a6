/** What the diff views share: an item's side in words, and the matrix's routes in order. */
import type { DiffReport } from '../core/diff-summary.js';
import type { DiffSide } from '../core/diff.js';
import { CLASSIFICATION_SHORT } from './style.js';

/** Labels of routes, by id (from both sets); an id without one shows as itself. */
export type RouteLabels = ReadonlyMap<string, string>;

export function labelOf(labels: RouteLabels, route: string): string {
  return labels.get(route) ?? route;
}

/** `Needs review · transformational · alignment 47 · transformation 75 · not firm`. */
export function sideText(side: DiffSide, labels: RouteLabels): string {
  const parts = [
    labelOf(labels, side.route),
    CLASSIFICATION_SHORT[side.classification] ?? side.classification,
    `alignment ${side.alignment}`,
    `transformation ${side.transformation}`,
  ];
  if (!side.firm) parts.push('not firm');
  return parts.join(' · ');
}

/** Routes of the matrix: those the labels know first, in their order, then any others met. */
export function matrixRoutes(report: DiffReport, labels: RouteLabels): { rows: string[]; columns: string[] } {
  const before = Object.keys(report.summary.matrix);
  const after = [...new Set(Object.values(report.summary.matrix).flatMap((row) => Object.keys(row)))];
  const order = (ids: string[]): string[] => [...[...labels.keys()].filter((id) => ids.includes(id)), ...ids.filter((id) => !labels.has(id))];
  return { rows: order(before), columns: order(after) };
}

/** `3 of 22 items change route, classification or firmness`. */
export function headline(report: DiffReport): string {
  const { total, changed } = report.summary;
  return `${changed} of ${total} ${total === 1 ? 'item changes' : 'items change'} route, classification or firmness`;
}
