/** What the commands that read principles and items share: loading, wiring and reporting. */
import { TriageError } from '../errors.js';
import type { ItemFormat, ItemProblemAt, ReadItemsOptions } from '../items/read.js';
import { createNormaliser } from '../items/normalise.js';
import { loadPrinciples, type LoadedPrinciples } from '../principles/load.js';
import type { Io } from './io.js';

export interface CommonOptions {
  principles?: string;
  color: boolean;
  quiet?: boolean;
  debug?: boolean;
}

export interface ItemInputOptions extends CommonOptions {
  inputFormat?: ItemFormat;
  relax?: boolean;
}

/** The principle set given with -p, or the bundled default. */
export function loadPolicyFor(options: CommonOptions, io: Io): Promise<LoadedPrinciples> {
  return loadPrinciples(options.principles, { cwd: io.cwd, stdin: io.stdin });
}

/** The item files to read: as given, or standard input when it is piped and none are given. */
export function itemPaths(files: readonly string[], io: Io): string[] {
  if (files.length > 0) {
    if (files.filter((f) => f === '-').length > 1) {
      throw new TriageError('usage', 'standard input (-) can be read only once');
    }
    return [...files];
  }
  if (io.stdin.isTTY) {
    throw new TriageError('usage', 'no item files given', {
      hint: 'name one or more files (e.g. triage score examples/backlog.csv), or pipe items in with -',
    });
  }
  return ['-'];
}

/** Prints item problems on stderr as they come, one line each, up to a limit. */
export class ProblemReporter {
  errors = 0;
  warnings = 0;
  private printed = 0;

  constructor(
    private readonly io: Io,
    private readonly options: { quiet?: boolean; max?: number } = {},
  ) {}

  report(problem: ItemProblemAt): void {
    if (problem.severity === 'error') this.errors++;
    else this.warnings++;
    if (problem.severity === 'warning' && this.options.quiet) return;
    if (this.printed >= (this.options.max ?? 20)) return;
    this.printed++;
    this.io.stderr.write(`${problem.file}:${problem.line}:${problem.column}: ${problem.severity}: ${problem.message} [${problem.ruleId}]\n`);
  }

  /** The closing line when some problems were not printed or items were skipped. */
  finish(): void {
    const total = this.errors + this.warnings;
    if (total > this.printed) {
      this.io.stderr.write(`… and ${total - this.printed} more problem(s); run "triage validate" to list them all\n`);
    }
    if (this.errors > 0) {
      this.io.stderr.write(`${this.errors} invalid item(s) were left out of the results\n`);
    }
  }
}

/** Options for the item readers, from the command's options. */
export function readerOptions(loaded: LoadedPrinciples, options: ItemInputOptions, io: Io, reporter: ProblemReporter): ReadItemsOptions {
  return {
    normaliser: createNormaliser(loaded.policy.fields),
    stdin: io.stdin,
    ...(options.inputFormat ? { format: options.inputFormat } : {}),
    csv: { relax: options.relax ?? false },
    onProblem: (problem) => reporter.report(problem),
  };
}
