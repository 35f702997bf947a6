/**
 * The evaluation engine. A leaf's outcome is held as a mask of the outcomes it can have:
 * false, true, or unknown (a field it needs is missing). For an item as it is, every mask
 * holds one outcome; to ask "what could happen once the missing facts are known", a field is
 * set free and its leaves may be true or false. Trees of all / any / not combine masks in
 * three-valued logic, exactly when parts are independent and conservatively otherwise, so the
 * same code gives an item's route and every route it could still take.
 */
import type { Policy } from './compile.js';
import { CLASSIFICATIONS } from './domain.js';
import type { ConditionNode, CompiledLeaf } from './compile.js';
import type { TestContext } from './operators.js';
import type { Classification, FieldValue, Tri } from './types.js';
import { indexWords, type Vocabulary, type WordIndex } from './words.js';

export const F = 1;
export const T = 2;
export const N = 4;

export function triMask(result: Tri): number {
  return result === true ? T : result === false ? F : N;
}

/** The outcome of a mask that holds one: `null` for unknown. */
export function maskTri(mask: number): Tri {
  return mask === T ? true : mask === F ? false : null;
}

/** Answers a person gave to criteria questions, by criterion id (`null` = don't know). */
export type Answers = Readonly<Record<string, Tri>>;

/** What a condition is evaluated against: one item's values, and the words of its texts, found once. */
export class EvalContext implements TestContext {
  // Most policies read one text field, so the first is kept in plain properties; a Map only for more.
  private wordsField: string | undefined;
  private wordsVocabulary: Vocabulary | undefined;
  private wordsIndex: WordIndex | undefined;
  private moreWords: Map<string, { vocabulary: Vocabulary; index: WordIndex }> | undefined;

  constructor(
    readonly values: Readonly<Record<string, FieldValue>>,
    public computed: Readonly<Record<string, FieldValue>> = {},
  ) {}

  get(field: string, computed: boolean): FieldValue {
    return computed ? this.computed[field] : this.values[field];
  }

  wordsOf(field: string, text: string, vocabulary: Vocabulary): WordIndex {
    if (this.wordsField === field && this.wordsVocabulary === vocabulary) return this.wordsIndex as WordIndex;
    if (this.wordsField === undefined) {
      this.wordsField = field;
      this.wordsVocabulary = vocabulary;
      this.wordsIndex = indexWords(text, vocabulary);
      return this.wordsIndex;
    }
    this.moreWords ??= new Map();
    let cached = this.moreWords.get(field);
    if (cached === undefined || cached.vocabulary !== vocabulary) {
      cached = { vocabulary, index: indexWords(text, vocabulary) };
      this.moreWords.set(field, cached);
    }
    return cached.index;
  }
}

/** A leaf's outcome on a value. */
export function leafMask(leaf: CompiledLeaf, value: FieldValue, ctx: TestContext): number {
  if (value === undefined) return leaf.operator.testsUnknown ? triMask(leaf.test.test(value, ctx)) : N;
  return triMask(leaf.test.test(value, ctx));
}

/**
 * Run the item-field leaves. A field in `free` may yet take any value: its leaves may be true
 * or false, whatever the item holds now.
 */
export function fillItemMasks(
  policy: Policy,
  values: Readonly<Record<string, FieldValue>>,
  ctx: TestContext,
  masks: Uint8Array,
  free?: ReadonlySet<string>,
): void {
  for (const index of policy.itemLeaves) {
    const leaf = policy.leaves[index] as CompiledLeaf;
    masks[index] = free !== undefined && leaf.reads.some((field) => free.has(field)) ? T | F : leafMask(leaf, values[leaf.field], ctx);
  }
}

