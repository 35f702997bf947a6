/**
 * One item's assessment in words and numbers: every criterion, every signal, every rule
 * tried and why it did or did not decide the route. Renders the trace `assess` returns.
 */
import { capacityText } from './decision-text.js';
import type { ChalkInstance } from 'chalk';
import { describeValue } from '../core/conditions.js';
import type { Policy } from '../core/compile.js';
import { printable, printableData } from '../core/printable.js';
import type { Assessment, AssessmentTrace, ConditionTrace, Tri, WorkItem } from '../core/types.js';
import { bar, formatNumber, paintRoute, painter } from './style.js';

export interface ExplainInput {
  policy: Policy;
  item: WorkItem;
  assessment: Assessment;
  trace: AssessmentTrace;
}

/** The full explanation (`explain --full`): every criterion, signal and rule, with its test. */
export function renderFullExplanation(input: ExplainInput, color: boolean): string {
  const c = painter(color);
  // Item text is escaped before it is coloured; the principle set's text is checked on load.
  const { policy } = input;
  const { item, assessment: a, trace } = printableData({ item: input.item, assessment: input.assessment, trace: input.trace });
  const out: string[] = [];
  const where = item.source ? c.dim(`  (${item.source.file}:${item.source.line})`) : '';
  out.push(`${c.bold(a.id)}  ${a.title}${where}`);
  for (const line of describeItem(item)) out.push(c.dim(`  ${line}`));
  out.push('');
  out.push(`Route: ${paintRoute(c, a.route, a.routeLabel)}  ${c.dim(`rule ${a.rule}`)}`);
  out.push(`  ${a.reason}`);
  if (a.overridden && a.recommended && a.decision) {
    out.push(`  Decided by a person${a.decision.by ? ` (${a.decision.by})` : ''}: ${a.decision.rationale || 'no rationale given'}`);
    out.push(
      `  The tool recommended ${a.recommended.routeLabel} (rule ${a.recommended.rule}).${a.decision.stale ? ' The item has changed since: the decision is stale.' : ''}`,
    );
  }
  if (a.capacity) out.push(`  ${capacityText(a)}`);
  out.push('');
  out.push(...alignmentSection(c, policy, a, trace));
  out.push('');
  out.push(...transformationSection(c, policy, a, trace));
  out.push('');
  out.push(
    `${c.bold('Confidence')} ${a.confidence.toFixed(2)}  ${c.dim('share of criteria and signals the data could decide; unknown ones count as not met')}`,
  );
  out.push('');
  out.push(...routingSection(c, policy, a, trace));
  // Titles, values, reasons: all from files; none of it may drive the terminal.
  return printable(`${out.join('\n')}\n`, { lines: true, colour: color });
}

function alignmentSection(c: ChalkInstance, policy: Policy, a: Assessment, trace: AssessmentTrace): string[] {
  const out = [`${c.bold('Alignment')} ${a.alignment}/100 ${bar(a.alignment)}  ${c.dim('weighted mean of principle scores')}`];
  for (const score of a.principles) {
    const principle = policy.principles.find((p) => p.id === score.id);
    out.push(
      `  ${principle?.title ?? score.id}  ${c.dim(`weight ${formatNumber(score.weight)}/${formatNumber(policy.totalWeight)}`)}  score ${score.score}  → ${formatNumber(score.contribution)}`,
    );
    for (const criterion of score.criteria) {
      const spec = principle?.criteria.find((k) => k.id === criterion.id);
      const test = trace.criteria[criterion.id];
      const answered = criterion.answered ? c.dim(' (answered in review)') : '';
      out.push(`    ${mark(c, criterion.met)} ${criterion.id} ${c.dim(`(${formatNumber(criterion.points)} pt)`)}${answered}`);
      if (spec) out.push(`        ${c.dim(spec.ask)}`);
      if (test) out.push(...conditionLines(c, test, 8));
    }
  }
  return out;
}

function transformationSection(c: ChalkInstance, policy: Policy, a: Assessment, trace: AssessmentTrace): string[] {
  const { transformational, businessAsUsual } = policy.thresholds;
  const out = [
    `${c.bold('Transformation')} ${a.transformation}/100 ${bar(a.transformation)}  → ${c.bold(a.classification)}`,
    `  ${trace.classificationReason} ${c.dim(`(thresholds: business as usual below ${businessAsUsual}, transformational from ${transformational})`)}`,
  ];
  for (const signal of a.signals) {
    const spec = policy.signals.find((s) => s.id === signal.id);
    const points = signal.points > 0 ? `+${formatNumber(signal.points)}` : formatNumber(signal.points);
    const shown = signal.met === true ? c.bold(points.padStart(4)) : c.dim(points.padStart(4));
    out.push(`  ${mark(c, signal.met)} ${shown} ${signal.id}${spec?.description ? c.dim(`  ${spec.description}`) : ''}`);
    const test = trace.signals[signal.id];
    if (test) out.push(...conditionLines(c, test, 8));
  }
  out.push(
    `  sum: +${formatNumber(trace.positivePoints)} ${formatNumber(trace.negativePoints)} = ${formatNumber(trace.positivePoints + trace.negativePoints)}, kept within 0-100`,
  );
  return out;
}

function routingSection(c: ChalkInstance, policy: Policy, a: Assessment, trace: AssessmentTrace): string[] {
  const out = [`${c.bold('Routing')}  ${c.dim('rules in order; the first that matches decides')}`];
  for (const rule of trace.rules) {
    const target = paintRoute(c, rule.route, `→ ${rule.route}`);
    const label =
      rule.outcome === 'matched'
        ? c.green('matched')
        : rule.outcome === 'not-matched'
          ? 'did not match'
          : rule.outcome === 'unknown'
            ? c.yellow('could not tell (a field it needs is unknown)')
            : c.dim(`not reached${rule.wouldMatch === true ? ' (would also match)' : ''}`);
    out.push(`  ${ruleMark(c, rule.outcome)} ${rule.id} ${target}: ${label}`);
    if (rule.outcome !== 'not-reached') out.push(...conditionLines(c, rule.condition, 6));
  }
  if (a.rule === 'default' || (a.overridden && a.recommended?.rule === 'default')) {
    out.push(`  ✓ default ${paintRoute(c, policy.defaultRoute, `→ ${policy.defaultRoute}`)}: no rule matched`);
  }
  return out;
}

function conditionLines(c: ChalkInstance, trace: ConditionTrace, indent: number): string[] {
  const pad = ' '.repeat(indent);
  const seen = trace.actual === undefined ? '' : c.dim(`  [${trace.actual}]`);
  const lines = [`${pad}${mark(c, trace.result, true)} ${trace.test}${seen}`];
  for (const child of trace.children ?? []) lines.push(...conditionLines(c, child, indent + 2));
  return lines;
}

function mark(c: ChalkInstance, result: Tri, small = false): string {
  if (result === true) return c.green(small ? '✓' : '✓ met    ');
  if (result === false) return c.red(small ? '✗' : '✗ not met');
  return c.yellow(small ? '?' : '? unknown');
}

function ruleMark(c: ChalkInstance, outcome: string): string {
  if (outcome === 'matched') return c.green('✓');
  if (outcome === 'not-matched') return c.red('✗');
  if (outcome === 'unknown') return c.yellow('?');
  return c.dim('·');
}

/** An item's known values, one per line, for cards and explanations. */
export function describeItem(item: WorkItem): string[] {
  return Object.entries(item.values)
    .filter(([name]) => name !== 'id' && name !== 'title')
    .map(([name, value]) => `${name}: ${describeValue(value)}`);
}
