/**
 * Calibration: how well a principle set's recommendations agree with people's decisions, and
 * the weights, points and thresholds within given bounds that agree best (search.ts), checked
 * by leave-one-out (or, for many items, k-fold) so that a proposal which only memorises the
 * decisions shows as such. Every figure reported is the engine's own assessment of the items,
 * not the search's model of it. Pure.
 */
import { assess } from '../assess.js';
import { DEFAULT_RULE_ID, compilePolicy, type Policy } from '../compile.js';
import { parameterWords, parametersOf, type Parameter } from '../sensitivity/parameters.js';
import type { PrincipleSet } from '../types.js';
import { agreementOf, type Agreement, type DecidedOutcome } from './agreement.js';
import { CoordinateSearch, type DecidedCase, type Move, type SearchProgress } from './search.js';
import { groupOf, withValues, type ParameterGroup } from './set-values.js';

export type { DecidedCase };

/** Most moves the search makes: each moves one parameter to the best place on its line. */
export const MAX_STEPS = 20;
/** Up to this many decided items, each is held out in turn; above it, k-fold. */
export const LEAVE_ONE_OUT_LIMIT = 200;
export const FOLDS = 10;

export interface CalibrationOptions {
  /** Ids of the parameters that may move. */
  vary: readonly string[];
  /** The most a parameter may move, as a share of its value (0.5: ±50%); Infinity for its whole range. */
  maxChange: number;
  maxSteps?: number;
  leaveOneOutLimit?: number;
  folds?: number;
  onProgress?: (p: CalibrationProgress) => void;
}

export type CalibrationProgress = ({ phase: 'search' } | { phase: 'validation'; method: ValidationMethod }) & SearchProgress;

export type ValidationMethod = 'leave-one-out' | 'k-fold';

export interface Validation {
  method: ValidationMethod;
  folds: number;
  decided: number;
  /** Held-out items whose decision the calibration without them predicts. */
  agreed: number;
  share: number;
}

export interface ParameterChange {
  parameter: string;
  /** In words, for people. */
  name: string;
  from: number;
  to: number;
}

export interface MovedItem {
  id: string;
  title: string;
  from: string;
  to: string;
  decided: string;
}

export interface VariedParameter {
  id: string;
  name: string;
  value: number;
  /** The interval searched. */
  range: [number, number];
}

export interface CalibrationResult {
  before: Agreement;
  after: Agreement;
  validation: Validation;
  changes: ParameterChange[];
  /** Decided items whose recommendation the proposal changes. */
  moved: MovedItem[];
  /** The moves the search made, in order (a parameter may move twice). */
  steps: Move[];
  varied: VariedParameter[];
  /** The principle set with the proposed values. */
  set: PrincipleSet;
}

/** The ids of a set's parameters in the groups given, in the set's order. */
export function parametersIn(policy: Policy, groups: readonly ParameterGroup[]): string[] {
  return parametersOf(policy)
    .filter((p) => groups.includes(groupOf(p)))
    .map((p) => p.id);
}

/** Calibrate `set` against the decided items. */
export function calibrate(set: PrincipleSet, cases: readonly DecidedCase[], options: CalibrationOptions): CalibrationResult {
  const policy = compilePolicy(set);
  const parameters = new Map(parametersOf(policy).map((p) => [p.id, p]));
  const maxSteps = options.maxSteps ?? MAX_STEPS;
  const search = new CoordinateSearch(set, cases, { vary: options.vary, maxChange: options.maxChange, maxSteps });

  const [full] = search.run([undefined], (p) => options.onProgress?.({ phase: 'search', ...p }));
  const values = (full as NonNullable<typeof full>).values;
  const calibrated = withValues(set, parameters, values);
  const after = compilePolicy(calibrated);

  const outcomesBefore = outcomes(policy, cases);
  const outcomesAfter = outcomes(after, cases);
  const validation = validate(search, cases.length, options);
  const routes = set.routes.map((r) => r.id);
  const rules = [...set.routing.rules.map((r) => r.id), DEFAULT_RULE_ID];
  const order = parametersOf(policy).map((p) => p.id);
  return {
    before: agreementOf(outcomesBefore, routes, rules),
    after: agreementOf(outcomesAfter, routes, rules),
    validation,
    changes: [...values]
      .sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]))
      .map(([id, to]) => {
        const p = parameters.get(id) as Parameter;
        return { parameter: id, name: parameterWords(policy, p), from: p.value, to };
      }),
    moved: cases.flatMap((c, i) => {
      const from = (outcomesBefore[i] as DecidedOutcome).recommended;
      const to = (outcomesAfter[i] as DecidedOutcome).recommended;
      return from === to ? [] : [{ id: c.item.id, title: c.item.title, from, to, decided: c.decided }];
    }),
    steps: (full as NonNullable<typeof full>).moves.slice(),
    varied: options.vary.map((id) => {
      const p = parameters.get(id) as Parameter;
      return { id, name: parameterWords(policy, p), value: p.value, range: rangeOf(p, options.maxChange) };
    }),
    set: calibrated,
  };
}

/** Each decided item's recommendation under `policy`, with the answers its decision gave. */
function outcomes(policy: Policy, cases: readonly DecidedCase[]): DecidedOutcome[] {
  return cases.map((c) => {
    const a = assess(policy, c.item, c.answers ? { answers: c.answers } : {});
    return { recommended: a.route, rule: a.rule, decided: c.decided };
  });
}

/**
 * Hold each item out in turn (k-fold above the limit: item k in fold k mod folds), calibrate on
 * the rest, and count the held-out decisions the result predicts.
 */
function validate(search: CoordinateSearch, n: number, options: CalibrationOptions): Validation {
  const limit = options.leaveOneOutLimit ?? LEAVE_ONE_OUT_LIMIT;
  const method: ValidationMethod = n <= limit ? 'leave-one-out' : 'k-fold';
  const folds = method === 'leave-one-out' ? n : Math.min(options.folds ?? FOLDS, n);
  const masks = Array.from({ length: folds }, (_, f) => Uint8Array.from({ length: n }, (_, i) => (i % folds === f ? 1 : 0)));
  const results = search.run(masks, (p) => options.onProgress?.({ phase: 'validation', method, ...p }));
  const agreed = results.reduce((sum, r) => sum + r.heldOutAgreed, 0);
  return { method, folds, decided: n, agreed, share: n === 0 ? 1 : agreed / n };
}

/** The interval a parameter was searched over: its range, within `maxChange` of its value. */
function rangeOf(p: Parameter, maxChange: number): [number, number] {
  const reach = maxChange === Infinity ? Infinity : maxChange * Math.abs(p.value);
  return [Math.max(p.lo, p.value - reach), Math.min(p.hi, p.value + reach)];
}
