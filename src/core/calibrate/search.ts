/**
 * The search for the parameter values that best reproduce people's decisions: a coordinate
 * search over breakpoints. Along one parameter, with every other number fixed, each item's
 * route can change only at the places the sensitivity model solves in closed form
 * (sensitivity/model.ts), so agreement is constant between neighbouring places and one route
 * per item and interval gives the exact best value on that line. Each step moves the one
 * parameter whose best value gains most, until no move gains or the step limit is reached.
 *
 * Several searches run together, each leaving out some items (leave-one-out, k-fold): they
 * share every state they reach alike, and a state's per-item breakpoints and routes are found
 * once and swept once per search. Deterministic: no randomness, no clock; every tie is broken
 * by a stated rule. Pure.
 */
import { compilePolicy, type Policy } from '../compile.js';
import { EvalContext, fillItemMasks, type Answers } from '../evaluate.js';
import { ItemModel, PolicyModel, type Breakpoint } from '../sensitivity/model.js';
import { parametersOf, type Parameter } from '../sensitivity/parameters.js';
import type { PrincipleSet, WorkItem } from '../types.js';
import { inside, roundestIn, type Interval } from './pick.js';
import { withValues } from './set-values.js';

/** An item a person decided: the route chosen, and any answers given to criteria questions. */
export interface DecidedCase {
  item: WorkItem;
  decided: string;
  answers?: Answers;
}

export interface SearchOptions {
  /** Ids of the parameters that may move. */
  vary: readonly string[];
  /** The most a parameter may move, as a share of its value in the set (0.5: ±50%); Infinity for its whole range. */
  maxChange: number;
  /** Most moves one search makes. */
  maxSteps: number;
}

/** One move of one parameter. */
export interface Move {
  parameter: string;
  from: number;
  to: number;
}

/** Where a search ended: the values it moved, its moves, and its agreement on the items it saw and on those it left out. */
export interface SearchOutcome {
  values: ReadonlyMap<string, number>;
  moves: readonly Move[];
  agreed: number;
  heldOutAgreed: number;
}

/** How far the searches have got, for a progress line. */
export interface SearchProgress {
  searches: number;
  finished: number;
  /** Moves made by the search being worked on, and its agreement now. */
  step: number;
  agreed: number;
}

/** Breakpoints closer than this (relative) are one: the closed forms leave floating-point dust. */
const SAME = 1e-9;

/** One parameter's line through a state: the interval it may move in, and where each item's agreement changes. */
interface Line {
  p: Parameter;
  window: Interval;
  /** Per item: 1 when it agrees on the first interval of the window. */
  first: Uint8Array;
  /** Changes of agreement, in order of `at`: the item, +1 or -1, and whether `at` itself belongs above. */
  at: Float64Array;
  item: Int32Array;
  delta: Int8Array;
  closedAbove: Uint8Array;
}

/** A set of values of the parameters, with every item modelled under it. */
class State {
  readonly parameters: Map<string, Parameter>;
  readonly agrees: Uint8Array;
  private readonly lines = new Map<string, Line | undefined>();

  constructor(
    readonly values: ReadonlyMap<string, number>,
    readonly policy: Policy,
    readonly items: readonly ItemModel[],
    private readonly decided: readonly string[],
  ) {
    this.parameters = new Map(parametersOf(policy).map((p) => [p.id, p]));
    this.agrees = Uint8Array.from(items, (im, i) => (this.routeOf(im.rule) === decided[i] ? 1 : 0));
  }

  /** The route a rule index gives (-1: the default). */
  routeOf(rule: number): string {
    return rule < 0 ? this.policy.defaultRoute : (this.policy.rules[rule] as Policy['rules'][number]).route;
  }

  /** 1 when item `i` routed by `rule` goes where it was decided. */
  agreesWith(i: number, rule: number): 0 | 1 {
    return this.routeOf(rule) === this.decided[i] ? 1 : 0;
  }

  /** Agreement on the items not left out. */
  agreed(out: Uint8Array | undefined): number {
    let n = 0;
    for (let i = 0; i < this.agrees.length; i++) if (!out?.[i]) n += this.agrees[i] as number;
    return n;
  }

  /** Agreement on the items left out. */
  heldOutAgreed(out: Uint8Array | undefined): number {
    if (!out) return 0;
    let n = 0;
    for (let i = 0; i < this.agrees.length; i++) if (out[i]) n += this.agrees[i] as number;
    return n;
  }

