/** Lines about a run's summary that several formats share. Pure. */
import type { Summary } from '../core/summary.js';
import { formatNumber } from './style.js';

/** `3 not settled (marked ?): chase lead (2), evidence (1)`: the data that would settle them. */
export function unsettledLine(summary: Summary): string {
  const chase = Object.entries(summary.chase)
    .sort(([, a], [, b]) => b - a)
    .slice(0, 5)
    .map(([field, n]) => `${field} (${formatNumber(n)})`);
  return `${formatNumber(summary.unsettled)} not settled (marked ?): a missing fact could change the route; chase ${chase.join(', ')}`;
}
