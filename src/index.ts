/**
 * union-triage as a library (docs/library.md): `triage(records, { principles })` reads, checks
 * and assesses raw records as the CLI does, and `render` / `formatters` write any text format.
 * Below it: compile a principle set into a policy and assess normalised items with it, read
 * principle sets and items from files. The core functions are pure.
 */
export {
  triage,
  render,
  formatters,
  openPrinciples,
  assess,
  InvalidRecordError,
  type PrincipleSource,
  type TriageOptions,
  type TriageResult,
  type RenderOptions,
  type TextFormat,
} from './library.js';
export { explainAssessment, classify, type Answers, type AssessOptions } from './core/assess.js';
export { compilePolicy, routeLabel, DEFAULT_RULE_ID, type Policy } from './core/compile.js';
export { compileCondition, EvalContext, tokenize, type CompiledCondition } from './core/conditions.js';
export { SummaryBuilder, type Summary, type RouteSummary, type RouteTotal } from './core/summary.js';
export { compareAssessments, type ItemChange, type DiffSide, type SetsCompared } from './core/diff.js';
export { SensitivityBuilder, fragileItems, type Flip, type ParameterResult, type SensitivityResult } from './core/sensitivity/analyse.js';
export type * from './core/types.js';
export { TriageError, ExitCode, formatError, type Position } from './errors.js';
export type { Finding, Severity } from './findings.js';
export type { RuleId } from './rule-ids.js';
export { checkPrinciples, loadPrinciples, principlesFromBytes, DEFAULT_PRINCIPLES_URL, type LoadedPrinciples } from './principles/load.js';
export { readItems, type ReadItemsOptions, type ItemFormat } from './items/read.js';
export { createNormaliser, type Normaliser, type RawRecord } from './items/normalise.js';
export type { RunMeta } from './formats/types.js';
export type { ItemProblem } from './items/normalise.js';