  /** The parameter's line through this state, found once (none when it cannot move). */
  line(id: string, window: (p: Parameter) => Interval | undefined): Line | undefined {
    if (this.lines.has(id)) return this.lines.get(id);
    const p = this.parameters.get(id);
    const w = p === undefined ? undefined : window(p);
    const line = p === undefined || w === undefined ? undefined : this.buildLine(p, w);
    this.lines.set(id, line);
    return line;
  }

  /** Each item's route on each interval between its breakpoints in the window, as changes of agreement. */
  private buildLine(p: Parameter, w: Interval): Line {
    const first = new Uint8Array(this.items.length);
    const events: Array<{ at: number; item: number; delta: number; closedAbove: boolean }> = [];
    this.items.forEach((im, i) => {
      const found = im.breakpoints(p);
      const points = within(found, w);
      // An end of the window can be a place of change itself (30 points +50% is 45, where points
      // for change reach the threshold): its route is read there, a one-value interval of its own.
      const atLo = w.loIn && found.some((b) => near(b.at, w.lo));
      const atHi = w.hiIn && found.some((b) => near(b.at, w.hi));
      if (points.length === 0 && !atLo && !atHi) {
        // No place of change in reach: the route everywhere is the route now.
        first[i] = this.agrees[i] as number;
        return;
      }
      const agreeAt = (value: number): 0 | 1 => this.agreesWith(i, im.ruleAt(p, value));
      let previous = agreeAt(((points[0]?.at ?? w.hi) + w.lo) / 2);
      if (atLo) {
        const atEnd = agreeAt(w.lo);
        if (atEnd !== previous) events.push({ at: w.lo, item: i, delta: previous - atEnd, closedAbove: false });
        first[i] = atEnd;
      } else first[i] = previous;
      points.forEach((b, k) => {
        const now = agreeAt((b.at + (points[k + 1]?.at ?? w.hi)) / 2);
        if (now !== previous) events.push({ at: b.at, item: i, delta: now - previous, closedAbove: b.closedAbove });
        previous = now;
      });
      if (atHi) {
        const atEnd = agreeAt(w.hi);
        if (atEnd !== previous) events.push({ at: w.hi, item: i, delta: atEnd - previous, closedAbove: true });
      }
    });
    events.sort((a, b) => a.at - b.at || a.item - b.item);
    return {
      p,
      window: w,
      first,
      at: Float64Array.from(events, (e) => e.at),
      item: Int32Array.from(events, (e) => e.item),
      delta: Int8Array.from(events, (e) => e.delta),
      closedAbove: Uint8Array.from(events, (e) => (e.closedAbove ? 1 : 0)),
    };
  }
}

/** Two places that are one, but for floating-point dust. */
function near(a: number, b: number): boolean {
  return Math.abs(a - b) <= SAME * Math.max(1, Math.abs(b));
}

/** An item's breakpoints strictly inside the window, in order, one per place. */
function within(found: readonly Breakpoint[], w: Interval): Breakpoint[] {
  const kept = found.filter((b) => b.at > w.lo && b.at < w.hi).sort((a, b) => a.at - b.at);
  return kept.filter((b, k) => k === 0 || b.at - (kept[k - 1] as Breakpoint).at > SAME * Math.max(1, Math.abs(b.at)));
}

/** The best value on one line for one search: the agreement there, and the interval it lies in. */
interface OnLine {
  id: string;
  from: number;
  to: number;
  interval: Interval;
  agreed: number;
}

/** Searches over one principle set and one list of decided items. */
export class CoordinateSearch {
  private readonly baseParameters: Map<string, Parameter>;
  private readonly basePolicy: Policy;
  private readonly baseMasks: Uint8Array[];
  private readonly leafKeys: Map<string, number>;
  private readonly decided: string[];
  private readonly vary: string[];
  private readonly cache = new Map<string, State>();
  /**
   * States kept for reuse: those of the first search, which the others mostly follow. Each
   * models every item, so fewer are kept for many items (about a million item models in all).
   */
  private readonly cacheLimit: number;

  constructor(
    private readonly set: PrincipleSet,
    private readonly cases: readonly DecidedCase[],
    private readonly options: SearchOptions,
  ) {
    this.basePolicy = compilePolicy(set);
    this.baseParameters = new Map(parametersOf(this.basePolicy).map((p) => [p.id, p]));
    for (const id of options.vary) if (!this.baseParameters.has(id)) throw new RangeError(`no parameter ${id}`);
    // Ties between parameters go to the lower id: sorting once makes the sweep order that tie-break.
    this.vary = [...options.vary].sort(compareText);
    this.decided = cases.map((c) => c.decided);
    this.leafKeys = new Map(this.basePolicy.leaves.map((l) => [leafKey(l), l.index]));
    this.baseMasks = cases.map((c) => {
      const masks = new Uint8Array(this.basePolicy.leaves.length);
      fillItemMasks(this.basePolicy, c.item.values, new EvalContext(c.item.values), masks);
      return masks;
    });
    this.cacheLimit = Math.max(2, Math.min(options.maxSteps + 1, Math.floor(1_000_000 / Math.max(1, cases.length))));
  }

