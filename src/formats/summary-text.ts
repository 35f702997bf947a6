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
