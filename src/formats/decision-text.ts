/** A person's decision in words, for the terminal and reports. Pure. */
import type { Policy } from '../core/compile.js';
import type { Assessment } from '../core/types.js';

/**
 * `Overridden by Asha on 2025-03-04: Council rather than Needs review, because "…"` and
 * whether it is stale or has expired. For an assessment that carries a decision.
 */
export function decisionText(policy: Policy, a: Assessment, today?: string): string {
  const d = a.decision;
  if (!d) return '';
  const label = (id: string): string => policy.routes.get(id)?.label ?? id;
  const who = d.by ? ` by ${d.by}` : '';
  const when = d.at ? ` on ${d.at.slice(0, 10)}` : '';
  const what =
    d.kind === 'confirmed'
      ? `Confirmed${who}${when}: ${label(d.route)}`
      : `Overridden${who}${when}: ${label(d.route)} rather than ${label(a.recommended?.route ?? d.route)}`;
  const why = d.rationale ? `, because "${d.rationale}"` : ', no rationale given';
  const state = [
    d.stale ? 'STALE: the item has changed since' : '',
    d.expires ? (today !== undefined && d.expires < today ? `EXPIRED on ${d.expires}` : `expires ${d.expires}`) : '',
  ].filter(Boolean);
  return `${what}${why}${state.length > 0 ? ` (${state.join('; ')})` : ''}`;
}

/**
 * An item's place in its body's capacity in words: `Capacity: fits within The Union's capacity
 * for 2026-27`, or, for work that did not fit, where it went instead and why. Empty for an item
 * on a route without a capacity.
 */
export function capacityText(a: Assessment): string {
  const c = a.capacity;
  if (!c) return '';
  if (c.fits) return `Capacity: ${c.because}`;
  const from = a.recommended ? ` rather than ${a.recommended.routeLabel}` : '';
  return `Capacity: does not fit, so ${a.routeLabel}${from} (rule ${a.rule}): ${c.because}`;
}
