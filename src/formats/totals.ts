/**
 * Per-route totals for reports, counting how many items each total is known for, so a board
 * paper can say "£1.2m (5 of 7 costed)" rather than pass off a partial sum as the whole.
 */
import type { Policy } from '../core/compile.js';
import type { AssessedItem } from '../core/types.js';

export interface RouteTotals {
  route: string;
  label: string;
  description: string | undefined;
  items: AssessedItem[];
  effortWeeks: number;
  /** Items whose `effort_weeks` is known. */
  effortKnown: number;
  costGbp: number;
  /** Items whose `cost_gbp` is known. */
  costKnown: number;
}

/** Items grouped by route, in the principle set's route order, with their totals. */
export function totalsByRoute(policy: Policy, results: readonly AssessedItem[]): RouteTotals[] {
  const groups = new Map<string, RouteTotals>();
  for (const route of policy.set.routes) groups.set(route.id, emptyTotals(route.id, route.label, route.description));
  for (const result of results) {
    const { route, routeLabel } = result.assessment;
    let group = groups.get(route);
    if (!group) {
      group = emptyTotals(route, routeLabel, undefined);
      groups.set(route, group);
    }
    add(group, result);
  }
  return [...groups.values()];
}

function emptyTotals(route: string, label: string, description: string | undefined): RouteTotals {
  return { route, label, description, items: [], effortWeeks: 0, effortKnown: 0, costGbp: 0, costKnown: 0 };
}

function add(group: RouteTotals, result: AssessedItem): void {
  group.items.push(result);
  const effort = result.item.values['effort_weeks'];
  if (typeof effort === 'number') {
    group.effortWeeks += effort;
    group.effortKnown++;
  }
  const cost = result.item.values['cost_gbp'];
  if (typeof cost === 'number') {
    group.costGbp += cost;
    group.costKnown++;
  }
}

/** `£1,250,000`, whole pounds. */
export function formatGbp(value: number): string {
  return `£${Math.round(value).toLocaleString('en-GB')}`;
}

/** A total with how much of it is known: `26 weeks`, `26 weeks (3 of 4 known)`, or `unknown`. */
export function describeTotal(total: string, known: number, count: number): string {
  if (count === 0) return '—';
  if (known === 0) return 'unknown';
  return known === count ? total : `${total} (${known} of ${count} known)`;
}
