/**
 * The reason up front: one line that says where an item goes and the one or two facts that
 * decided it, with the signals that carried its classification, e.g.
 *
 *   Needs review: transformational (85: spans organisations +30, new way of working +25) but alignment 18 is below 50
 *
 * Built from the deciding rule's condition: the tests that made it match, and, where an
 * earlier rule got part of the way with the same tests, what stopped it. Pure.
 */
import { routeLabel, type CompiledLeaf, type ConditionNode, type Policy } from './compile.js';
import { freeing } from './assess.js';
import { EvalContext, F, N, T, evalNode, fillComputedMasks, fillItemMasks, possible, score, type Answers, type Scores } from './evaluate.js';
import type { Classification, Counterfactual, FactChange, FieldValue, WorkItem } from './types.js';

export interface Because {
  /** The whole line, route label first. */
  text: string;
  /** The line without the route label: for where the route is already shown. */
  why: string;
  /** The rule that decided (`default` when none did). */
  rule: string;
}

/** Signals named in a classification's reason. */
const SHOWN_SIGNALS = 2;

/** The line that says why an item goes where the policy sends it. */
export function becauseOf(policy: Policy, item: WorkItem, answers?: Answers): Because {
  const ctx = new EvalContext(item.values);
  const masks = new Uint8Array(policy.leaves.length);
  fillItemMasks(policy, item.values, ctx, masks);
  const scores = score(policy, masks, answers);
  ctx.computed = { alignment: scores.alignment, transformation: scores.transformation, classification: scores.classification, confidence: scores.confidence };
  fillComputedMasks(policy, scores, masks);
  const fired = policy.rules.findIndex((rule) => evalNode(rule.when, masks) === T);
  // A classification the missing facts could still change reads as what it is so far.
  const missing = [...policy.leavesByField.keys()].filter((field) => item.values[field] === undefined);
  const open = missing.length > 0 && possible(policy, freeing(policy, masks, missing), answers).classifications.length > 1;
  const words = new Words(policy, ctx, scores, open);
  if (fired < 0) {
    const fields = [...new Set(policy.rules.flatMap((rule) => leavesWith(rule.when, masks, N)).map((leaf) => (policy.leaves[leaf] as CompiledLeaf).field))];
    const why = fields.length > 0 ? `no rule could place it: ${listed(fields)} ${fields.length === 1 ? 'is' : 'are'} unknown` : 'no rule matched';
    const reason = `${words.classificationLead()}${why}`;
    return { text: `${routeLabel(policy, policy.defaultRoute)}: ${reason}`, why: reason, rule: 'default' };
  }
  const rule = policy.rules[fired] as Policy['rules'][number];
  const decisive = decisiveLeaves(rule.when, masks);
  const parts = decisive.map(({ leaf, mask }) => words.leaf(leaf, mask));
  const testsClassification = decisive.some(({ leaf }) => (policy.leaves[leaf] as CompiledLeaf).field === 'classification');
  const lead = testsClassification ? '' : words.classificationLead();
  const but = nearMiss(policy, fired, decisive, masks, words);
  const reason = `${lead}${joined(parts)}${but ? ` but ${but}` : ''}`;
  return { text: `${routeLabel(policy, rule.route)}: ${reason}`, why: reason, rule: rule.id };
}

/** The leaves that made a true condition true: all parts of an `all`, the first true part of an `any`. */
function decisiveLeaves(node: ConditionNode, masks: Uint8Array): Array<{ leaf: number; mask: number }> {
  switch (node.kind) {
    case 'leaf':
      return [{ leaf: node.leaf, mask: masks[node.leaf] as number }];
    case 'all':
      return node.parts.flatMap((part) => decisiveLeaves(part, masks));
    case 'any': {
      const first = node.parts.find((part) => evalNode(part, masks) === T);
      return first ? decisiveLeaves(first, masks) : [];
    }
    case 'not':
      // The part is false: its leaves that are false say why.
      return leavesWith(node.part, masks, F).map((leaf) => ({ leaf, mask: F }));
  }
}

function leavesWith(node: ConditionNode, masks: Uint8Array, mask: number): number[] {
  switch (node.kind) {
    case 'leaf':
      return masks[node.leaf] === mask ? [node.leaf] : [];
    case 'not':
      return leavesWith(node.part, masks, mask);
    default:
      return node.parts.flatMap((part) => leavesWith(part, masks, mask));
  }
}

/**
 * What stopped an earlier rule that shares a deciding test with the rule that fired: for
 * "challenge-weak-alignment" after "union-leads", that alignment is below 50.
 */
function nearMiss(policy: Policy, fired: number, decisive: ReadonlyArray<{ leaf: number }>, masks: Uint8Array, words: Words): string | undefined {
  const shared = new Set(decisive.map((d) => d.leaf));
  for (let r = fired - 1; r >= 0; r--) {
    const node = (policy.rules[r] as Policy['rules'][number]).when;
    if (node.kind !== 'all') continue;
    const parts = node.parts.map((part) => ({ part, mask: evalNode(part, masks) }));
    const helped = parts.some(({ part, mask }) => mask === T && part.kind === 'leaf' && shared.has(part.leaf));
    if (!helped) continue;
    const failing = parts.filter(({ mask }) => mask !== T).flatMap(({ part, mask }) => (part.kind === 'leaf' ? [words.leaf(part.leaf, mask)] : []));
    if (failing.length > 0) return failing.join(' and ');
  }
  return undefined;
}

