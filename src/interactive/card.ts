/**
 * The review card: what a person needs to decide one item, readable at 80 columns, coloured
 * only when allowed. Pure: data in, text out.
 */
import type { Policy } from '../core/compile.js';
import { printable, printableData } from '../core/printable.js';
import { becauseOf, counterfactualText } from '../core/because.js';
import { suggestionText, type RouteSuggestion } from '../core/suggest.js';
import type { Assessment, Counterfactual, FieldValue, WorkItem } from '../core/types.js';
import { bar, formatNumber, paintClassification, paintRoute, painter } from '../formats/style.js';
import type { QueueEntry } from './queue.js';
import { wrap, wrapIndented } from '../formats/wrap.js';

export interface CardInput {
  policy: Policy;
  entry: QueueEntry;
  /** 0-based place in the queue, and the queue's length. */
  index: number;
  total: number;
  /** The concrete route the rules point to, when the tool says review: a hint, never a default. */
  suggestion?: RouteSuggestion;
  /** The entry's assessment with counterfactuals (the queue's has none). */
  assessment?: Assessment;
  /** Its route's capacity: what the decisions so far take of it, and what this item needs. */
  capacity?: string;
}

export interface CardOptions {
  color: boolean;
  /** Terminal width; the card uses at most 100 columns. */
  width: number;
}

const LABEL = 16;
/** Fields the card shows on lines of their own (or as the title). */
const OWN_LINES = new Set(['id', 'title', 'description', 'lead', 'organisations']);

/** The card for one queued item: the reason first, then the facts, the scores and what would change the route. */
export function renderCard(input: CardInput, options: CardOptions): string {
  const c = painter(options.color);
  const width = cardWidth(options.width);
  const { policy } = input;
  // Item text is escaped before it is coloured; the principle set's text is checked on load.
  const entry = printableData(input.entry);
  const { item } = entry;
  const a = printableData(input.assessment ?? input.entry.assessment);
  const out: string[] = [];
  const head = `── ${input.index + 1} of ${input.total} ── ${item.id} `;
  out.push(c.dim(head + '─'.repeat(Math.max(3, width - head.length))));
  out.push(...wrap(item.title, width).map((line) => c.bold(line)));
  const description = item.values['description'];
  if (typeof description === 'string' && description.trim() !== '') out.push(...wrapIndented(description, width, '  '));
  out.push('');
  const because = printable(becauseOf(policy, input.entry.item).text);
  wrap(because, width - 2).forEach((line, k) => out.push(k === 0 ? `${paintRoute(c, a.route, a.routeLabel)}${line.slice(a.routeLabel.length)}` : `  ${line}`));
  out.push(
    ...wrapIndented(
      `rule ${a.rule} · confidence ${a.confidence.toFixed(2)} · ${a.firm ? 'settled' : `not settled: chase ${(a.missingFacts ?? []).join(', ')}`}`,
      width,
      '  ',
    ).map((line) => c.dim(line)),
  );
  out.push('');
  const row = (label: string, text: string): void => {
    out.push(...labelled(label, text, width));
  };
  row('Lead', show(item.values['lead']));
  row('Organisations', show(item.values['organisations']));
  const facts = factsOf(policy, item);
  if (facts) row('Facts', facts);
  const range = (lo: number, hi: number): string => (lo === hi ? '' : c.dim(` could be ${lo}-${hi}`));
  out.push(`  ${'Alignment'.padEnd(LABEL)}${String(a.alignment).padStart(3)} ${bar(a.alignment)}${range(...a.alignmentRange)}`);
  out.push(
    `  ${'Transformation'.padEnd(LABEL)}${String(a.transformation).padStart(3)} ${bar(a.transformation)}  ${paintClassification(c, a.classification, a.classification)}${range(...a.transformationRange)}`,
  );
  if (input.suggestion) row('Suggested', suggestionText(policy, input.suggestion));
  const whatIfs = firstPerRoute(a.counterfactuals ?? []);
  whatIfs.forEach((cf, k) => out.push(...labelled(k === 0 ? 'Would change' : '', counterfactualText(policy, cf, a), width)));
  const unknown = unknownCriteria(a);
  if (unknown.length > 0) row('Unknown', `${unknown.length} ${unknown.length === 1 ? 'criterion' : 'criteria'}: ${unknown.join(', ')}`);
  if (input.capacity) row('Capacity', printable(input.capacity));
  if (entry.previous) row('Decided before', previousText(policy, entry.previous));
  row('Why here', entry.why);
  return printable(`${out.join('\n')}\n`, { lines: true, colour: options.color });
}

