/**
 * Which items need a person: those the tool routes to review, those it is not confident
 * about, or all of them; never one already decided, unless the decision has lapsed or the
 * item has changed since it was made. Pure.
 */
import { assess } from '../core/assess.js';
import type { Policy } from '../core/compile.js';
import { isExpired, isStale, type Decision } from '../core/decisions.js';
import { isReviewRoute } from '../core/suggest.js';
import type { Assessment, WorkItem } from '../core/types.js';

export interface QueueOptions {
  /** Queue every item not yet decided. */
  all?: boolean;
  /** Queue items whose route the missing facts could still change. */
  unsettled?: boolean;
  /** Queue items whose confidence is below this (0-1). */
  minConfidence: number;
  /** Today, YYYY-MM-DD, for decisions that expire. */
  today: string;
}

export interface QueueEntry {
  item: WorkItem;
  /** The tool's assessment, without answers. */
  assessment: Assessment;
  /** Why the item is in the queue, in words. */
  why: string;
  /** A decision on file that no longer holds (the item changed since, or it expired). */
  previous?: { decision: Decision; state: 'stale' | 'expired' };
}

/** The items to review, in input order. `decided` looks up a decision on file by item id. */
export function buildQueue(policy: Policy, items: Iterable<WorkItem>, decided: (id: string) => Decision | undefined, options: QueueOptions): QueueEntry[] {
  const queue: QueueEntry[] = [];
  for (const item of items) {
    const assessment = assess(policy, item);
    const decision = decided(item.id);
    const expired = decision !== undefined && isExpired(decision, options.today);
    if (decision && !expired) {
      // A decision made on facts that have changed since is worth a second look.
      if (isStale(decision, item)) queue.push({ item, assessment, why: 'the item has changed since it was decided', previous: { decision, state: 'stale' } });
      continue;
    }
    const why = reasonToReview(assessment, options);
    if (why === undefined) continue;
    queue.push({ item, assessment, why, ...(decision ? { previous: { decision, state: 'expired' as const } } : {}) });
  }
  return queue;
}

function reasonToReview(assessment: Assessment, options: QueueOptions): string | undefined {
  if (isReviewRoute(assessment.route)) return `routed to ${assessment.routeLabel}`;
  if (assessment.confidence < options.minConfidence) {
    return `confidence ${assessment.confidence.toFixed(2)} is below ${options.minConfidence}`;
  }
  if (options.unsettled && !assessment.firm) return `not settled: ${(assessment.missingFacts ?? []).join(', ')} could change the route`;
  return options.all ? 'reviewing all items (--all)' : undefined;
}
