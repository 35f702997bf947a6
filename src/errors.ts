/** Where something is in a source file: 1-based line and column. */
export interface Position {
  file: string;
  line?: number;
  column?: number;
}

/**
 * Exit codes (part of the product's contract): 0 success; 1 input read and found wanting;
 * 2 usage error or input that cannot be used at all; 130 interrupted.
 */
export const ExitCode = {
  ok: 0,
  findings: 1,
  usage: 2,
  interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export type ErrorCode =
  'usage' | 'file-not-found' | 'file-unreadable' | 'syntax' | 'principles-invalid' | 'item-invalid' | 'decisions-invalid' | 'output' | 'interrupted';

/**
 * The one error type of union-triage. Thrown anywhere with a code, a position
 * and a hint; only the CLI shell turns it into a line on stderr and an exit code.
 */
export class TriageError extends Error {
  readonly code: ErrorCode;
  readonly position: Position | undefined;
  readonly hint: string | undefined;
  readonly exitCode: ExitCode;
  /**
   * The command-line option whose value is at fault (long name, no dashes), when the error has
   * no position of its own: if the value came from a config file, the CLI points there.
   */
  readonly option: string | undefined;

  constructor(code: ErrorCode, message: string, options: { position?: Position; hint?: string; exitCode?: ExitCode; cause?: unknown; option?: string } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'TriageError';
    this.code = code;
    this.position = options.position;
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? defaultExitCode(code);
    this.option = options.option;
  }
}

function defaultExitCode(code: ErrorCode): ExitCode {
  switch (code) {
    case 'item-invalid':
      return ExitCode.findings;
    case 'interrupted':
      return ExitCode.interrupted;
    default:
      return ExitCode.usage;
  }
}

/** `file:line:column` as far as it is known. */
export function formatPosition(position: Position): string {
  let text = position.file;
  if (position.line !== undefined) {
    text += `:${position.line}`;
    if (position.column !== undefined) text += `:${position.column}`;
  }
  return text;
}

/** One line for stderr: `file:line:column: message; hint`. */
export function formatError(error: TriageError): string {
  const where = error.position ? `${formatPosition(error.position)}: ` : '';
  const hint = error.hint ? `; ${error.hint}` : '';
  return `${where}${error.message}${hint}`;
}
