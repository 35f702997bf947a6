/**
 * The questions of `triage review`, as data: each function returns what to ask, with a pure
 * validator where an answer can be wrong. The flow asks them through a Prompter.
 */
import type { CompiledCriterion, Policy } from '../core/compile.js';
import type { Tri } from '../core/types.js';
import type { InputQuestion, SelectQuestion } from './prompts.js';

/** Choice values that are not routes (route ids never start with a colon). */
export const SKIP = ':skip';
export const BACK = ':back';

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
  /** The concrete route offered when the tool's route is review. */
  suggested?: string;
  /** The route the person chose the last time this item was shown. */
  earlier?: string;
  /** Offer "back to the previous item" (not on the first). */
  canGoBack: boolean;
}

/** Which route: every route with its label, then skip and back. Enter takes the default. */
export function routeQuestion(policy: Policy, input: RouteQuestionInput): SelectQuestion<string> {
  const choices = policy.set.routes.map((route) => {
    const marks = [
      route.id === input.recommended ? 'recommended' : '',
      route.id === input.suggested ? 'suggested' : '',
      route.id === input.earlier ? 'your earlier choice' : '',
    ].filter(Boolean);
    return {
      value: route.id,
      name: marks.length > 0 ? `${route.label} (${marks.join(', ')})` : route.label,
      ...(route.description ? { description: route.description } : {}),
    };
  });
  choices.push({ value: SKIP, name: 'skip for now', description: 'Decide later: the item stays in the queue for the next session.' });
  if (input.canGoBack) choices.push({ value: BACK, name: 'back to the previous item', description: 'Show the previous item again; deciding it again replaces the earlier decision.' });
  return { message: 'Route:', choices, default: defaultRoute(input) };
}

/** The route Enter chooses: the recommendation, or the suggestion when the tool says review. */
export function defaultRoute(input: Pick<RouteQuestionInput, 'recommended' | 'suggested'>): string {
  return input.suggested ?? input.recommended;
}

/** Why: required when the person's route differs from the default, optional otherwise. */
export function rationaleQuestion(policy: Policy, chosen: string, byDefault: string, earlier?: string): InputQuestion {
  const label = (id: string): string => policy.routes.get(id)?.label ?? id;
  const required = chosen !== byDefault;
  return {
    message: required ? `Why ${label(chosen)} rather than ${label(byDefault)}? (required)` : 'Rationale (optional, Enter to leave empty):',
    ...(earlier ? { default: earlier } : {}),
    ...(required ? { validate: requireRationale } : {}),
  };
}

/** A rationale must say something. */
export function requireRationale(value: string): true | string {
  return value.trim() !== '' || 'say in a few words why, so that others can follow the decision later';
}
