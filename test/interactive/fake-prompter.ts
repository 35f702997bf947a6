/** A scripted Prompter: each question takes the next step of the script, as a person at the keyboard would. */
import { isAbsolute } from 'node:path';
import type { Policy } from '../../src/core/compile.js';
import type { Decision } from '../../src/core/decisions.js';
import type { WorkItem } from '../../src/core/types.js';
import type { ConfirmQuestion, InputQuestion, Prompter, SelectQuestion } from '../../src/interactive/prompts.js';
import type { DecisionSink } from '../../src/interactive/review.js';
import { createNormaliser } from '../../src/items/normalise.js';
import { readItems } from '../../src/items/read.js';
import { repoPath } from '../helpers/run.js';

/** Press Enter: take the question's default. */
export const ENTER = Symbol('Enter');
/** Press Ctrl-C: the prompt fails as inquirer's does. */
export const CTRL_C = Symbol('Ctrl-C');

/** ENTER, CTRL_C, or the answer to give. */
export type Step = symbol | string | boolean | null;

export interface Asked {
  kind: 'select' | 'input' | 'confirm';
  message: string;
  default: unknown;
  choices?: Array<{ value: unknown; name: string }>;
  /** Answers the question's validator turned down, with its message. */
  rejected?: Array<[string, string]>;
  answer?: unknown;
}

export class ScriptedPrompter implements Prompter {
  readonly asked: Asked[] = [];
  private readonly script: Step[];

  /** With `thenEnter`, Enter is pressed for every question after the script ends. */
  constructor(
    script: Step[],
    private readonly options: { thenEnter?: boolean } = {},
  ) {
    this.script = [...script];
  }

  async select<T>(question: SelectQuestion<T>): Promise<T> {
    const asked: Asked = {
      kind: 'select',
      message: question.message,
      default: question.default,
      choices: question.choices.map((c) => ({ value: c.value, name: c.name })),
    };
    this.asked.push(asked);
    const step = this.next(question.message);
    const answer = step === ENTER ? (question.default !== undefined ? question.default : (question.choices[0]?.value as T)) : (step as T);
    if (!question.choices.some((c) => c.value === answer)) throw new Error(`"${String(answer)}" is not a choice of "${question.message}"`);
    asked.answer = answer;
    return answer;
  }

  async input(question: InputQuestion): Promise<string> {
    const asked: Asked = { kind: 'input', message: question.message, default: question.default, rejected: [] };
    this.asked.push(asked);
    for (;;) {
      const step = this.next(question.message);
      const answer = step === ENTER ? (question.default ?? '') : String(step);
      const verdict = question.validate ? question.validate(answer) : true;
      if (verdict === true) {
        asked.answer = answer;
        return answer;
      }
      // Inquirer shows the message and asks again: so does the script.
      asked.rejected?.push([answer, verdict]);
    }
  }

  async confirm(question: ConfirmQuestion): Promise<boolean> {
    const asked: Asked = { kind: 'confirm', message: question.message, default: question.default };
    this.asked.push(asked);
    const step = this.next(question.message);
    const answer = step === ENTER ? (question.default ?? false) : Boolean(step);
    asked.answer = answer;
    return answer;
  }

  /** Steps not used. */
  get remaining(): number {
    return this.script.length;
  }

  private next(message: string): Step {
    const step = this.script.length > 0 ? this.script.shift() : this.options.thenEnter ? ENTER : undefined;
    if (step === undefined) throw new Error(`the script ran out at "${message}"`);
    if (step === CTRL_C) {
      const error = new Error('User force closed the prompt with SIGINT');
      error.name = 'ExitPromptError';
      throw error;
    }
    return step;
  }
}

/** Decisions kept in memory, in the order saved. */
export class MemoryStore implements DecisionSink {
  readonly file = 'decisions.yaml';
  readonly saves: Decision[] = [];
  readonly byId = new Map<string, Decision>();

  async save(decision: Decision): Promise<void> {
    this.saves.push(decision);
    this.byId.set(decision.id, decision);
  }
}

/** The example backlog (or another file: a repository path, or an absolute one), read as the CLI reads it. */
export async function exampleItems(policy: Policy, path = 'examples/backlog.csv'): Promise<WorkItem[]> {
  const items: WorkItem[] = [];
  const options = {
    normaliser: createNormaliser(policy.fields),
    onProblem: (p: { message: string }) => {
      throw new Error(p.message);
    },
  };
  for await (const item of readItems([isAbsolute(path) ? path : repoPath(path)], options)) items.push(item);
  return items;
}

/** A fixed clock that moves on a minute per call. */
export function clock(start = '2025-03-04T09:00:00.000Z'): () => Date {
  let t = Date.parse(start);
  return () => {
    const now = new Date(t);
    t += 60_000;
    return now;
  };
}