  /** The parameters that may move, as the set has them. */
  parameter(id: string): Parameter | undefined {
    return this.baseParameters.get(id);
  }

  /**
   * Run one search per entry of `leaveOut` (a mask of the items it must not see, or undefined
   * to see them all), together. Returns where each ended, in the same order.
   */
  run(leaveOut: ReadonlyArray<Uint8Array | undefined>, onProgress?: (p: SearchProgress) => void): SearchOutcome[] {
    const outcomes: SearchOutcome[] = new Array<SearchOutcome>(leaveOut.length);
    let finished = 0;
    const visit = (values: ReadonlyMap<string, number>, moves: readonly Move[], members: readonly number[]): void => {
      let state: State | undefined = this.state(values);
      const next = new Map<string, { move: Move; members: number[] }>();
      for (const s of members) {
        const out = leaveOut[s];
        const agreed = state.agreed(out);
        onProgress?.({ searches: leaveOut.length, finished, step: moves.length, agreed });
        const move = moves.length < this.options.maxSteps ? this.bestMove(state, out, agreed) : undefined;
        if (move === undefined) {
          outcomes[s] = { values, moves, agreed, heldOutAgreed: state.heldOutAgreed(out) };
          finished++;
          continue;
        }
        const key = `${move.parameter}\u0000${move.to}`;
        let group = next.get(key);
        if (!group) next.set(key, (group = { move, members: [] }));
        group.members.push(s);
      }
      const agreedHere = state.agreed(undefined);
      // The states below are built afresh: this one need not stay in memory while they are searched.
      state = undefined;
      for (const { move, members: following } of next.values()) {
        const changed = new Map(values);
        if (move.to === (this.baseParameters.get(move.parameter) as Parameter).value) changed.delete(move.parameter);
        else changed.set(move.parameter, move.to);
        visit(changed, [...moves, move], following);
      }
      onProgress?.({ searches: leaveOut.length, finished, step: moves.length, agreed: agreedHere });
    };
    visit(
      new Map(),
      [],
      leaveOut.map((_, s) => s),
    );
    return outcomes;
  }

  /** The best single move for a search that leaves out `out`, if any gains. */
  private bestMove(state: State, out: Uint8Array | undefined, agreed: number): Move | undefined {
    const found: OnLine[] = [];
    for (const id of this.vary) {
      const line = state.line(id, (p) => this.window(p));
      if (!line) continue;
      const best = bestOnLine(line, out, agreed, (value) => this.clashes(state, line.p, value));
      if (best) found.push(best);
    }
    found.sort((a, b) => b.agreed - a.agreed || relativeMove(a) - relativeMove(b) || compareText(a.id, b.id));
    for (const best of found) {
      const p = state.parameters.get(best.id) as Parameter;
      if (this.agreementAt(state, p, best.to, out) === best.agreed) return { parameter: best.id, from: best.from, to: best.to };
      // A round value a hair from a breakpoint can fall on its other side: the middle cannot.
      const middle = (best.interval.lo + best.interval.hi) / 2;
      if (middle !== best.to && inside(best.interval, middle) && this.agreementAt(state, p, middle, out) === best.agreed) {
        return { parameter: best.id, from: best.from, to: middle };
      }
    }
    return undefined;
  }

  /** Agreement on the items not left out, with one parameter at `value`, from the model. */
  private agreementAt(state: State, p: Parameter, value: number, out: Uint8Array | undefined): number {
    let n = 0;
    state.items.forEach((im, i) => {
      if (!out?.[i]) n += state.agreesWith(i, im.ruleAt(p, value));
    });
    return n;
  }

  /**
   * Where a parameter may go: within `maxChange` of its value in the set, and within what it may
   * take now (thresholds stay in order, so one's range depends on where the other is).
   */
  private window(p: Parameter): Interval | undefined {
    const v0 = (this.baseParameters.get(p.id) as Parameter).value;
    const reach = this.options.maxChange === Infinity ? Infinity : this.options.maxChange * Math.abs(v0);
    let lo = v0 - reach;
    let hi = v0 + reach;
    let loIn = true;
    let hiIn = true;
    if (lo <= p.lo) [lo, loIn] = [p.lo, !p.loOpen];
    if (hi >= p.hi) [hi, hiIn] = [p.hi, !p.hiOpen];
    return lo < hi ? { lo, hi, loIn, hiIn } : undefined;
  }

