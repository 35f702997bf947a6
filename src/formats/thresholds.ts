/**
 * The lines a chart of alignment against transformation should draw: the classification
 * thresholds on the transformation axis, and on the alignment axis every value the routing
 * rules compare alignment with (the bundled set's `alignment >= 50`). Read from the policy,
 * so a principle set with other numbers gets its own lines.
 */
import type { Policy } from '../core/compile.js';
import type { Condition } from '../core/types.js';
import { leafOperator } from '../core/operators.js';
import { leavesOf } from '../core/conditions.js';

export interface ChartLine {
  value: number;
  /** Short words for a label, e.g. `transformational from 60`. */
  label: string;
}

export interface ChartLines {
  /** Horizontal lines (transformation), highest first. */
  transformation: ChartLine[];
  /** Vertical lines (alignment), lowest first. */
  alignment: ChartLine[];
}

/** The threshold lines for a policy. */
export function chartLines(policy: Policy): ChartLines {
  const { transformational, businessAsUsual } = policy.thresholds;
  const transformation: ChartLine[] = [{ value: transformational, label: `transformational from ${transformational}` }];
  if (businessAsUsual !== transformational) {
    transformation.push({ value: businessAsUsual, label: `business as usual below ${businessAsUsual}` });
  }
  const alignment = new Map<number, string[]>();
  for (const rule of policy.set.routing.rules) {
    for (const value of alignmentValues(rule.when)) {
      const rules = alignment.get(value) ?? [];
      if (!rules.includes(rule.id)) rules.push(rule.id);
      alignment.set(value, rules);
    }
  }
  return {
    transformation,
    alignment: [...alignment.entries()]
      .filter(([value]) => value > 0 && value < 100)
      .sort(([a], [b]) => a - b)
      .map(([value, rules]) => ({ value, label: `alignment ${value} (${rules.join(', ')})` })),
  };
}

/** Numbers a condition compares `alignment` with, at any depth: the ends of the ranges its tests require. */
function alignmentValues(condition: Condition): number[] {
  return leavesOf(condition)
    .filter((leaf) => leaf.field === 'alignment')
    .flatMap((leaf) => {
      const { operator, arg } = leafOperator(leaf);
      const literal = operator.literal(leaf.field, arg);
      return literal.kind === 'range' ? [literal.range.lo, literal.range.hi].filter(Number.isFinite) : [];
    });
}
