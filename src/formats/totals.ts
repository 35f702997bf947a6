/**
 * Items by route for reports, and the totals the principle set declares (`totals:`), with how
 * many items each total is known for, so a board paper can say "£1.2m (5 of 7 known)" rather
 * than pass off a partial sum as the whole. The sums come from the run's summary; the groups
 * are built one item at a time and keep no items, so a report of any size needs little memory.
 */
import type { Policy } from '../core/compile.js';
import { settle, type Summary } from '../core/summary.js';
import type { AssessedItem, TotalSpec } from '../core/types.js';
import { formatNumber } from './style.js';

export interface RouteTotals {
  route: string;
  label: string;
  description: string | undefined;
  /** Items routed here. */
  count: number;
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
    overridden: false,
    firstReason: undefined,
    mixedReasons: false,
  };
}

function addTo(group: RouteTotals, { assessment }: AssessedItem): void {
  group.count++;
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

/** A total's sum and how many items it is known for. */
export interface Tally {
  sum: number;
  known: number;
}

/** A route's tally of one declared total, from the summary (nothing known when the route has no items). */
export function routeTally(summary: Summary, route: string, field: string): Tally {
  const total = summary.routes[route]?.totals[field];
  return total ? { sum: total.sum, known: total.known } : { sum: 0, known: 0 };
}

/** One declared total over every route. */
export function grandTally(summary: Summary, field: string): Tally {
  let sum = 0;
  let known = 0;
  for (const route of Object.values(summary.routes)) {
    const total = route.totals[field];
    if (total) {
      sum += total.sum;
      known += total.known;
    }
  }
  return { sum: settle(sum), known };
}

/** Whether a unit is an ISO currency code (`GBP`, `EUR`), shown as money. */
export function isCurrency(unit: string | undefined): boolean {
  if (unit === undefined || !/^[A-Z]{3}$/.test(unit)) return false;
  try {
    new Intl.NumberFormat('en-GB', { style: 'currency', currency: unit });
    return true;
  } catch {
    return false;
  }
}

const money = new Map<string, Intl.NumberFormat>();

function moneyFormat(currency: string): Intl.NumberFormat {
  let format = money.get(currency);
  if (!format) {
    format = new Intl.NumberFormat('en-GB', { style: 'currency', currency, minimumFractionDigits: 0, maximumFractionDigits: 0 });
    money.set(currency, format);
  }
  return format;
}

/** `£` for GBP, `€` for EUR, `US$` for USD: the sign a currency is written with in en-GB. */
export function currencySign(currency: string): string {
  return (
    moneyFormat(currency)
      .formatToParts(0)
      .find((part) => part.type === 'currency')?.value ?? currency
  );
}

/**
 * A value of a total: money in whole units (`£1,250,000`), else the number, with its unit when
 * `withUnit` (`26 weeks`) and the unit is not already in the heading.
 */
export function formatTotal(value: number, spec: TotalSpec, withUnit: boolean): string {
  if (spec.unit !== undefined && isCurrency(spec.unit)) return moneyFormat(spec.unit).format(Math.round(value));
  return withUnit && spec.unit ? `${formatNumber(value)} ${spec.unit}` : formatNumber(value);
}

/** A total's column heading where the cells carry no unit: `Effort (weeks)`; money: `Cost`. */
export function totalHeading(spec: TotalSpec): string {
  return spec.unit && !isCurrency(spec.unit) ? `${spec.label} (${spec.unit})` : spec.label;
}

/** A short heading for an item's value, in a narrow column: the unit (`Weeks`), else the label (`Cost`). */
export function totalShortHeading(spec: TotalSpec): string {
  return spec.unit && !isCurrency(spec.unit) ? spec.unit.charAt(0).toUpperCase() + spec.unit.slice(1) : spec.label;
}
