/**
 * The shapes union-triage works with. Pure data: no behaviour lives here.
 * Field names that appear in JSON output are part of the product's contract: scripts rely on them.
 */

export type Scalar = string | number | boolean;

/** A normalised item value; `undefined` means unknown (an empty cell is unknown, not zero). */
export type FieldValue = string | number | boolean | readonly string[] | undefined;

/** Three-valued truth: `null` is "unknown" because a field the test needs is unknown. */
export type Tri = boolean | null;

// ---------------------------------------------------------------------------
// The principle set file, as written in YAML (after schema validation).

export type FieldType = 'string' | 'text' | 'enum' | 'number' | 'integer' | 'boolean' | 'list';

export interface FieldSpec {
  type: FieldType;
  description?: string;
  required?: boolean;
  /** enum: the allowed values; list: the allowed entries (any when absent). */
  values?: string[];
  min?: number;
  max?: number;
  /** list: separator used in CSV cells (default `;`). */
  separator?: string;
}

export interface RouteSpec {
  id: string;
  label: string;
  description?: string;
}

export interface Comparison {
  equals?: number;
  gt?: number;
  gte?: number;
  lt?: number;
  lte?: number;
}

/**
 * A test on one field: `field` and exactly one operator, a key of the operator table
 * (operators.ts). The built-in operators are typed here; registered ones are looked up by name.
 */
export interface LeafCondition extends Omit<Comparison, 'equals'> {
  field: string;
  in?: Scalar[];
  includes?: string[];
  includesAny?: string[];
  mentions?: string[];
  exists?: boolean;
  count?: Comparison;
  /** `equals` may compare any scalar, not only numbers. */
  equals?: Scalar;
}

export interface AllCondition {
  all: Condition[];
}
export interface AnyCondition {
  any: Condition[];
}
export interface NotCondition {
  not: Condition;
}

export type Condition = AllCondition | AnyCondition | NotCondition | LeafCondition;

export interface CriterionSpec {
  id: string;
  ask: string;
  when: Condition;
  points: number;
}

export interface PrincipleSpec {
  id: string;
  title: string;
  description?: string;
  weight: number;
  criteria: CriterionSpec[];
}

export interface SignalSpec {
  id: string;
  description?: string;
  when: Condition;
  points: number;
}

export interface Thresholds {
  transformational: number;
  businessAsUsual: number;
}

export interface RuleSpec {
  id: string;
  route: string;
  when: Condition;
  reason: string;
}

export interface DefaultRoute {
  route: string;
  reason: string;
}

/** A numeric field reports total per route (`totals:` in a principle set). */
export interface TotalSpec {
  field: string;
  label: string;
  /** `weeks`, `hours`, ...; an ISO currency code (`GBP`) is shown as money (`£`). */
  unit?: string;
}

export interface PrincipleSet {
  version: 1;
  organisation: string;
  description?: string;
  routes: RouteSpec[];
  fields: Record<string, FieldSpec>;
  /** Numeric fields to total per route in reports; none when absent. */
  totals?: TotalSpec[];
  principles: PrincipleSpec[];
  transformation: { signals: SignalSpec[]; thresholds: Thresholds };
  routing: { rules: RuleSpec[]; default: string | DefaultRoute };
  /** The resourcing model: what each route can take on (see docs/guides/capacity.md). */
  capacity?: CapacitySpec;
}

/** One term of a value sum: a computed score or a numeric item field, times a weight (default 1). */
export interface ValueTerm {
  score?: 'alignment' | 'transformation' | 'confidence';
  field?: string;
  weight?: number;
}

/** What capacity selection maximises: a computed score or numeric field by name, or a weighted sum. */
export type ValueSpec = string | { sum: ValueTerm[] };

export interface CapacitySpec {
  /** A label for the period the limits cover, e.g. `2026-27`. */
  period?: string;
  /** Default `alignment`. */
  value?: ValueSpec;
  /** Where work that does not fit goes; default the review route. */
  overflow?: { route?: string; reason?: string };
  /** By route id: the most of each numeric item field the route can take on. */
  routes: Record<string, Record<string, number>>;
}

// ---------------------------------------------------------------------------
// Work items.

/** Where an item (or one of its values) came from. Lines and columns are 1-based. */
export interface SourceLocation {
  file: string;
  line: number;
  column?: number;
}

export interface WorkItem {
  id: string;
  title: string;
  /** Normalised values of the fields the principle set declares, by field name. */
  values: Readonly<Record<string, FieldValue>>;
  /** Columns the principle set does not declare, passed through as read. */
  extra: Readonly<Record<string, string>>;
  source?: SourceLocation;
  /** Fields whose cell could not be read as the field's type and was read as unknown (`--lenient`). */
  unread?: readonly string[];
}

