/**
 * An item's scores and route as functions of one parameter, in closed form. With every other
 * number fixed:
 *
 *   alignment      = 100 (S + w s) / (W + w)   for the weight w of a principle whose share is s
 *   transformation = clamp(round(X + q))        for the points q of a signal the item meets
 *   classification = from the rounded transformation, the points for and against change,
 *                    and the two thresholds
 *   confidence     = round(((K + w k) / (W + w) + signals known) / 2, 2), likewise for points
 *
 * Rounding is half up, so a rounded score reaches the whole number c exactly where the exact
 * score reaches c - 0.5: each place where a test a rule reads could change is found by solving
 * one of these for the parameter. Between two such places the route cannot change, so the route
 * at any point between them (the middle) is the route of the whole interval. Pure.
 */
import type { ConditionNode, Policy } from '../compile.js';
import { CLASSIFICATIONS } from '../domain.js';
import {
  EvalContext,
  F,
  N,
  T,
  classificationOf,
  clamp,
  evalNode,
  fillItemMasks,
  round,
  score,
  tablesOf,
  type Answers,
  type ComputedTable,
} from '../evaluate.js';
import type { Classification, WorkItem } from '../types.js';
import { pseudoLeaf, type Bound, type Parameter, type ScoreField } from './parameters.js';

/** A place where the route may change, and which side the place itself belongs to. */
export interface Breakpoint {
  at: number;
  /** True when the parameter's value `at` gives what values just above it give. */
  closedAbove: boolean;
}

/** What a policy's computed-score tests make of every value a score can take: found once. */
export class PolicyModel {
  readonly weights: number[];
  readonly totalWeight: number;
  readonly points: number[];
  readonly totalSignalPoints: number;
  /** Per computed leaf: its field, and its mask for each value slot (0-100; 3 classifications). */
  readonly tables: readonly ComputedTable[];
  /** Whole numbers c where some test on the score gives another outcome at c than at c - 1. */
  readonly alignmentSteps: number[];
  readonly transformationSteps: number[];
  /** The same for confidence, in hundredths. */
  readonly confidenceSteps: number[];
  readonly originalRules: readonly ConditionNode[];

  constructor(readonly policy: Policy) {
    this.weights = policy.principles.map((p) => p.weight);
    this.totalWeight = policy.totalWeight;
    this.points = policy.signals.map((s) => s.points);
    this.totalSignalPoints = policy.totalSignalPoints;
    this.tables = tablesOf(policy);
    this.alignmentSteps = this.steps('alignment');
    this.transformationSteps = this.steps('transformation');
    this.confidenceSteps = this.steps('confidence');
    this.originalRules = policy.rules.map((r) => r.when);
  }

  private steps(field: string): number[] {
    const found = new Set<number>();
    for (const table of this.tables) {
      if (table.field !== field) continue;
      for (let c = 1; c <= 100; c++) if (table.masks[c] !== table.masks[c - 1]) found.add(c);
    }
    return [...found].sort((a, b) => a - b);
  }
}

/** Computed scores, as rules read them. */
interface Scored {
  alignment: number;
  transformation: number;
  classification: Classification;
  /** In hundredths. */
  confidence: number;
}

/** What may be known of an item beforehand. */
export interface ItemModelOptions {
  /** Answers a person gave to criteria questions: they replace what the data says, as in `assess`. */
  answers?: Answers;
  /**
   * The outcomes of the policy's item-field leaves, by leaf index, when already found: a search
   * that rebuilds the model under many sets of numbers need not test the item's facts again.
   */
  itemMasks?: Uint8Array;
}

/** One item, ready to be routed under any value of any one parameter. */
export class ItemModel {
  /** Per principle: the share of its points met, and of its points known. */
  readonly shares: number[];
  readonly known: number[];
  /** Per signal: met (T), not met (F) or unknown (N). */
  readonly signals: number[];
  readonly positive: number;
  readonly negative: number;
  readonly knownSignalPoints: number;
  /** Sums over principles, at the set's weights. */
  readonly shareSum: number;
  readonly knownSum: number;
  /** The scores and the deciding rule's index (-1: the default) at the set's values. */
  readonly base: Scored;
  readonly rule: number;
  private readonly masks: Uint8Array;