/** The outcomes a condition can have, given its leaves' masks. */
export function evalNode(node: ConditionNode, masks: Uint8Array): number {
  switch (node.kind) {
    case 'leaf':
      return masks[node.leaf] as number;
    case 'not': {
      const m = evalNode(node.part, masks);
      return (m & N) | (m & T ? F : 0) | (m & F ? T : 0);
    }
    case 'all': {
      let anyF = false;
      let allT = true;
      let allNotF = true;
      let anyN = false;
      for (const part of node.parts) {
        const m = evalNode(part, masks);
        if (m & F) anyF = true;
        if (!(m & T)) allT = false;
        if (!(m & (T | N))) allNotF = false;
        if (m & N) anyN = true;
      }
      return (anyF ? F : 0) | (allT ? T : 0) | (allNotF && anyN ? N : 0);
    }
    case 'any': {
      let anyT = false;
      let allF = true;
      let allNotT = true;
      let anyN = false;
      for (const part of node.parts) {
        const m = evalNode(part, masks);
        if (m & T) anyT = true;
        if (!(m & F)) allF = false;
        if (!(m & (F | N))) allNotT = false;
        if (m & N) anyN = true;
      }
      return (anyT ? T : 0) | (allF ? F : 0) | (allNotT && anyN ? N : 0);
    }
  }
}

/** The scores of an item whose leaves each have one outcome. */
export interface Scores {
  /** Per principle, per criterion: met, not met, or unknown. */
  criteria: Tri[][];
  /** Per principle: the share of its points met (0-1), and its contribution to alignment. */
  shares: number[];
  contributions: number[];
  signals: Tri[];
  alignment: number;
  transformation: number;
  positive: number;
  negative: number;
  classification: Classification;
  confidence: number;
}

/** Criteria, signals and the scores computed from them. Answers replace what the data says. */
export function score(policy: Policy, masks: Uint8Array, answers?: Answers): Scores {
  const criteria: Tri[][] = [];
  const shares: number[] = [];
  const contributions: number[] = [];
  let alignmentExact = 0;
  let knownShare = 0;
  for (const principle of policy.principles) {
    let metPoints = 0;
    let knownPoints = 0;
    const met: Tri[] = [];
    for (const criterion of principle.criteria) {
      const answer = answers?.[criterion.id];
      const result = answer !== undefined && answer !== null ? answer : maskTri(evalNode(criterion.when, masks));
      if (result === true) metPoints += criterion.points;
      if (result !== null) knownPoints += criterion.points;
      met.push(result);
    }
    criteria.push(met);
    const share = principle.totalPoints > 0 ? metPoints / principle.totalPoints : 0;
    const contribution = (100 * share * principle.weight) / policy.totalWeight;
    shares.push(share);
    contributions.push(contribution);
    alignmentExact += contribution;
    if (principle.totalPoints > 0) knownShare += (principle.weight * knownPoints) / principle.totalPoints;
  }

  const signals: Tri[] = [];
  let positive = 0;
  let negative = 0;
  let knownSignalPoints = 0;
  for (const signal of policy.signals) {
    const result = maskTri(evalNode(signal.when, masks));
    if (result === true) {
      if (signal.points >= 0) positive += signal.points;
      else negative += signal.points;
    }
    if (result !== null) knownSignalPoints += Math.abs(signal.points);
    signals.push(result);
  }
  const alignment = clamp(Math.round(alignmentExact));
  const transformation = clamp(Math.round(positive + negative));
  const alignmentKnown = policy.totalWeight > 0 ? knownShare / policy.totalWeight : 1;
  const transformationKnown = policy.totalSignalPoints > 0 ? knownSignalPoints / policy.totalSignalPoints : 1;
  return {
    criteria,
    shares,
    contributions,
    signals,
    alignment,
    transformation,
    positive,
    negative,
    classification: classificationOf(policy, transformation, positive, negative),
    confidence: round((alignmentKnown + transformationKnown) / 2, 2),
  };
}

/** The computed scores routing rules may test. */
export interface Computed {
  alignment: number;
  transformation: number;
  classification: Classification;
  confidence: number;
}