/** Outcomes in words, for one item. */
class Words {
  constructor(
    private readonly policy: Policy,
    private readonly ctx: EvalContext,
    private readonly scores: Scores,
    /** The classification could change once missing facts are known. */
    private readonly open: boolean,
  ) {}

  leaf(index: number, mask: number): string {
    const leaf = this.policy.leaves[index] as CompiledLeaf;
    if (leaf.field === 'classification') return this.classification();
    const value: FieldValue = this.ctx.get(leaf.field, leaf.computed);
    return leaf.operator.verdict(leaf.field, leaf.arg, value, mask === T ? true : mask === F ? false : null, this.ctx);
  }

  /** `transformational (85: spans organisations +30, new way of working +25)`. */
  classification(): string {
    const { classification, transformation, positive, negative } = this.scores;
    const met = this.policy.signals
      .map((signal, s) => ({ signal, met: this.scores.signals[s] === true }))
      .filter((s) => s.met)
      .map((s) => s.signal);
    const name = `${CLASSIFICATION_WORDS[classification]}${this.open ? ' so far' : ''}`;
    if (met.length === 0) return `${name} (no signal of change${this.open ? ' known' : ''})`;
    const pullsBothWays = classification === 'borderline' && transformation < this.policy.thresholds.businessAsUsual;
    const towards = pullsBothWays
      ? [...byWeight(met.filter((s) => s.points > 0)).slice(0, SHOWN_SIGNALS), ...byWeight(met.filter((s) => s.points < 0)).slice(0, 1)]
      : byWeight(classification === 'business-as-usual' ? met.filter((s) => s.points < 0) : met.filter((s) => s.points > 0)).slice(0, SHOWN_SIGNALS);
    const shown = (towards.length > 0 ? towards : byWeight(met).slice(0, SHOWN_SIGNALS)).map((s) => `${s.id.replace(/-/g, ' ')} ${points(s.points)}`);
    const total = pullsBothWays ? `signals pull both ways, ${points(positive)} and ${points(negative)}` : String(transformation);
    return `${name} (${total}: ${shown.join(', ')})`;
  }

  /** The classification, when the deciding rule does not name it: context for the facts that follow. */
  classificationLead(): string {
    return `${this.classification()}; `;
  }
}

const CLASSIFICATION_WORDS: Record<Classification, string> = {
  transformational: 'transformational',
  borderline: 'borderline',
  'business-as-usual': 'business as usual',
};

function byWeight<S extends { points: number }>(signals: readonly S[]): S[] {
  return [...signals].sort((a, b) => Math.abs(b.points) - Math.abs(a.points));
}

/** `a`, `a and b`, `a, b and c`. */
function joined(parts: readonly string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1) as string}`;
}

/** `a`, `a and b`, `a, b and c`, `a, b, c and 2 more`. */
function listed(names: readonly string[]): string {
  const shown = names.length > 4 ? [...names.slice(0, 3), `${names.length - 3} more`] : [...names];
  return shown.length === 1 ? (shown[0] as string) : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1) as string}`;
}

function points(n: number): string {
  return n > 0 ? `+${n}` : `−${Math.abs(n)}`;
}

/**
 * A counterfactual in words: `The Union if evidence included quantitative and qualitative and
 * citizen_impact were 4 (alignment 18 → 54)`. `before` holds the item's scores now.
 */
export function counterfactualText(policy: Policy, counterfactual: Counterfactual, before: { alignment: number; transformation: number }): string {
  const changes = counterfactual.changes.map(changeText);
  const scores: string[] = [];
  if (counterfactual.alignment !== before.alignment) scores.push(`alignment ${before.alignment} → ${counterfactual.alignment}`);
  if (counterfactual.transformation !== before.transformation) scores.push(`transformation ${before.transformation} → ${counterfactual.transformation}`);
  return `${routeLabel(policy, counterfactual.route)} if ${changes.join('; ')}${scores.length > 0 ? ` (${scores.join(', ')})` : ''}`;
}

/** One fact change in words, as the item would read after it. */
export function changeText(change: FactChange): string {
  const { field, from, to } = change;
  if (Array.isArray(to)) {
    const was: readonly string[] = Array.isArray(from) ? (from as string[]) : [];
    const added = (to as readonly string[]).filter((v) => !was.includes(v));
    const removed = was.filter((v) => !to.includes(v));
    if (from === null || (added.length > 0 && removed.length > 0)) return `${field} were ${to.join(', ')}`;
    if (added.length > 0) return `${field} also included ${joined(added)}`;
    return `${field} did not include ${joined(removed)}`;
  }
  if (typeof to === 'string' && typeof from === 'string' && to.startsWith(from.trimEnd()) && to.length > from.length) {
    const words = to.slice(from.trimEnd().length).trim().split(', ');
    return `${field} mentioned ${joined(words.map((w) => `"${w}"`))}`;
  }
  return `${field} were ${typeof to === 'string' ? to : String(to)}`;
}
