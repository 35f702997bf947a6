/**
 * Routing coverage: rules that can never fire (earlier rules always match first, or the
 * same condition twice, or a condition no item can meet) and declared routes that no rule
 * that can fire, nor the default, sends work to. Pure: works on a schema-valid principle set
 * and reports paths; `lineOf` lets messages say where the other rule is. The work is bounded
 * (budget.ts): when the steps run out, the rules not yet checked are taken to be able to fire,
 * which can only hide a problem, never invent one, and a finding says which they are.
 */
import type { PrincipleSet, RuleSpec } from '../../core/types.js';
import type { DataPath } from '../../principles/paths.js';
import { Budget, OutOfSteps } from './budget.js';
import { Reasoner } from './implies.js';
import { domainsOf, toDnf, type Dnf } from './literals.js';

export interface CoverageProblem {
  ruleId:
    | 'principles/unreachable-rule'
    | 'principles/duplicate-condition'
    | 'principles/never-matches'
    | 'principles/unreachable-route'
    | 'principles/coverage-incomplete';
  severity: 'warning';
  path: DataPath;
  message: string;
  related: Array<{ path: DataPath; message: string }>;
}

interface Analysed {
  rule: RuleSpec;
  index: number;
  /** Undefined when the condition is too big to analyse: it may fire, and shadows nothing. */
  dnf: Dnf | undefined;
}

/**
 * Every coverage problem of a principle set, in rule order, then route order; when the
 * budget runs out, a `principles/coverage-incomplete` problem at the first rule not checked.
 */
export function analyseRouting(set: PrincipleSet, lineOf: (path: DataPath) => number, budget: Budget = new Budget()): CoverageProblem[] {
  const reasoner = new Reasoner(domainsOf(set.fields), budget);
  const problems: CoverageProblem[] = [];
  const live: Analysed[] = [];
  const dead: Analysed[] = [];
  const rules = set.routing.rules;
  let checked = 0;
  let defaultReachable = true;
  try {
    for (; checked < rules.length; checked++) {
      const rule = rules[checked] as RuleSpec;
      const dnf = prepare(rule, reasoner);
      const analysed = { rule, index: checked, dnf };
      const problem = dnf && deadRuleProblem(analysed, dnf, live, reasoner, lineOf);
      if (problem) {
        problems.push(problem);
        dead.push(analysed);
      } else {
        live.push(analysed);
      }
    }
    defaultReachable = !reasoner.dnfImplies([[]], live.flatMap((r) => r.dnf ?? []));
  } catch (error) {
    if (!(error instanceof OutOfSteps)) throw error;
    // Rules not checked may fire, and shadow nothing; the default may be reached.
    for (let index = checked; index < rules.length; index++) live.push({ rule: rules[index] as RuleSpec, index, dnf: undefined });
    problems.push(stoppedProblem(rules, checked, budget, lineOf));
  }
  problems.push(...routeProblems(set, live, dead, defaultReachable, lineOf));
  return problems;
}

/** Where the analysis stopped: the rules from `first` on (or only the default) were not checked. */
function stoppedProblem(rules: readonly RuleSpec[], first: number, budget: Budget, lineOf: (path: DataPath) => number): CoverageProblem {
  const named = (index: number): string => `"${(rules[index] as RuleSpec).id}" (line ${lineOf(rulePath(index))})`;
  const last = rules.length - 1;
  const what =
    first > last
      ? 'whether the default route can be reached was not checked'
      : first === last
        ? `rule ${named(first)} was not checked`
        : `rules ${named(first)} to ${named(last)} were not checked`;
  const path: DataPath = first > last ? ['routing', 'default'] : rulePath(first);
  return {
    ruleId: 'principles/coverage-incomplete',
    severity: 'warning',
    path,
    message: `routing coverage stopped at its limit of ${budget.limit.toLocaleString('en-GB')} steps: ${what}, so a rule there that can never fire would go unreported; to have them checked, give conditions fewer alternatives (each any inside an all multiplies them)`,
    related: [],
  };
}

function prepare(rule: RuleSpec, reasoner: Reasoner): Dnf | undefined {
  const dnf = toDnf(rule.when, reasoner.domains, reasoner.budget);
  return dnf && reasoner.simplify(dnf);
}

const rulePath = (index: number): DataPath => ['routing', 'rules', index, 'id'];