/**
 * The outcome of each computed-score leaf for every value its score can take, found once per
 * policy: alignment and transformation are whole numbers 0-100, confidence is in hundredths,
 * and there are three classifications. Routing then reads a table instead of running tests.
 */
export interface ComputedTable {
  leaf: number;
  field: keyof Computed;
  masks: Uint8Array;
}

const TABLES = new WeakMap<Policy, readonly ComputedTable[]>();

export function tablesOf(policy: Policy): readonly ComputedTable[] {
  let tables = TABLES.get(policy);
  if (tables) return tables;
  tables = policy.computedLeaves.map((index) => {
    const leaf = policy.leaves[index] as CompiledLeaf;
    const field = leaf.field as keyof Computed;
    const values: FieldValue[] =
      field === 'classification' ? [...CLASSIFICATIONS] : Array.from({ length: 101 }, (_, k) => (field === 'confidence' ? k / 100 : k));
    return { leaf: index, field, masks: Uint8Array.from(values, (value) => leafMask(leaf, value, NO_WORDS)) };
  });
  TABLES.set(policy, tables);
  return tables;
}

/** Set the computed-score leaves from an item's scores. */
export function fillComputedMasks(policy: Policy, c: Computed, masks: Uint8Array): void {
  for (const table of tablesOf(policy)) masks[table.leaf] = table.masks[slotOf(table.field, c)] as number;
}

function slotOf(field: keyof Computed, c: Computed): number {
  switch (field) {
    case 'alignment':
      return c.alignment;
    case 'transformation':
      return c.transformation;
    case 'confidence':
      return Math.round(c.confidence * 100);
    case 'classification':
      return CLASSIFICATIONS.indexOf(c.classification);
  }
}

/** The ranges computed scores can take: whole-number intervals, hundredths for confidence, a set of classifications. */
interface ComputedRanges {
  alignment: readonly [number, number];
  transformation: readonly [number, number];
  confidence: readonly [number, number];
  classifications: readonly Classification[];
}

/** Set the computed-score leaves to every outcome the scores' ranges allow. */
function fillComputedRanges(policy: Policy, ranges: ComputedRanges, masks: Uint8Array): void {
  for (const table of tablesOf(policy)) {
    let mask = 0;
    if (table.field === 'classification') {
      for (const c of ranges.classifications) mask |= table.masks[CLASSIFICATIONS.indexOf(c)] as number;
    } else {
      const [lo, hi] = table.field === 'confidence' ? ranges.confidence : ranges[table.field];
      for (let k = lo; k <= hi; k++) mask |= table.masks[k] as number;
    }
    masks[table.leaf] = mask;
  }
}

/**
 * An item's route for many sets of leaf outcomes in a row, without allocating: for searches
 * that try thousands of changed items. Gives what `score` and `firstRule` give.
 */
export class Router {
  alignment = 0;
  transformation = 0;
  private readonly computed: Computed = { alignment: 0, transformation: 0, classification: 'business-as-usual', confidence: 0 };
  /** Per principle, per criterion: the answer a person gave (a mask), or 0 for none. */
  private readonly answered: Uint8Array[];

  constructor(
    private readonly policy: Policy,
    answers?: Answers,
  ) {
    this.answered = policy.principles.map((p) =>
      Uint8Array.from(p.criteria, (c) => {
        const answer = answers?.[c.id];
        return answer === true ? T : answer === false ? F : 0;
      }),
    );
  }