  /**
   * Two limits on the same score in one rule are two parameters only while their values
   * differ: a move that made them equal would merge them, so it is not proposed.
   */
  private clashes(state: State, p: Parameter, value: number): boolean {
    if (p.kind !== 'literal') return false;
    for (const other of state.parameters.values()) {
      if (other.kind === 'literal' && other.id !== p.id && other.rule === p.rule && other.field === p.field && other.bound === p.bound && other.value === value)
        return true;
    }
    return false;
  }

  private state(values: ReadonlyMap<string, number>): State {
    const key = [...values]
      .sort((a, b) => compareText(a[0], b[0]))
      .map(([id, v]) => `${id}=${v}`)
      .join('\u0000');
    const cached = this.cache.get(key);
    if (cached) return cached;
    const policy = compilePolicy(withValues(this.set, this.baseParameters, values));
    const model = new PolicyModel(policy);
    // Only numbers changed, so each item-field test is one the base policy ran: reuse its outcome.
    const from = policy.leaves.map((l) => (l.computed ? -1 : (this.leafKeys.get(leafKey(l)) ?? -1)));
    const items = this.cases.map((c, i) => {
      const base = this.baseMasks[i] as Uint8Array;
      const masks = new Uint8Array(from.length);
      for (let j = 0; j < from.length; j++) {
        const k = from[j] as number;
        if (k >= 0) masks[j] = base[k] as number;
      }
      return new ItemModel(model, c.item, c.answers ? { answers: c.answers, itemMasks: masks } : { itemMasks: masks });
    });
    const state = new State(values, policy, items, this.decided);
    if (this.cache.size < this.cacheLimit) this.cache.set(key, state);
    return state;
  }
}

/**
 * Sweep one line for one search: the intervals of best agreement, and of those the roundest
 * value nearest the parameter's value now (then the lower value). Undefined when nothing on the
 * line agrees better than `agreed`, the agreement now.
 */
function bestOnLine(line: Line, out: Uint8Array | undefined, agreed: number, avoid: (value: number) => boolean): OnLine | undefined {
  const { window: w, at, item, delta, closedAbove } = line;
  let running = 0;
  for (let i = 0; i < line.first.length; i++) if (!out?.[i]) running += line.first[i] as number;
  let best = agreed;
  let intervals: Interval[] = [];
  const consider = (iv: Interval): void => {
    if (running > best) {
      best = running;
      intervals = [iv];
    } else if (running === best && intervals.length > 0) intervals.push(iv);
  };
  let start = w.lo;
  let startIn = w.loIn;
  for (let k = 0; k < at.length;) {
    const x = at[k] as number;
    const reach = x + SAME * Math.max(1, Math.abs(x));
    let change = 0;
    let seen = 0;
    let above = 0;
    for (; k < at.length && (at[k] as number) <= reach; k++) {
      if (out?.[item[k] as number]) continue;
      change += delta[k] as number;
      seen++;
      above += closedAbove[k] as number;
    }
    if (seen === 0) continue;
    // The place itself belongs to the interval below when every change there happens just above it, and vice versa.
    consider({ lo: start, hi: x, loIn: startIn, hiIn: above === 0 });
    running += change;
    start = x;
    startIn = above === seen;
  }
  consider({ lo: start, hi: w.hi, loIn: startIn, hiIn: w.hiIn });
  if (intervals.length === 0) return undefined;
  const from = line.p.value;
  let chosen: { to: number; interval: Interval } | undefined;
  for (const interval of intervals) {
    if (interval.lo > interval.hi || (interval.lo === interval.hi && !(interval.loIn && interval.hiIn))) continue;
    const to = roundestIn(interval, from, avoid);
    if (to === from || avoid(to)) continue;
    if (!chosen || Math.abs(to - from) < Math.abs(chosen.to - from) || (Math.abs(to - from) === Math.abs(chosen.to - from) && to < chosen.to))
      chosen = { to, interval };
  }
  return chosen ? { id: line.p.id, from, to: chosen.to, interval: chosen.interval, agreed: best } : undefined;
}

function relativeMove(m: Pick<OnLine, 'from' | 'to'>): number {
  const d = Math.abs(m.to - m.from);
  return m.from === 0 ? d : d / Math.abs(m.from);
}

/** A leaf's identity as the compiler keys it: field, operator and argument. */
function leafKey(l: Policy['leaves'][number]): string {
  return `${l.field}\u0000${l.operator.name}\u0000${JSON.stringify(l.arg)}`;
}

/** Code-unit order: the same on every machine and locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