  constructor(
    readonly model: PolicyModel,
    readonly item: WorkItem,
    options: ItemModelOptions = {},
  ) {
    const { policy } = model;
    const { answers, itemMasks } = options;
    this.masks = new Uint8Array(policy.leaves.length + 1);
    if (itemMasks) this.masks.set(itemMasks.subarray(0, policy.leaves.length));
    else fillItemMasks(policy, item.values, new EvalContext(item.values), this.masks);
    this.shares = [];
    this.known = [];
    for (const principle of policy.principles) {
      let met = 0;
      let known = 0;
      for (const criterion of principle.criteria) {
        const answer = answers?.[criterion.id];
        const m = answer === true ? T : answer === false ? F : evalNode(criterion.when, this.masks);
        if (m === T) met += criterion.points;
        if (m !== N) known += criterion.points;
      }
      this.shares.push(principle.totalPoints > 0 ? met / principle.totalPoints : 0);
      this.known.push(principle.totalPoints > 0 ? known / principle.totalPoints : 0);
    }
    this.signals = policy.signals.map((s) => evalNode(s.when, this.masks));
    let positive = 0;
    let negative = 0;
    let knownSignalPoints = 0;
    policy.signals.forEach((s, k) => {
      const m = this.signals[k] as number;
      if (m === T) {
        if (s.points >= 0) positive += s.points;
        else negative += s.points;
      }
      if (m !== N) knownSignalPoints += Math.abs(s.points);
    });
    this.positive = positive;
    this.negative = negative;
    this.knownSignalPoints = knownSignalPoints;
    this.shareSum = model.weights.reduce((sum, w, j) => sum + w * (this.shares[j] as number), 0);
    this.knownSum = model.weights.reduce((sum, w, j) => sum + w * (this.known[j] as number), 0);
    // At the set's own values, the engine's scores: the route is then exactly what `score` gives.
    const scores = score(policy, this.masks.slice(), answers);
    this.base = {
      alignment: scores.alignment,
      transformation: scores.transformation,
      classification: scores.classification,
      confidence: Math.round(scores.confidence * 100),
    };
    this.rule = this.route(this.base, model.originalRules, undefined);
  }

  private alignmentKnown(): number {
    return this.model.totalWeight > 0 ? this.knownSum / this.model.totalWeight : 1;
  }

  private signalsKnown(): number {
    return this.model.totalSignalPoints > 0 ? this.knownSignalPoints / this.model.totalSignalPoints : 1;
  }

  private scored(
    alignment: number,
    positive: number,
    negative: number,
    alignmentKnown: number,
    signalsKnown: number,
    thresholds: Policy['thresholds'],
  ): Scored {
    const transformation = clamp(Math.round(positive + negative));
    return {
      alignment: clamp(Math.round(alignment)),
      transformation,
      classification: classificationOf({ thresholds }, transformation, positive, negative),
      confidence: Math.round(round((alignmentKnown + signalsKnown) / 2, 2) * 100),
    };
  }

  /** The deciding rule's index under the rules given, with the stand-in leaf's outcome when a literal moves. */
  private route(s: Scored, rules: readonly ConditionNode[], pseudo: number | undefined): number {
    const { masks } = this;
    for (const table of this.model.tables) masks[table.leaf] = table.masks[slot(table.field, s)] as number;
    if (pseudo !== undefined) masks[pseudoLeaf(this.model.policy)] = pseudo;
    for (let r = 0; r < rules.length; r++) if (evalNode(rules[r] as ConditionNode, masks) === T) return r;
    return -1;
  }

  /** The deciding rule's index with the parameter at `value`. */
  ruleAt(p: Parameter, value: number): number {
    const { model, base } = this;
    const { policy } = model;
    switch (p.kind) {
      case 'weight': {
        const w0 = model.weights[p.principle] as number;
        const total = model.totalWeight - w0 + value;
        const alignment = (100 * (this.shareSum - w0 * (this.shares[p.principle] as number) + value * (this.shares[p.principle] as number))) / total;
        const known = (this.knownSum - w0 * (this.known[p.principle] as number) + value * (this.known[p.principle] as number)) / total;
        return this.route(this.scored(alignment, this.positive, this.negative, known, this.signalsKnown(), policy.thresholds), model.originalRules, undefined);
      }
      case 'points': {
        const q0 = model.points[p.signal] as number;
        const met = this.signals[p.signal] === T;
        const positive = met && q0 > 0 ? this.positive - q0 + value : this.positive;
        const negative = met && q0 < 0 ? this.negative - q0 + value : this.negative;
        const total = model.totalSignalPoints - Math.abs(q0) + Math.abs(value);
        const known = this.knownSignalPoints - (this.signals[p.signal] !== N ? Math.abs(q0) - Math.abs(value) : 0);
        const signalsKnown = total > 0 ? known / total : 1;
        return this.route(
          this.scored(100 * (this.shareSum / model.totalWeight), positive, negative, this.alignmentKnown(), signalsKnown, policy.thresholds),
          model.originalRules,
          undefined,
        );
      }
      case 'threshold': {
        const thresholds = { ...policy.thresholds, [p.threshold]: value };
        const classification = classificationOf({ thresholds }, base.transformation, this.positive, this.negative);
        return this.route({ ...base, classification }, model.originalRules, undefined);
      }
      case 'literal': {
        const seen = p.field === 'confidence' ? base.confidence / 100 : base[p.field];
        return this.route(base, p.rules, passes(p.bound, seen, value) ? T : F);
      }
    }
  }

