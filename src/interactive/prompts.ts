/**
 * The one door to the terminal's prompts. Flows ask questions through the small `Prompter`
 * interface, with questions as plain data, so tests drive them with a scripted fake; this
 * is the only file that imports @inquirer/prompts.
 */
import { confirm, input, select } from '@inquirer/prompts';

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

/** The real prompter: inquirer prompts on the given streams. */
export function terminalPrompter(options: TerminalOptions): Prompter {
  const context = { input: options.input, output: options.output, ...(options.signal ? { signal: options.signal } : {}) };
  const theme = options.color ? undefined : PLAIN_THEME;
  return {
    select<T>(question: SelectQuestion<T>): Promise<T> {
      return select<T>(
        {
          message: question.message,
          choices: question.choices.map((c) => ({ value: c.value, name: c.name, ...(c.description ? { description: c.description } : {}) })),
          ...(question.default !== undefined ? { default: question.default } : {}),
          // Every choice on one page, and no wrapping round: Enter-through is predictable.
          pageSize: Math.max(question.choices.length, 1),
          loop: false,
          ...(theme ? { theme } : {}),
        },
        context,
      );
    },
    input(question: InputQuestion): Promise<string> {
      return input(
        {
          message: question.message,
          ...(question.default !== undefined && question.default !== '' ? { default: question.default } : {}),
          ...(question.validate ? { validate: question.validate } : {}),
          ...(theme ? { theme } : {}),
        },
        context,
      );
    },
    confirm(question: ConfirmQuestion): Promise<boolean> {
      return confirm(
        { message: question.message, ...(question.default !== undefined ? { default: question.default } : {}), ...(theme ? { theme } : {}) },
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
