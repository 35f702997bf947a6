/**
 * Human decisions: a person's chosen route for an item, with a rationale. Applying one keeps
 * the tool's recommendation visible beside it, and flags the decision `stale` when the item
 * has changed since it was made. Pure: the date is passed in.
 */
import { assess, type Answers, type AssessOptions } from './assess.js';
import { routeLabel, type Policy } from './compile.js';
import { DECISION_RULE_ID } from './domain.js';
import type { Assessment, FieldValue, WorkItem } from './types.js';

export interface Decision {
  id: string;
  route: string;
  /** Why; required by `review` when the person disagrees with the tool. */
  rationale?: string;
  /** The route the tool recommended when the decision was made. */
  recommended?: string;
  by?: string;
  /** ISO date-time the decision was made. */
  at?: string;
  /** Answers to criteria questions, by criterion id (`null` = don't know). */
  answers?: Record<string, boolean | null>;
  /** `fingerprintItem` of the item as it was decided. */
  fingerprint?: string;
  /** ISO date (YYYY-MM-DD) after which the decision lapses. */
  expires?: string;
  /** Force the item in or out of its route's capacity; the rest is chosen around it. */
  commit?: 'in' | 'out';
}

export { DECISION_RULE_ID };

/**
 * A short, stable fingerprint of an item's declared values (not pass-through columns, and
 * not the order of its fields): if it changes, the facts a decision was made on changed.
 */
export function fingerprintItem(item: WorkItem): string {
  const names = Object.keys(item.values).sort();
  const canonical = JSON.stringify(names.map((name) => [name, canonicalValue(item.values[name])]));
  return `v1:${hash53(canonical).toString(16).padStart(14, '0')}`;
}

function canonicalValue(value: FieldValue): unknown {
  return Array.isArray(value) ? [...(value as readonly string[])].sort() : value;
}

/** cyrb53: a fast 53-bit string hash; enough to notice a change, not a security measure. */
function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** True when the decision has an `expires` date before `today` (both YYYY-MM-DD). */
export function isExpired(decision: Decision, today: string): boolean {
  return decision.expires !== undefined && decision.expires < today;
}

/** True when the decision recorded a fingerprint and the item no longer matches it. */
export function isStale(decision: Decision, item: WorkItem): boolean {
  return decision.fingerprint !== undefined && decision.fingerprint !== fingerprintItem(item);
}

/**
 * Assess an item with a decision applied: answers first (they change the scores), then the
 * route. An expired decision is ignored. `today` is an ISO date (YYYY-MM-DD).
 */
export function assessWithDecision(policy: Policy, item: WorkItem, decision: Decision | undefined, today: string, options: AssessOptions = {}): Assessment {
  if (!decision || isExpired(decision, today)) return assess(policy, item, options);
  const answers: Answers | undefined = decision.answers;
  const recommended = assess(policy, item, answers ? { ...options, answers } : options);
  return applyDecision(policy, recommended, decision, isStale(decision, item));
}

/**
 * Apply a decision to an assessment, keeping the recommendation beside it. A decision that
 * chose the recommended route confirms it (`overridden: false`); any other overrides it.
 */
export function applyDecision(policy: Policy, assessment: Assessment, decision: Decision, stale: boolean): Assessment {
  const rationale = decision.rationale ?? '';
  const kind = decision.route === assessment.route ? 'confirmed' : 'overridden';
  const verb = kind === 'confirmed' ? 'Confirmed' : 'Decided';
  // A person's route does not wait on missing facts: the decision settles it (a changed item
  // makes the decision stale instead).
  const { missingFacts: _settledByTheDecision, ...rest } = assessment;
  return {
    ...rest,
    firm: true,
    route: decision.route,
    routeLabel: routeLabel(policy, decision.route),
    rule: DECISION_RULE_ID,
    reason: rationale ? `${verb} by ${decision.by ?? 'a person'}: ${rationale}` : `${verb} by ${decision.by ?? 'a person'}.`,
    overridden: kind === 'overridden',
    recommended: {
      route: assessment.route,
      routeLabel: assessment.routeLabel,
      rule: assessment.rule,
      reason: assessment.reason,
    },
    decision: {
      route: decision.route,
      rationale,
      ...(decision.by !== undefined ? { by: decision.by } : {}),
      ...(decision.at !== undefined ? { at: decision.at } : {}),
      stale,
      ...(decision.expires !== undefined ? { expires: decision.expires } : {}),
      kind,
    },
  };
}