  /** Every place in the parameter's range where this item's route may change. */
  breakpoints(p: Parameter): Breakpoint[] {
    const found: Breakpoint[] = [];
    const add = (at: number, closedAbove: boolean): void => {
      if (Number.isFinite(at)) found.push({ at, closedAbove });
    };
    const { model, base } = this;
    const { policy } = model;
    switch (p.kind) {
      case 'weight': {
        const w0 = model.weights[p.principle] as number;
        const s = this.shares[p.principle] as number;
        const k = this.known[p.principle] as number;
        const others = model.totalWeight - w0;
        const otherShares = this.shareSum - w0 * s;
        const otherKnown = this.knownSum - w0 * k;
        // 100 (S + w s) / (W + w) = y  <=>  w = (y W - 100 S) / (100 s - y); it rises with w when s is above the others' mean.
        const rising = s * others > otherShares;
        for (const c of model.alignmentSteps) add(((c - 0.5) * others - 100 * otherShares) / (100 * s - (c - 0.5)), rising);
        if (model.confidenceSteps.length > 0) {
          const risingKnown = k * others > otherKnown;
          for (const h of model.confidenceSteps) {
            const y = (2 * (h - 0.5)) / 100 - this.signalsKnown();
            add((y * others - otherKnown) / (k - y), risingKnown);
          }
        }
        break;
      }
      case 'points': {
        const q0 = model.points[p.signal] as number;
        if (this.signals[p.signal] === T) {
          const rest = this.positive + this.negative - q0;
          const steps = new Set(model.transformationSteps);
          // Classification reads the rounded transformation against the thresholds.
          for (const threshold of [policy.thresholds.businessAsUsual, policy.thresholds.transformational]) {
            const c = Math.ceil(threshold);
            if (c >= 1 && c <= 100) steps.add(c);
          }
          for (const c of steps) add(c - 0.5 - rest, true);
          // Pulling both ways: points for change at or above the transformational threshold.
          if (q0 > 0) add(policy.thresholds.transformational - (this.positive - q0), true);
        }
        if (model.confidenceSteps.length > 0) {
          const known = this.signals[p.signal] !== N ? 1 : 0;
          const otherTotal = model.totalSignalPoints - Math.abs(q0);
          const otherKnown = this.knownSignalPoints - known * Math.abs(q0);
          const sign = q0 > 0 ? 1 : -1;
          // (K + u known) / (T + u) = y for u = |q|; it rises with u when the signal is known and more of the rest is unknown.
          const rising = known * otherTotal > otherKnown === sign > 0;
          for (const h of model.confidenceSteps) {
            const y = (2 * (h - 0.5)) / 100 - this.alignmentKnown();
            add(sign * ((y * otherTotal - otherKnown) / (known - y)), rising);
          }
        }
        break;
      }
      case 'threshold':
        // t >= threshold holds for the threshold at or below t: the place belongs below.
        add(base.transformation, false);
        if (p.threshold === 'transformational') add(this.positive, false);
        break;
      case 'literal': {
        const seen = p.field === 'confidence' ? base.confidence / 100 : base[p.field];
        // gte and lt change outcome just above the score; gt and lte at it.
        add(seen, p.bound === 'gt' || p.bound === 'lte');
        break;
      }
    }
    return found;
  }
}

function passes(bound: Bound, value: number, limit: number): boolean {
  switch (bound) {
    case 'gt':
      return value > limit;
    case 'gte':
      return value >= limit;
    case 'lt':
      return value < limit;
    case 'lte':
      return value <= limit;
  }
}

function slot(field: string, s: Scored): number {
  switch (field as ScoreField | 'classification') {
    case 'alignment':
      return s.alignment;
    case 'transformation':
      return s.transformation;
    case 'confidence':
      return s.confidence;
    case 'classification':
      return CLASSIFICATIONS.indexOf(s.classification);
  }
}