// ---------------------------------------------------------------------------
// Assessment (JSON key names are contract).

export type Classification = 'transformational' | 'borderline' | 'business-as-usual';

export interface CriterionResult {
  id: string;
  met: Tri;
  points: number;
  /** True when the answer came from a person rather than the item's data. */
  answered?: boolean;
}

export interface PrincipleScore {
  id: string;
  score: number;
  weight: number;
  contribution: number;
  criteria: CriterionResult[];
}

export interface SignalResult {
  id: string;
  met: Tri;
  points: number;
}

export interface Recommendation {
  route: string;
  routeLabel: string;
  rule: string;
  reason: string;
}

export interface AppliedDecision {
  route: string;
  rationale: string;
  by?: string;
  at?: string;
  stale: boolean;
  expires?: string;
  /** `confirmed` when the person chose what the tool recommended, else `overridden` (contract). */
  kind: 'confirmed' | 'overridden';
}

/** One fact changed: `to` written into the item in place of `from` (`null`: unknown). */
export interface FactChange {
  field: string;
  from: FieldValue | null;
  to: Exclude<FieldValue, undefined>;
}

/** The smallest changes of facts found that send an item to another route (contract). */
export interface Counterfactual {
  route: string;
  rule: string;
  changes: FactChange[];
  /** The scores the item would then have. */
  alignment: number;
  transformation: number;
}

export interface Assessment {
  id: string;
  title: string;
  route: string;
  routeLabel: string;
  rule: string;
  reason: string;
  classification: Classification;
  alignment: number;
  transformation: number;
  confidence: number;
  overridden: boolean;
  principles: PrincipleScore[];
  signals: SignalResult[];
  /** What alignment and transformation could be once the unknown facts are known (contract). */
  alignmentRange: [number, number];
  transformationRange: [number, number];
  /** False when resolving the unknown facts could change the route (contract). */
  firm: boolean;
  /**
   * When not firm, the data to chase: the missing facts that could each change the route on
   * their own, or, when none could alone, every missing fact the route rests on.
   */
  missingFacts?: string[];
  /** Fewest changes first, at most three per route (contract; only when asked for). */
  counterfactuals?: Counterfactual[];
  /** What the tool recommended, when a human decision overrides it. */
  recommended?: Recommendation;
  decision?: AppliedDecision;
  /** Whether the item fits its route's capacity (contract; only on routes with a capacity). */
  capacity?: CapacityOutcome;
}

/** An item's place in its route's capacity (contract). */
export interface CapacityOutcome {
  fits: boolean;
  because: string;
  /** The route whose capacity was weighed: the route the item had before it overflowed. */
  route: string;
  /** When a decision forced the item in or out. */
  commit?: 'in' | 'out';
}

/** An item and its assessment, what every output format receives. */
export interface AssessedItem {
  item: WorkItem;
  assessment: Assessment;
}

/**
 * The part of an assessment a row of the csv format shows: the route, its rule and reason,
 * and the scores, without the detail (per principle and signal, ranges, missing facts) that
 * costs about a tenth of a large run to work out. `assessRoute` gives it.
 */
export type RoutedAssessment = Pick<
  Assessment,
  | 'id'
  | 'title'
  | 'route'
  | 'routeLabel'
  | 'rule'
  | 'reason'
  | 'classification'
  | 'alignment'
  | 'transformation'
  | 'confidence'
  | 'overridden'
  | 'recommended'
  | 'decision'
>;

/** An item and the routed part of its assessment. */
export interface RoutedItem {
  item: WorkItem;
  assessment: RoutedAssessment;
}

// ---------------------------------------------------------------------------
// Explanations (data first: explain, HTML details and review cards only render it).

export interface ConditionTrace {
  /** The test in words, e.g. `effort_weeks <= 2`. */
  test: string;
  result: Tri;
  /** The value the test saw, in words (`unknown` when missing). */
  actual?: string;
  children?: ConditionTrace[];
}

export type RuleOutcome = 'matched' | 'not-matched' | 'unknown' | 'not-reached';

export interface RuleTrace {
  id: string;
  route: string;
  reason: string;
  outcome: RuleOutcome;
  /** For rules after the one that fired: whether they would also have matched. */
  wouldMatch?: Tri;
  condition: ConditionTrace;
}

export interface AssessmentTrace {
  criteria: Record<string, ConditionTrace>;
  signals: Record<string, ConditionTrace>;
  rules: RuleTrace[];
  classificationReason: string;
  positivePoints: number;
  negativePoints: number;
}
