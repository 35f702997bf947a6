/**
 * The questions of `triage init`, as data with pure validators, and the flow that asks them
 * through a Prompter: the organisation's name, a label for each route, which of The Union's
 * principles to keep and how much each weighs, and any principles of its own.
 */
import type { PrincipleSet } from '../core/types.js';
import type { ConfirmQuestion, InputQuestion, Prompter } from './prompts.js';
import type { InitPlan, NewPrinciple } from './scaffold.js';

/** Ask everything `triage init` needs to write a principle set. */
export async function askInitPlan(prompter: Prompter, base: PrincipleSet): Promise<InitPlan> {
  const organisation = (await prompter.input(organisationQuestion(base.organisation))).trim();
  const routeLabels: Record<string, string> = {};
  for (const route of base.routes) {
    routeLabels[route.id] = (await prompter.input(routeLabelQuestion(route.id, route.label, route.description))).trim();
  }
  const principles: InitPlan['principles'] = [];
  for (const principle of base.principles) {
    if (!(await prompter.confirm(keepQuestion(principle.title, principle.weight)))) continue;
    principles.push({ id: principle.id, weight: parseWeight(await prompter.input(weightQuestion(principle.title, principle.weight))) as number });
  }
  const added: NewPrinciple[] = [];
  // A principle set needs at least one principle: with none kept, adding one is not optional.
  let more = principles.length === 0 || (await prompter.confirm(addQuestion(false)));
  while (more) {
    added.push(await askNewPrinciple(prompter));
    more = await prompter.confirm(addQuestion(true));
  }
  return { organisation, routeLabels, principles, added };
}

async function askNewPrinciple(prompter: Prompter): Promise<NewPrinciple> {
  const title = (await prompter.input(titleQuestion())).trim();
  const weight = parseWeight(await prompter.input(weightQuestion(title, 2))) as number;
  const keywords = parseKeywords(await prompter.input(keywordsQuestion(title))) as string[];
  return { title, weight, keywords };
}

export function organisationQuestion(current: string): InputQuestion {
  return { message: "Your organisation's name:", default: current, validate: (v) => textOfLength(v, 200, 'the name') };
}

export function routeLabelQuestion(id: string, label: string, description?: string): InputQuestion {
  const about = description ? ` (${description.replace(/\.$/, '')})` : '';
  return { message: `Label for the route "${id}"${about}:`, default: label, validate: (v) => textOfLength(v, 100, 'a label') };
}

export function keepQuestion(title: string, weight: number): ConfirmQuestion {
  return { message: `Keep the principle "${title}" (weight ${weight})?`, default: true };
}

export function weightQuestion(title: string, weight: number): InputQuestion {
  return {
    message: `Weight of "${title}" (more than 0):`,
    default: String(weight),
    validate: (v) => (typeof parseWeight(v) === 'number' ? true : (parseWeight(v) as string)),
  };
}

export function addQuestion(another: boolean): ConfirmQuestion {
  return { message: another ? 'Add another principle?' : 'Add a principle of your own?', default: false };
}

export function titleQuestion(): InputQuestion {
  return { message: 'Title of the new principle (e.g. Prevention and early help):', validate: (v) => textOfLength(v, 200, 'a title') };
}

export function keywordsQuestion(title: string): InputQuestion {
  return {
    message: `Keywords that show work serves "${title}" (words or phrases, separated by commas):`,
    validate: (v) => (Array.isArray(parseKeywords(v)) ? true : (parseKeywords(v) as string)),
  };
}

/** A weight: a number more than 0 and at most 1000; otherwise what is wrong. */
export function parseWeight(text: string): number | string {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0 || value > 1000) return 'give a number more than 0 (and at most 1000), e.g. 2';
  return value;
}

/** Comma-separated keywords, trimmed and without repeats; otherwise what is wrong. */
export function parseKeywords(text: string): string[] | string {
  const words = [
    ...new Set(
      text
        .split(',')
        .map((w) => w.trim())
        .filter((w) => w !== ''),
    ),
  ];
  if (words.length === 0) return 'give at least one word or phrase, e.g. prevention, early help';
  if (words.length > 100) return 'give at most 100 keywords';
  if (words.some((w) => w.length > 200)) return 'each keyword must be shorter than 200 characters';
  return words;
}

function textOfLength(value: string, max: number, what: string): true | string {
  const text = value.trim();
  if (text === '') return `give ${what}`;
  return text.length <= max || `keep ${what} to ${max} characters`;
}
