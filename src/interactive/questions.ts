/**
 * The questions of `triage review`, as data: each function returns what to ask, with a pure
 * validator where an answer can be wrong. The flow asks them through a Prompter.
 */
import type { CompiledCriterion, Policy } from '../core/compile.js';
import { isReviewRoute } from '../core/suggest.js';
import type { Tri } from '../core/types.js';
import type { InputQuestion, SelectQuestion } from './prompts.js';

/** Choice values that are not routes (route ids never start with a colon). */
export const SKIP = ':skip';
export const BACK = ':back';
export const EXPLAIN = ':explain';

/** Yes / no / don't know for a criterion the data could not decide; Enter keeps "don't know". */
export function criterionQuestion(criterion: CompiledCriterion, earlier: Tri = null): SelectQuestion<Tri> {
  return {
    message: `${criterion.ask} [${criterion.id}]`,
    choices: [
      { value: true, name: 'yes' },
      { value: false, name: 'no' },
      { value: null, name: "don't know" },
    ],
    default: earlier,
  };
}

export interface RouteQuestionInput {
  /** The tool's route after any answers. */
  recommended: string;
  /** The concrete route the rules point to when the tool's route is review: marked, never the default. */
  suggested?: string;
  /** The route the person chose the last time this item was shown. */
  earlier?: string;
  /** Offer "back to the previous item" (not on the first). */
  canGoBack: boolean;
}

/**
 * Which route: every route with its label, then the full explanation, skip and back. Enter
 * confirms a concrete recommendation; when the tool says review, Enter skips, so pressing
 * Enter through the queue never decides an item the rules could not place.
 */
export function routeQuestion(policy: Policy, input: RouteQuestionInput): SelectQuestion<string> {
  const choices = policy.set.routes.map((route) => {
    const marks = [
      route.id === input.recommended ? 'recommended' : '',
      route.id === input.suggested ? 'closest rule' : '',
      route.id === input.earlier ? 'your earlier choice' : '',
    ].filter(Boolean);
    return {
      value: route.id,
      name: marks.length > 0 ? `${route.label} (${marks.join(', ')})` : route.label,
      ...(route.description ? { description: route.description } : {}),
    };
  });
  choices.push({ value: EXPLAIN, name: 'show the full explanation', description: 'Every criterion, signal and rule with its test; then choose again.' });
  choices.push({ value: SKIP, name: 'skip for now', description: 'Decide later: the item stays in the queue for the next session.' });
  if (input.canGoBack)
    choices.push({
      value: BACK,
      name: 'back to the previous item',
      description: 'Show the previous item again; deciding it again replaces the earlier decision.',
    });
  return { message: 'Route:', choices, default: defaultRoute(input) };
}

/** What Enter chooses: the earlier choice, else a concrete recommendation, else skip. */
export function defaultRoute(input: Pick<RouteQuestionInput, 'recommended' | 'earlier'>): string {
  return input.earlier ?? (isReviewRoute(input.recommended) ? SKIP : input.recommended);
}

/**
 * Why. Required for any route when the tool could not place the item, and for a route other
 * than a concrete recommendation; optional when confirming one.
 */
export function rationaleQuestion(policy: Policy, chosen: string, recommended: string, earlier?: string): InputQuestion {
  const label = (id: string): string => policy.routes.get(id)?.label ?? id;
  const message = isReviewRoute(recommended)
    ? `Why ${label(chosen)}? (required: the rules could not place this item)`
    : chosen !== recommended
      ? `Why ${label(chosen)} rather than ${label(recommended)}? (required)`
      : 'Rationale (optional, Enter to leave empty):';
  const required = isReviewRoute(recommended) || chosen !== recommended;
  return {
    message,
    ...(earlier ? { default: earlier } : {}),
    ...(required ? { validate: requireRationale } : {}),
  };
}

/** A rationale must say something. */
export function requireRationale(value: string): true | string {
  return value.trim() !== '' || 'a rationale is required here: say in a few words why, so that others can follow the decision later';
}