  /** The index of the deciding rule (-1: the default) for masks whose item leaves hold one outcome each. */
  decide(masks: Uint8Array): number {
    const { policy } = this;
    let alignmentExact = 0;
    let knownShare = 0;
    policy.principles.forEach((principle, p) => {
      const answered = this.answered[p] as Uint8Array;
      let met = 0;
      let known = 0;
      principle.criteria.forEach((criterion, c) => {
        const m = (answered[c] as number) || evalNode(criterion.when, masks);
        if (m === T) met += criterion.points;
        if (m !== N) known += criterion.points;
      });
      if (principle.totalPoints > 0) {
        alignmentExact += (100 * met * principle.weight) / (principle.totalPoints * policy.totalWeight);
        knownShare += (principle.weight * known) / principle.totalPoints;
      }
    });
    let positive = 0;
    let negative = 0;
    let knownSignals = 0;
    for (const signal of policy.signals) {
      const m = evalNode(signal.when, masks);
      if (m === T) {
        if (signal.points >= 0) positive += signal.points;
        else negative += signal.points;
      }
      if (m !== N) knownSignals += Math.abs(signal.points);
    }
    const c = this.computed;
    c.alignment = clamp(Math.round(alignmentExact));
    c.transformation = clamp(Math.round(positive + negative));
    c.classification = classificationOf(policy, c.transformation, positive, negative);
    const alignmentKnown = policy.totalWeight > 0 ? knownShare / policy.totalWeight : 1;
    const signalsKnown = policy.totalSignalPoints > 0 ? knownSignals / policy.totalSignalPoints : 1;
    c.confidence = round((alignmentKnown + signalsKnown) / 2, 2);
    this.alignment = c.alignment;
    this.transformation = c.transformation;
    fillComputedMasks(policy, c, masks);
    return firstRule(policy, masks);
  }
}

/** The index of the first rule that matches, or -1 when none does and the default applies. */
export function firstRule(policy: Policy, masks: Uint8Array): number {
  const { rules } = policy;
  for (let r = 0; r < rules.length; r++) if (evalNode((rules[r] as { when: ConditionNode }).when, masks) === T) return r;
  return -1;
}

/** What an item's scores and route could be once the facts its free leaves need are known. */
export interface Possible {
  alignment: [number, number];
  transformation: [number, number];
  classifications: Classification[];
  /** Route ids, in the order the rules could send the item there. */
  routes: string[];
}

/**
 * The scores and routes an item can reach over every way its free leaves could turn out.
 * Conservative: it may list a route no single resolution reaches (parts of a condition are
 * taken as independent), never leave out one that some resolution reaches.
 */
export function possible(policy: Policy, masks: Uint8Array, answers?: Answers): Possible {
  let alignLo = 0;
  let alignHi = 0;
  let knownLo = 0;
  let knownHi = 0;
  for (const principle of policy.principles) {
    if (principle.totalPoints <= 0) continue;
    let lo = 0;
    let hi = 0;
    let sureKnown = 0;
    let mayKnow = 0;
    for (const criterion of principle.criteria) {
      const answer = answers?.[criterion.id];
      const m = answer !== undefined && answer !== null ? triMask(answer) : evalNode(criterion.when, masks);
      if (m === T) lo += criterion.points;
      if (m & T) hi += criterion.points;
      if (!(m & N)) sureKnown += criterion.points;
      if (m !== N) mayKnow += criterion.points;
    }
    const scale = (100 * principle.weight) / (policy.totalWeight * principle.totalPoints);
    alignLo += lo * scale;
    alignHi += hi * scale;
    knownLo += (principle.weight * sureKnown) / principle.totalPoints;
    knownHi += (principle.weight * mayKnow) / principle.totalPoints;
  }
  let pLo = 0;
  let pHi = 0;
  let nLo = 0;
  let nHi = 0;
  let sLo = 0;
  let sHi = 0;
  for (const signal of policy.signals) {
    const m = evalNode(signal.when, masks);
    const points = signal.points;
    if (points >= 0) {
      if (m === T) pLo += points;
      if (m & T) pHi += points;
    } else {
      if (m === T) nHi += points;
      if (m & T) nLo += points;
    }
    if (!(m & N)) sLo += Math.abs(points);
    if (m !== N) sHi += Math.abs(points);
  }
  const alignment: [number, number] = [clamp(Math.round(alignLo)), clamp(Math.round(alignHi))];
  const transformation: [number, number] = [clamp(Math.round(pLo + nLo)), clamp(Math.round(pHi + nHi))];
  const classifications = possibleClassifications(policy, transformation, [pLo, pHi], [nLo, nHi]);

  const hundredthsKnown = (known: number, signalsKnown: number): number =>
    Math.round(50 * ((policy.totalWeight > 0 ? known / policy.totalWeight : 1) + (policy.totalSignalPoints > 0 ? signalsKnown / policy.totalSignalPoints : 1)));
  fillComputedRanges(policy, { alignment, transformation, classifications, confidence: [hundredthsKnown(knownLo, sLo), hundredthsKnown(knownHi, sHi)] }, masks);
  const routes: string[] = [];
  const add = (route: string): void => {
    if (!routes.includes(route)) routes.push(route);
  };
  let settled = false;
  for (const rule of policy.rules) {
    const m = evalNode(rule.when, masks);
    if (m & T) add(rule.route);
    if (m === T) {
      settled = true;
      break;
    }
  }
  if (!settled) add(policy.defaultRoute);
  return { alignment, transformation, classifications, routes };
}

