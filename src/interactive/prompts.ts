/**
 * The one door to the terminal's prompts. Flows ask questions through the small `Prompter`
 * interface, with questions as plain data, so tests drive them with a scripted fake; this
 * is the only file that imports @inquirer/prompts.
 */
import { confirm, input, select } from '@inquirer/prompts';
import { printable } from '../core/printable.js';

/** One choice of a select question. */
export interface Choice<T> {
  value: T;
  name: string;
  /** Shown under the list while the choice is highlighted. */
  description?: string;
}

export interface SelectQuestion<T> {
  message: string;
  choices: ReadonlyArray<Choice<T>>;
  /** The value Enter picks; the first choice when absent. */
  default?: T;
}

export interface InputQuestion {
  message: string;
  /** What Enter gives when nothing is typed. */
  default?: string;
  /** `true`, or a message saying what is wrong. Pure: no I/O. */
  validate?: (value: string) => true | string;
}

export interface ConfirmQuestion {
  message: string;
  default?: boolean;
}

/** What a flow needs from a terminal: three kinds of question. */
export interface Prompter {
  select<T>(question: SelectQuestion<T>): Promise<T>;
  input(question: InputQuestion): Promise<string>;
  confirm(question: ConfirmQuestion): Promise<boolean>;
}

/**
 * True when a prompt ended because the person pressed Ctrl-C (inquirer's ExitPromptError)
 * or the session was interrupted by a signal (AbortPromptError). Checked by name, as the
 * error classes live in a package the flows must not import.
 */
export function isInterrupt(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'ExitPromptError' || name === 'AbortPromptError';
}

export interface TerminalOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  color: boolean;
  /** Aborting it ends the current (or next) prompt with an interrupt. */
  signal?: AbortSignal;
}

/**
 * The real prompter: inquirer prompts on the given streams. What a question shows goes
 * through `printable`, as all text on the terminal does: a rationale offered again comes
 * from the decisions file, labels and questions from the principle set.
 */
export function terminalPrompter(options: TerminalOptions): Prompter {
  const context = { input: options.input, output: options.output, ...(options.signal ? { signal: options.signal } : {}) };
  const theme = options.color ? undefined : PLAIN_THEME;
  return {
    select<T>(question: SelectQuestion<T>): Promise<T> {
      return select<T>(
        {
          message: printable(question.message),
          choices: question.choices.map((c) => ({
            value: c.value,
            name: printable(c.name),
            ...(c.description ? { description: printable(c.description) } : {}),
          })),
          ...(question.default !== undefined ? { default: question.default } : {}),
          // Every choice on one page, and no wrapping round: Enter-through is predictable.
          pageSize: Math.max(question.choices.length, 1),
          loop: false,
          ...(theme ? { theme } : {}),
        },
        context,
      );
    },
    async input(question: InputQuestion): Promise<string> {
      // Inquirer shows the default, and types it in on Tab: it gets the escaped form, and
      // Enter on that form gives back the default as it was.
      const given = question.default;
      const shown = given !== undefined && given !== '' ? printable(given, { whole: true }) : undefined;
      const asGiven = (answer: string): string => (shown !== undefined && given !== undefined && answer === shown ? given : answer);
      const { validate } = question;
      const answer = await input(
        {
          message: printable(question.message),
          ...(shown !== undefined ? { default: shown } : {}),
          ...(validate ? { validate: (value: string) => validate(asGiven(value)) } : {}),
          ...(theme ? { theme } : {}),
        },
        context,
      );
      return asGiven(answer);
    },
    confirm(question: ConfirmQuestion): Promise<boolean> {
      return confirm(
        { message: printable(question.message), ...(question.default !== undefined ? { default: question.default } : {}), ...(theme ? { theme } : {}) },
        context,
      );
    },
  };
}

const plain = (text: string): string => text;

/** Inquirer's theme without colour, for --no-color and NO_COLOR. */
const PLAIN_THEME = {
  prefix: { idle: '?', done: '✔' },
  style: {
    answer: plain,
    message: plain,
    error: (text: string) => `> ${text}`,
    defaultAnswer: (text: string) => `(${text})`,
    help: plain,
    highlight: plain,
    key: (text: string) => `<${text}>`,
    description: plain,
    disabled: (text: string) => `- ${text}`,
    keysHelpTip: (keys: Array<[string, string]>) => keys.map(([key, action]) => `${key} ${action}`).join(' • '),
  },
};