/** Why a rule can never fire, if it cannot: checked against the rules before it that can. */
function deadRuleProblem(
  current: Analysed,
  dnf: Dnf,
  earlier: readonly Analysed[],
  reasoner: Reasoner,
  lineOf: (path: DataPath) => number,
): CoverageProblem | undefined {
  const { rule, index } = current;
  if (dnf.length === 0) {
    return problem('principles/never-matches', ['routing', 'rules', index, 'when'], [],
      `rule "${rule.id}" can never fire: no item can meet its condition, whose tests contradict each other; fix the condition or remove the rule`);
  }
  const same = earlier.find((e) => e.dnf && reasoner.dnfImplies(dnf, e.dnf) && reasoner.dnfImplies(e.dnf, dnf));
  if (same) {
    const fix = same.rule.route === rule.route ? 'it is redundant: remove it' : 'change one of the two conditions, or remove one rule';
    return problem('principles/duplicate-condition', rulePath(index), [same], 
      `rule "${rule.id}" has the same condition as rule "${same.rule.id}" (line ${lineOf(rulePath(same.index))}), which comes first, so it can never fire; ${fix}`);
  }
  const covering = coveringRules(dnf, earlier, reasoner);
  if (!covering) return undefined;
  const names = ruleList(covering, lineOf);
  const one = covering.length === 1;
  const fix = covering.every((c) => c.rule.route === rule.route)
    ? `it sends work to the same route, so it is redundant: remove it`
    : `move it above ${one ? 'that rule' : 'them'}, narrow ${one ? 'that rule' : 'them'}, or remove it`;
  return problem('principles/unreachable-rule', rulePath(index), covering,
    `rule "${rule.id}" can never fire: whenever it matches, ${names} ${one ? 'matches' : 'match'} first; ${fix}`);
}

/** The earlier rules that together match everything this rule matches, or undefined. */
function coveringRules(dnf: Dnf, earlier: readonly Analysed[], reasoner: Reasoner): Analysed[] | undefined {
  const found = new Set<Analysed>();
  for (const conjunct of dnf) {
    const cover = earlier.find((e) => e.dnf && reasoner.dnfImplies([conjunct], e.dnf));
    if (!cover) return undefined;
    found.add(cover);
  }
  return [...found].sort((a, b) => a.index - b.index);
}

function routeProblems(
  set: PrincipleSet,
  live: readonly Analysed[],
  dead: readonly Analysed[],
  defaultReachable: boolean,
  lineOf: (path: DataPath) => number,
): CoverageProblem[] {
  const fallback = typeof set.routing.default === 'string' ? set.routing.default : set.routing.default.route;
  const problems: CoverageProblem[] = [];
  set.routes.forEach((route, index) => {
    if (live.some((r) => r.rule.route === route.id)) return;
    if (route.id === fallback && defaultReachable) return;
    const deadRules = dead.filter((r) => r.rule.route === route.id);
    const path: DataPath = ['routes', index, 'id'];
    const reasons: string[] = [];
    if (deadRules.length > 0) {
      reasons.push(`the only ${deadRules.length === 1 ? 'rule' : 'rules'} sending work to it, ${ruleList(deadRules, lineOf)}, can never fire`);
    }
    if (route.id === fallback) reasons.push('it is the default, but the rules before it place every item first');
    const message = reasons.length > 0
      ? `route "${route.id}" can never be reached: ${reasons.join(', and ')}; fix the rules, or remove the route`
      : `route "${route.id}" is declared, but no rule sends work to it and it is not the default: add a rule for it, or remove the route`;
    problems.push(problem('principles/unreachable-route', path, deadRules, message));
  });
  return problems;
}

/** `rule "a" (line 3)`, or `rules "a" (line 3) and "b" (line 5)`. */
function ruleList(rules: readonly Analysed[], lineOf: (path: DataPath) => number): string {
  const named = rules.map((r) => `"${r.rule.id}" (line ${lineOf(rulePath(r.index))})`);
  const text = named.length === 1 ? named[0] : `${named.slice(0, -1).join(', ')} and ${named.at(-1)}`;
  return `${rules.length === 1 ? 'rule' : 'rules'} ${text}`;
}

function problem(ruleId: CoverageProblem['ruleId'], path: DataPath, related: readonly Analysed[], message: string): CoverageProblem {
  return {
    ruleId,
    severity: 'warning',
    path,
    message,
    related: related.map((r) => ({ path: rulePath(r.index), message: `rule "${r.rule.id}"` })),
  };
}