/** The fewest-change counterfactual of each route, in the order found. */
function firstPerRoute(all: readonly Counterfactual[]): Counterfactual[] {
  return all.filter((cf, k) => all.findIndex((other) => other.route === cf.route) === k);
}

/** What the answers changed: scores, classification and route, before → after. */
export function renderChanges(before: Assessment, after: Assessment, options: CardOptions, hint?: { policy: Policy; suggestion: RouteSuggestion }): string {
  const c = painter(options.color);
  const width = cardWidth(options.width);
  const lines: string[] = [];
  const change = (label: string, from: string, to: string): void => {
    if (from !== to) lines.push(...labelled(label, `${from} → ${c.bold(to)}`, width, `${from} → ${to}`));
  };
  change('Alignment', String(before.alignment), String(after.alignment));
  change('Transformation', String(before.transformation), String(after.transformation));
  change('Classification', before.classification, after.classification);
  change('Confidence', before.confidence.toFixed(2), after.confidence.toFixed(2));
  if (before.route !== after.route || before.rule !== after.rule) {
    lines.push(
      ...labelled(
        'Recommended',
        `${before.routeLabel} → ${c.bold(after.routeLabel)} ${c.dim(`(rule ${after.rule})`)}`,
        width,
        `${before.routeLabel} → ${after.routeLabel} (rule ${after.rule})`,
      ),
    );
  }
  if (hint) lines.push(...labelled('Suggested now', suggestionText(hint.policy, hint.suggestion), width));
  if (lines.length === 0) return `  ${c.dim('Your answers changed no score and not the route.')}\n`;
  return printable(`  ${c.bold('Your answers changed:')}\n${lines.join('\n')}\n`, { lines: true, colour: options.color });
}

/** The line after a decision is saved. */
export function renderSaved(policy: Policy, id: string, route: string, file: string, options: CardOptions): string {
  const c = painter(options.color);
  const label = policy.routes.get(route)?.label ?? route;
  // The id is from the item file: escaped before the line is coloured.
  return `  ${c.green('✓')} ${printable(id)} → ${paintRoute(c, route, label)} ${c.dim(`saved to ${printable(file)}`)}\n\n`;
}

/** Ids of the criteria the item's data could not decide: the questions to ask. */
export function unknownCriteria(assessment: Assessment): string[] {
  return assessment.principles.flatMap((p) => p.criteria.filter((k) => k.met === null).map((k) => k.id));
}

function cardWidth(width: number): number {
  return Math.max(40, Math.min(100, width));
}

/** `  Label           text`, wrapped under itself. `plain` is the text without colour, for measuring. */
function labelled(label: string, text: string, width: number, plain: string = text): string[] {
  const indent = ' '.repeat(LABEL + 2);
  const room = width - indent.length;
  if (plain.length <= room) return [`  ${label.padEnd(LABEL)}${text}`];
  // Too long for one line: wrap the plain text (colour is dropped rather than cut mid-code).
  return wrap(plain, room).map((line, i) => (i === 0 ? `  ${label.padEnd(LABEL)}${line}` : indent + line));
}

function show(value: FieldValue): string {
  if (value === undefined) return 'unknown';
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.join(', ');
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return formatNumber(value);
  return String(value);
}

/** The item's other declared fields, short: `effort weeks 52 · recurring no · tags ?`. */
function factsOf(policy: Policy, item: WorkItem): string {
  const parts: string[] = [];
  for (const [name, spec] of policy.fields) {
    if (OWN_LINES.has(name) || spec.type === 'text') continue;
    const value = item.values[name];
    parts.push(`${name.replace(/_/g, ' ')} ${value === undefined ? '?' : show(value)}`);
  }
  return parts.join(' · ');
}

function previousText(policy: Policy, previous: NonNullable<QueueEntry['previous']>): string {
  const d = previous.decision;
  const label = policy.routes.get(d.route)?.label ?? d.route;
  const who = d.by ? ` by ${d.by}` : '';
  const when = d.at ? ` on ${d.at.slice(0, 10)}` : '';
  const why = d.rationale ? `: ${d.rationale}` : '';
  const state = previous.state === 'stale' ? 'the item has changed since' : `expired on ${d.expires ?? '?'}`;
  return `${label}${who}${when}${why} (${state})`;
}
