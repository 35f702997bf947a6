/** What the commands that read principles and items share: loading, wiring and reporting. */
import { printable } from '../core/printable.js';
import { formatNamed } from '../formats/index.js';
import { TriageError } from '../errors.js';
import type { Encoding } from '../io/decode.js';
import type { RunInput } from '../io/target.js';
import { parseMapping, type ColumnMapping } from '../items/mapping.js';
import type { ItemFormat, ItemProblemAt, ReadItemsOptions } from '../items/read.js';
import { createNormaliser, type IdScheme } from '../items/normalise.js';
import { loadPrinciples, type LoadedPrinciples } from '../principles/load.js';
import type { Io } from './io.js';
import { workbookChoice } from './input-options.js';
import { Progress } from './progress.js';
import { findingLine } from '../findings.js';

export interface CommonOptions {
  principles?: string;
  color: boolean;
  quiet?: boolean;
  debug?: boolean;
}

export interface ItemInputOptions extends CommonOptions {
  inputFormat?: ItemFormat;
  relax?: boolean;
  /** `--map` values, each `field=column,...`. */
  map?: string[];
  /** The mapping from a config file; `--map` overrides it field by field. */
  configMap?: ColumnMapping;
  delimiter?: string;
  encoding?: Encoding;
  /** The workbook sheet to read (`--sheet`: a name or a tab number), and its header row. */
  sheet?: string;
  headerRow?: number;
  /** `--ids`: give items ids by their record number or a hash of their text. */
  ids?: IdScheme;
  /** `--lenient`: read values that do not fit their field as unknown, with a warning. */
  lenient?: boolean;
  /** `--keep-columns` (score): checked against each file's header. */
  keepColumns?: string[];
  /** The `--config` file the options came from, if any. */
  config?: string;
  /** Where the results go (`-o`), and in what format: whether progress may use the terminal. */
  output?: string;
  format?: string;
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

/** The files a run reads, as `openOutput` and the decisions store compare them with what they write. */
export function runInputs(items: readonly string[], options: ItemInputOptions & { decisions?: string | undefined }): RunInput[] {
  const inputs: RunInput[] = items.map((path) => ({ path, what: 'item file' }));
  if (options.principles !== undefined) inputs.push({ path: options.principles, what: 'principle set' });
  if (options.config !== undefined) inputs.push({ path: options.config, what: 'config file' });
  if (options.decisions !== undefined) inputs.push({ path: options.decisions, what: 'decisions file' });
  return inputs;
}

/** Prints item problems on stderr as they come, one line each, up to a limit. */
export class ProblemReporter {
  errors = 0;
  warnings = 0;
  /** Items left out as invalid: one however many problems it has. */
  leftOut = 0;
  /** Values read as unknown under --lenient. */
  unread = 0;
  /** Whether a file's header was warned to lack most of the fields the set reads. */
  absentFields = false;
  private printed = 0;
  /** Called before a line is printed, so a progress line can make way. */
  beforePrint: (() => void) | undefined;

  constructor(
    private readonly io: Io,
    private readonly options: { quiet?: boolean; max?: number; onError?: () => void } = {},
  ) {}

  report(problem: ItemProblemAt): void {
    if (problem.severity === 'error') {
      this.errors++;
      this.options.onError?.();
    } else this.warnings++;
    if (problem.ruleId === 'item/invalid-value' && problem.severity === 'warning') this.unread++;
    if (problem.ruleId === 'item/unknown-column' && problem.field === undefined) this.absentFields = true;
    if (problem.severity === 'warning' && this.options.quiet) return;
    if (this.printed >= (this.options.max ?? 20)) return;
    this.printed++;
    this.beforePrint?.();
    this.io.stderr.write(`${printable(findingLine(problem))}\n`);
  }

  /** The closing line when some problems were not printed or items were skipped. */
  finish(): void {
    // Warnings --quiet keeps back are not "more problems" either.
    const total = this.errors + (this.options.quiet ? 0 : this.warnings);
    if (total > this.printed) {
      this.io.stderr.write(`… and ${total - this.printed} more problem(s); run "triage validate" to list them all\n`);
    }
    if (this.leftOut > 0) {
      this.io.stderr.write(`${this.leftOut} invalid item(s) were left out of the results\n`);
    }
  }
}

/** Options for the item readers, from the command's options: mapping, CSV dialect, encoding, progress. */
export function readerOptions(loaded: LoadedPrinciples, options: ItemInputOptions, io: Io, reporter: ProblemReporter): ReadItemsOptions {
  const normaliser = createNormaliser(loaded.policy.fields, {
    ...(options.ids !== undefined ? { ids: options.ids } : {}),
    ...(options.lenient ? { lenient: true } : {}),
  });
  const mapping = { ...options.configMap, ...parseMapping(options.map ?? []) };
  if (!options.quiet) warnUnknownTargets(mapping, normaliser.known, io);
  const progress = progressFor(options, io, reporter);
  return {
    normaliser,
    stdin: io.stdin,
    ...(options.inputFormat ? { format: options.inputFormat } : {}),
    csv: { relax: options.relax ?? false, ...(options.delimiter ? { delimiter: options.delimiter } : {}) },
    workbook: workbookChoice(options),
    ...(options.encoding ? { encoding: options.encoding } : {}),
    mapping,
    reads: [...loaded.policy.leavesByField.keys()],
    ...(options.keepColumns ? { keepColumns: options.keepColumns } : {}),
    onProblem: (problem) => reporter.report(problem),
    onLeftOut: (count) => {
      reporter.leftOut += count;
    },
    ...(progress
      ? {
          onFile: (_file: string, bytes: number | undefined) => progress.file(bytes),
          onBytes: (bytes: number) => progress.read(bytes),
          onRecords: (count: number) => progress.counted(count),
          onEnd: () => progress.clear(),
        }
      : {}),
  };
}

/**
 * Progress only for a person at a terminal: stderr is one, --quiet is off, and results are
 * not streaming onto that same terminal, where the line would tangle with the rows.
 */
function wantsProgress(options: ItemInputOptions, io: Io): boolean {
  if (options.quiet || !io.stderr.isTTY) return false;
  const toTerminal = io.stdout.isTTY === true && (options.output === undefined || options.output === '-');
  return !(toTerminal && formatNamed(options.format ?? '')?.streaming === true);
}

/** The progress line a run draws, when it may (see wantsProgress); a problem printed clears it first. */
export function progressFor(options: ItemInputOptions, io: Io, reporter: ProblemReporter): Progress | undefined {
  if (!wantsProgress(options, io)) return undefined;
  const progress = new Progress(io.stderr);
  reporter.beforePrint = () => progress.clear();
  return progress;
}

/** A mapping into a name the principle set does not declare is allowed (a pass-through column), but often a typo. */
function warnUnknownTargets(mapping: ColumnMapping, known: ReadonlySet<string>, io: Io): void {
  for (const [field, column] of Object.entries(mapping)) {
    if (known.has(field)) continue;
    // Both names may come from a config file.
    io.stderr.write(
      `${printable(`triage: warning: the mapping reads "${column}" as "${field}", which is not a field of the principle set, so it passes through unchecked`)}\n`,
    );
  }
}
