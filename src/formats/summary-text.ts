/** Lines about a run's summary that several formats share. Pure. */
import type { Summary } from '../core/summary.js';
import { formatNumber } from './style.js';

/**
 * `3 not settled (marked ?): chase lead (2), evidence (1)`: the data that would settle them.
 * Without `marks`, for outputs that mark nothing, the `(marked ?)` is left out.
 */
export function unsettledLine(summary: Summary, marks = true): string {
  return unsettledParts(summary, marks).join(' ');
}

/** The unsettled line in pieces a line may break between (a field stays with its count). */
export function unsettledParts(summary: Summary, marks = true): string[] {
  const chase = Object.entries(summary.chase)
    .sort(([, a], [, b]) => b - a)
    .slice(0, 5)
    .map(([field, n], k, all) => `${field} (${formatNumber(n)})${k < all.length - 1 ? ',' : ''}`);
  const lead = `${formatNumber(summary.unsettled)} not settled${marks ? ' (marked ?)' : ''}:`;
  return [...lead.split(' '), ...'a missing fact could change the route; chase'.split(' '), ...chase];
}

/**
 * `Missing data: lead 244 of 244 items, cost_gbp 49`: the fields the principle set reads that
 * some items have no value for, most missing first, with the cells `--lenient` read as
 * unknown; empty when nothing is missing.
 */
export function missingLine(summary: Summary): string {
  return missingParts(summary).join(' ');
}

/** The missing-data line in pieces a line may break between (a field stays with its count). */
export function missingParts(summary: Summary): string[] {
  const missing = Object.entries(summary.missing ?? {})
    .filter(([, n]) => n > 0)
    .sort(([, a], [, b]) => b - a);
  const unread = summary.unreadCells ?? 0;
  if (missing.length === 0 && unread === 0) return [];
  const parts: string[] = [];
  if (missing.length > 0) {
    parts.push('Missing', 'data:');
    missing.forEach(([field, n], k) => {
      const of = k === 0 ? ` of ${formatNumber(summary.total)} ${summary.total === 1 ? 'item' : 'items'}` : '';
      parts.push(`${field} ${formatNumber(n)}${of}${k < missing.length - 1 ? ',' : unread > 0 ? ';' : ''}`);
    });
  }
  if (unread > 0) parts.push(...`${formatNumber(unread)} unreadable ${unread === 1 ? 'cell' : 'cells'} read as unknown (--lenient)`.split(' '));
  return parts;
}
