/**
 * The values tabular formats (CSV, Markdown, HTML) show for an item: assessment columns in a
 * fixed order, a person's decision beside the tool's recommendation, and item columns passed
 * through by name.
 */
import type { Answers } from '../core/assess.js';
import type { Policy } from '../core/compile.js';
import type { Assessment, Classification, FieldValue, RoutedAssessment, WorkItem } from '../core/types.js';

/**
 * Assessment columns, in the order the issue fixes (`id` ... `overridden`), then what a
 * decision adds so the recommendation and the rationale stay visible in a spreadsheet.
 */
export const ASSESSMENT_COLUMNS = [
  'id',
  'title',
  'route',
  'classification',
  'alignment',
  'transformation',
  'confidence',
  'rule',
  'reason',
  'overridden',
  'recommended_route',
  'recommended_rule',
  'rationale',
  'decided_by',
  'stale',
] as const;

/** Classifications in words, for reports people read. */
export const CLASSIFICATION_WORDS: Record<Classification, string> = {
  transformational: 'transformational',
  borderline: 'borderline',
  'business-as-usual': 'business as usual',
};

/** One item's assessment as text cells, in `ASSESSMENT_COLUMNS` order. */
export function assessmentCells(a: RoutedAssessment): string[] {
  const decided = a.overridden ? a.decision : undefined;
  return [
    a.id,
    a.title,
    a.route,
    a.classification,
    String(a.alignment),
    String(a.transformation),
    String(a.confidence),
    a.rule,
    a.reason,
    String(a.overridden),
    a.recommended?.route ?? '',
    a.recommended?.rule ?? '',
    decided?.rationale ?? '',
    decided?.by ?? '',
    decided ? String(decided.stale) : '',
  ];
}

/**
 * An item column by name, as text: a declared field (lists joined with the field's
 * separator) or a pass-through column (exact name first, then ignoring case). Empty when the
 * item does not have it, since empty means unknown.
 */
export function keptCell(item: WorkItem, name: string, policy: Policy): string {
  if (Object.hasOwn(item.values, name)) return fieldText(item.values[name], policy.fields.get(name)?.separator);
  if (Object.hasOwn(item.extra, name)) return item.extra[name] ?? '';
  const lower = name.toLowerCase();
  const match = Object.keys(item.extra).find((key) => key.toLowerCase() === lower);
  return match === undefined ? '' : (item.extra[match] ?? '');
}

function fieldText(value: FieldValue, separator = ';'): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return value.join(separator);
  return String(value);
}

/**
 * A decision in one sentence: an override with the recommendation it overrode, e.g.
 * `Decided by Jo: Team B has capacity. The tool recommended Needs review (rule default).`,
 * a confirmation with who confirmed it and why, e.g. `Confirmed by Jo: the contracts sit with us.`
 */
export function decisionNote(a: Assessment): string | undefined {
  const d = a.decision;
  if (!d || !a.recommended) return undefined;
  const confirmed = d.kind === 'confirmed';
  const by = `${confirmed ? 'Confirmed' : 'Decided'} by ${d.by ?? 'a person'}`;
  // A confirmation needs no reason; an override without one says so.
  const why = d.rationale ? sentence(`: ${d.rationale.trim()}`) : confirmed ? '.' : ' (no rationale given).';
  const recommended = confirmed ? '' : ` The tool recommended ${a.recommended.routeLabel} (rule ${a.recommended.rule}).`;
  const stale = d.stale ? ' The item has changed since: the decision is stale.' : '';
  return `${by}${why}${recommended}${stale}`;
}

/** End with a full stop unless the text already ends a sentence. */
function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** Answers a person gave in review, read back from the assessment, so the trace matches it. */
export function answersGiven(a: Assessment): Answers {
  const answers: Record<string, boolean | null> = {};
  for (const principle of a.principles) {
    for (const criterion of principle.criteria) if (criterion.answered) answers[criterion.id] = criterion.met;
  }
  return answers;
}