/**
 * The classifications reachable with transformation in `t`, points for change in `p` and
 * against it in `n` (each an interval; `n` is negative), taken as independent.
 */
function possibleClassifications(policy: Policy, t: [number, number], p: [number, number], n: [number, number]): Classification[] {
  const { transformational: high, businessAsUsual: low } = policy.thresholds;
  const found = new Set<Classification>();
  if (t[1] >= high) found.add('transformational');
  if (t[1] >= low && t[0] < high) found.add('borderline');
  // Pulling both ways: enough for change, cancelled out below the business-as-usual line.
  if (p[1] >= high && n[0] < 0 && t[0] < low) found.add('borderline');
  // Below the line is business as usual unless it surely pulls both ways.
  if (t[0] < low && !(p[0] >= high && n[1] < 0)) found.add('business-as-usual');
  return CLASSIFICATIONS.filter((c) => found.has(c));
}

/** The classification alone, as `classify` decides it. */
export function classificationOf(policy: Pick<Policy, 'thresholds'>, transformation: number, positive: number, negative: number): Classification {
  const { transformational, businessAsUsual } = policy.thresholds;
  if (transformation >= businessAsUsual) return transformation >= transformational ? 'transformational' : 'borderline';
  return positive >= transformational && negative < 0 ? 'borderline' : 'business-as-usual';
}

/**
 * Transformation is evidence of change: with no signal for it, work is business as usual.
 * Borderline means close to the line (between the thresholds), or pulling both ways: enough
 * evidence of change to be transformational, cancelled out by evidence of business as usual.
 */
export function classify(
  policy: Pick<Policy, 'thresholds'>,
  transformation: number,
  positive: number,
  negative: number,
): { classification: Classification; reason: string } {
  const { transformational, businessAsUsual } = policy.thresholds;
  if (transformation >= transformational) {
    return {
      classification: 'transformational',
      reason: `transformation ${transformation} is at or above the transformational threshold ${transformational}`,
    };
  }
  if (transformation >= businessAsUsual) {
    return {
      classification: 'borderline',
      reason: `transformation ${transformation} is between the thresholds ${businessAsUsual} and ${transformational}`,
    };
  }
  if (positive >= transformational && negative < 0) {
    return {
      classification: 'borderline',
      reason: `signals pull both ways: +${positive} towards change, ${negative} towards business as usual`,
    };
  }
  return {
    classification: 'business-as-usual',
    reason:
      positive === 0
        ? 'no signal of change, so business as usual'
        : `transformation ${transformation} is below the business-as-usual threshold ${businessAsUsual}`,
  };
}

/** Computed scores have no words to look up. */
const NO_WORDS: TestContext = {
  wordsOf: () => ({ numbers: [], positions: [], matched: 0, more: undefined }),
  get: () => undefined,
};

export function clamp(value: number): number {
  return Math.min(100, Math.max(0, value));
}

export function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
