/** The principle set in words: what counts, how much, and where work goes. */
import type { Policy } from '../core/compile.js';
import { printable } from '../core/printable.js';
import { leafOperator } from '../core/operators.js';
import type { Condition } from '../core/types.js';
import { formatNumber, paintRoute, painter } from './style.js';

export function renderPrinciples(policy: Policy, file: string, color: boolean): string {
  const c = painter(color);
  const { set } = policy;
  const out: string[] = [`${c.bold(set.organisation)}  ${c.dim(file)}`];
  if (set.description) out.push(set.description.trim());
  out.push('', c.bold('Principles') + c.dim('  (alignment = weighted mean of principle scores; a score is the share of its criteria points met)'));
  for (const p of policy.principles) {
    const share = Math.round((100 * p.weight) / policy.totalWeight);
    out.push(`  ${c.bold(p.title)} ${c.dim(`[${p.id}]`)}  weight ${formatNumber(p.weight)} (${share}% of alignment)`);
    const spec = set.principles.find((s) => s.id === p.id);
    for (const criterion of spec?.criteria ?? []) {
      out.push(`    ${formatNumber(criterion.points)} pt  ${criterion.ask}  ${c.dim(`when ${describeCondition(criterion.when)}`)}`);
    }
  }
  const { transformational, businessAsUsual } = policy.thresholds;
  out.push('', c.bold('Transformation signals') + c.dim('  (points are summed and kept within 0-100)'));
  for (const s of set.transformation.signals) {
    const points = s.points > 0 ? `+${formatNumber(s.points)}` : formatNumber(s.points);
    out.push(`  ${points.padStart(4)}  ${s.id}${s.description ? `: ${s.description}` : ''}  ${c.dim(`when ${describeCondition(s.when)}`)}`);
  }
  out.push(
    `  transformational from ${transformational}; borderline from ${businessAsUsual}, or when strong signals of change are cancelled by business-as-usual ones; business as usual below ${businessAsUsual}`,
  );
  out.push('', c.bold('Routing') + c.dim('  (in order; the first rule that matches decides)'));
  set.routing.rules.forEach((rule, i) => {
    out.push(`  ${i + 1}. ${rule.id} ${paintRoute(c, rule.route, `→ ${rule.route}`)}  ${c.dim(`when ${describeCondition(rule.when)}`)}`);
    out.push(`     ${rule.reason.trim()}`);
  });
  out.push(`  otherwise ${paintRoute(c, policy.defaultRoute, `→ ${policy.defaultRoute}`)}: ${policy.defaultReason.trim()}`);
  out.push('', c.bold('Routes'));
  for (const route of set.routes)
    out.push(`  ${paintRoute(c, route.id, route.id.padEnd(12))} ${route.label}${route.description ? c.dim(`  ${route.description}`) : ''}`);
  return printable(`${out.join('\n')}\n`, { lines: true, colour: color });
}

/** A condition in one line of words, as traces word its tests. */
export function describeCondition(condition: Condition): string {
  if ('all' in condition) return condition.all.map(describeCondition).join(' and ');
  if ('any' in condition) return `(${condition.any.map(describeCondition).join(' or ')})`;
  if ('not' in condition) return `not (${describeCondition(condition.not)})`;
  const { operator, arg } = leafOperator(condition);
  return operator.describe(condition.field, arg);
}
