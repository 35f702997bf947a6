/**
 * The sink of a format that draws everything at once (a terminal table, a chart): it keeps
 * only what the drawing needs from each item, up to a limit, and draws at the end.
 */
import type { Summary } from '../core/summary.js';
import type { AssessedItem } from '../core/types.js';
import type { Sink } from './types.js';

/**
 * Keep `keep(result)` for each of the first `limit` items; at the end, `draw` gets them and
 * the summary of every item (so `summary.total - kept.length` were left out).
 */
export function collectingSink<T>(keep: (result: AssessedItem) => T, draw: (kept: readonly T[], summary: Summary) => string, limit = Infinity): Sink {
  const kept: T[] = [];
  return {
    write(result) {
      if (kept.length < limit) kept.push(keep(result));
      return undefined;
    },
    end: (summary) => draw(kept, summary),
  };
}
