/**
 * Per-route totals for reports, counting how many items each total is known for, so a board
 * paper can say "£1.2m (5 of 7 costed)" rather than pass off a partial sum as the whole.
 * Built one item at a time and keeping no items, so a report of any size needs little memory.
 */
import type { Policy } from '../core/compile.js';
import type { AssessedItem } from '../core/types.js';

export interface RouteTotals {
  route: string;
  label: string;
  description: string | undefined;
  /** Items routed here. */
  count: number;
  effortWeeks: number;
  /** Items whose `effort_weeks` is known. */
  effortKnown: number;
  costGbp: number;
  /** Items whose `cost_gbp` is known. */
  costKnown: number;
  /** True when a person decided any item here. */
  overridden: boolean;
  /** The reason of the first item here that no person overrode. */
  firstReason: string | undefined;
  /** True once two items not overridden gave different reasons. */
  mixedReasons: boolean;
}

/** Items tallied by route, in the principle set's route order (any other route after, as met). */
export class RouteGroups {
  private readonly groups = new Map<string, RouteTotals>();

  constructor(policy: Policy) {
    for (const route of policy.set.routes) this.groups.set(route.id, emptyTotals(route.id, route.label, route.description));
  }

  /** Count an item in; its route's totals, with `count` now including it. */
  add(result: AssessedItem): RouteTotals {
    const group = this.group(result.assessment.route, result.assessment.routeLabel);
    addTo(group, result);
    return group;
  }

  /** The totals of a route, created (after the set's routes) when it is not one of them. */
  group(route: string, label: string): RouteTotals {
    let group = this.groups.get(route);
    if (!group) {
      group = emptyTotals(route, label, undefined);
      this.groups.set(route, group);
    }
    return group;
  }

  /** Position of a route among the groups: which colour it takes. */
  index(route: string): number {
    let k = 0;
    for (const id of this.groups.keys()) {
      if (id === route) return k;
      k++;
    }
    return k;
  }

  list(): RouteTotals[] {
    return [...this.groups.values()];
  }
}

/**
 * The reason every item here not overridden shares, when they all share one, so a report
 * can say it once for a route rather than on every row.
 */
export function sharedReason(group: RouteTotals): string | undefined {
  return group.mixedReasons ? undefined : group.firstReason;
}

/** Whether the route's table needs a Why column: some row has a reason of its own to give. */
export function needsWhyColumn(group: RouteTotals): boolean {
  return sharedReason(group) === undefined || group.overridden;
}

function emptyTotals(route: string, label: string, description: string | undefined): RouteTotals {
  return {
    route,
    label,
    description,
    count: 0,
    effortWeeks: 0,
    effortKnown: 0,
    costGbp: 0,
    costKnown: 0,
    overridden: false,
    firstReason: undefined,
    mixedReasons: false,
  };
}

function addTo(group: RouteTotals, { item, assessment }: AssessedItem): void {
  group.count++;
  const effort = item.values['effort_weeks'];
  if (typeof effort === 'number') {
    group.effortWeeks += effort;
    group.effortKnown++;
  }
  const cost = item.values['cost_gbp'];
  if (typeof cost === 'number') {
    group.costGbp += cost;
    group.costKnown++;
  }
  if (assessment.overridden) {
    group.overridden = true;
  } else if (!group.mixedReasons) {
    const reason = assessment.reason.trim();
    if (group.firstReason === undefined) group.firstReason = reason;
    else if (reason !== group.firstReason) group.mixedReasons = true;
  }
}

const WHOLE = new Intl.NumberFormat('en-GB');

/** `£1,250,000`, whole pounds. */
export function formatGbp(value: number): string {
  return `£${WHOLE.format(Math.round(value))}`;
}

/** A total with how much of it is known: `26 weeks`, `26 weeks (3 of 4 known)`, or `unknown`. */
export function describeTotal(total: string, known: number, count: number): string {
  if (count === 0) return '—';
  if (known === 0) return 'unknown';
  return known === count ? total : `${total} (${WHOLE.format(known)} of ${WHOLE.format(count)} known)`;
}
