/**
 * Routing coverage: rules that can never fire (earlier rules always match first, or the
 * same condition twice, or a condition no item can meet) and declared routes that no rule
 * that can fire, nor the default, sends work to. Pure: works on a schema-valid principle set
 * and reports paths; `lineOf` lets messages say where the other rule is.
 */
import type { PrincipleSet, RuleSpec } from '../../core/types.js';
import type { DataPath } from '../../principles/paths.js';
import { dnfImplies, simplify, type Domains } from './implies.js';
import { domainsOf, toDnf, type Dnf } from './literals.js';

export interface CoverageProblem {
  ruleId: 'principles/unreachable-rule' | 'principles/duplicate-condition' | 'principles/never-matches' | 'principles/unreachable-route';
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

/** Every coverage problem of a principle set, in rule order, then route order. */
export function analyseRouting(set: PrincipleSet, lineOf: (path: DataPath) => number): CoverageProblem[] {
  const domains = domainsOf(set.fields);
  const problems: CoverageProblem[] = [];
  const live: Analysed[] = [];
  const dead: Analysed[] = [];
  set.routing.rules.forEach((rule, index) => {
    const dnf = prepare(rule, domains);
    const analysed = { rule, index, dnf };
    const problem = dnf && deadRuleProblem(analysed, dnf, live, domains, lineOf);
    if (problem) {
      problems.push(problem);
      dead.push(analysed);
    } else {
      live.push(analysed);
    }
  });
  const defaultReachable = !dnfImplies([[]], live.flatMap((r) => r.dnf ?? []), domains);
  problems.push(...routeProblems(set, live, dead, defaultReachable, lineOf));
  return problems;
}

function prepare(rule: RuleSpec, domains: Domains): Dnf | undefined {
  const dnf = toDnf(rule.when, domains);
  return dnf && simplify(dnf, domains);
}

const rulePath = (index: number): DataPath => ['routing', 'rules', index, 'id'];

/** Why a rule can never fire, if it cannot: checked against the rules before it that can. */
function deadRuleProblem(
  current: Analysed,
  dnf: Dnf,
  earlier: readonly Analysed[],
  domains: Domains,
  lineOf: (path: DataPath) => number,
): CoverageProblem | undefined {
  const { rule, index } = current;
  if (dnf.length === 0) {
    return problem('principles/never-matches', ['routing', 'rules', index, 'when'], [],
      `rule "${rule.id}" can never fire: no item can meet its condition, whose tests contradict each other; fix the condition or remove the rule`);
  }
  const same = earlier.find((e) => e.dnf && dnfImplies(dnf, e.dnf, domains) && dnfImplies(e.dnf, dnf, domains));
  if (same) {
    const fix = same.rule.route === rule.route ? 'it is redundant: remove it' : 'change one of the two conditions, or remove one rule';
    return problem('principles/duplicate-condition', rulePath(index), [same], 
      `rule "${rule.id}" has the same condition as rule "${same.rule.id}" (line ${lineOf(rulePath(same.index))}), which comes first, so it can never fire; ${fix}`);
  }
  const covering = coveringRules(dnf, earlier, domains);
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
function coveringRules(dnf: Dnf, earlier: readonly Analysed[], domains: Domains): Analysed[] | undefined {
  const found = new Set<Analysed>();
  for (const conjunct of dnf) {
    const cover = earlier.find((e) => e.dnf && dnfImplies([conjunct], e.dnf, domains));
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
