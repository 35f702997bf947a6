/**
 * `triage calibrate --decisions FILE [files...]`: how well the principle set's recommendations
 * agree with people's decisions (overall, per route, as a matrix, the rules overruled most),
 * and the weights, signal points and thresholds within `--max-change` that agree best, with
 * leave-one-out agreement, the decided items that would change route, and the change as a
 * diff of the set. `--write FILE` writes the calibrated set, keeping comments and layout.
 * Exit 1 when no decision in force names an item read, or an item was invalid (left out);
 * 2 for usage errors and unusable input.
 */
import { stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MAX_STEPS, calibrate, parametersIn, type CalibrationResult, type DecidedCase } from '../core/calibrate/calibrate.js';
import { unifiedDiff } from '../core/calibrate/line-diff.js';
import { PARAMETER_GROUPS, type ParameterGroup } from '../core/calibrate/set-values.js';
import { compilePolicy, type Policy } from '../core/compile.js';
import { isExpired, isStale } from '../core/decisions.js';
import { printable } from '../core/printable.js';
import { parametersOf, type Parameter } from '../core/sensitivity/parameters.js';
import { loadDecisions, type LoadedDecisions } from '../decisions/load.js';
import { ExitCode, TriageError } from '../errors.js';
import { calibrationReport, type CalibrationReport } from '../formats/calibrate-words.js';
import { writeFileAtomically } from '../io/atomic.js';
import { openOutput } from '../io/output.js';
import { readBytes } from '../io/read.js';
import { refuseInputAsOutput } from '../io/target.js';
import { readItems } from '../items/read.js';
import { DEFAULT_PRINCIPLES_URL, MAX_PRINCIPLES_BYTES, type LoadedPrinciples } from '../principles/load.js';
import { withParameterValues } from '../principles/write-parameters.js';
import { hashOf, readPrincipleSetText, type PrincipleSetText } from '../principles/write-weights.js';
import { closest } from '../validate/suggest.js';
import { CalibrationProgressLine } from './calibrate-progress.js';
import { noteFinding } from './found-so-far.js';
import { colorEnabled, type Io } from './io.js';
import { localDate } from './score-decisions.js';
import { clock } from '../io/clock.js';
import { runMeta } from './score.js';
import { ProblemReporter, itemPaths, readerOptions, runInputs, type ItemInputOptions } from './shared.js';

export const CALIBRATE_FORMATS = ['table', 'json', 'diff'] as const;

export interface CalibrateOptions extends ItemInputOptions {
  format: (typeof CALIBRATE_FORMATS)[number];
  output?: string;
  decisions?: string;
  /** `weights,points,thresholds` and/or parameter ids. */
  vary?: string;
  /** `50%`, `50` or `none`. */
  maxChange?: string;
  write?: string;
  force?: boolean;
  limit?: number;
}

/** The bound on each move when --max-change is not given: half the value either way. */
export const DEFAULT_MAX_CHANGE = 50;
/** Decided items the table lists when --limit is not given. */
export const DEFAULT_ITEM_LIMIT = 50;
/** Decisions naming no item, listed one per line before the rest are counted. */
const MAX_UNMATCHED_LINES = 20;

export async function calibrateCommand(files: string[], options: CalibrateOptions, io: Io): Promise<number> {
  const maxChange = parseMaxChange(options.maxChange);
  if (options.decisions === undefined || options.decisions === '') {
    throw new TriageError('usage', 'triage calibrate needs the decisions to agree with: --decisions FILE', {
      hint: 'e.g. triage calibrate --decisions decisions.yaml backlog.csv (triage review writes such a file)',
    });
  }
  const decisionsPath = options.decisions;
  if (options.principles === '-' && files.includes('-')) {
    throw new TriageError('usage', 'standard input (-) can be read only once, and both -p and the item files name it', {
      hint: 'save one of the two to a file and name it',
    });
  }
  const text = await readPrincipleSetText(options.principles, { cwd: io.cwd, ...(options.principles === '-' ? { stdin: io.stdin } : {}) });
  const loaded: LoadedPrinciples = { file: text.file, set: text.set, policy: compilePolicy(text.set), hash: text.hash, source: text.source };
  const vary = parseVary(options.vary, loaded.policy);
  const paths = itemPaths(files, io);
  const inPlace = await checkWrite(options, text, paths);
  const decisions = await loadDecisions(decisionsPath, loaded.policy);

  const reporter = new ProblemReporter(io, { ...(options.quiet !== undefined ? { quiet: options.quiet } : {}), onError: noteFinding });
  const { cases, skipped, unmatched } = await readDecided(paths, decisions, loaded, options, io, reporter);
  reporter.finish();
  if (cases.length === 0) {
    throw new TriageError('usage', `no decision in ${decisions.file} is in force for an item read, so there is nothing to calibrate against`, {
      exitCode: ExitCode.findings,
      hint: decisions.decisions.length === 0 ? 'record decisions first with triage review' : 'give the item files the decisions were made on',
    });
  }
  if (!options.quiet) noteUnmatched(unmatched, decisions, io);

  const progress = !options.quiet && io.stderr.isTTY ? new CalibrationProgressLine(io.stderr, cases.length) : undefined;
  let result: CalibrationResult;
  try {
    result = calibrate(loaded.set, cases, {
      vary,
      maxChange: maxChange === null ? Infinity : maxChange / 100,
      ...(progress ? { onProgress: (p) => progress.update(p) } : {}),
    });
  } finally {
    progress?.clear();
  }

  const parameters = new Map(parametersOf(loaded.policy).map((p) => [p.id, p]));
  const written = withParameterValues(
    text,
    result.changes.map((c) => ({ parameter: parameters.get(c.parameter) as Parameter, to: c.to })),
  );
  const lines = new Map<string, number>();
  for (const place of written.places) if (!lines.has(place.parameter)) lines.set(place.parameter, place.line);
  const diff = unifiedDiff(text.text, written.text, ...diffNames(text.file));
  const { tool, principles, inputs, generatedAt } = runMeta(loaded, paths, clock(io.env));
  const report = calibrationReport(
    result,
    {
      tool,
      principles,
      inputs,
      decisions: decisions.file,
      generatedAt,
      vary,
      maxChange,
      maxSteps: MAX_STEPS,
      skipped: { ...skipped, unmatched: unmatched.length },
    },
    diff,
    lines,
  );
  await writeReport(report, new Map(loaded.set.routes.map((r) => [r.id, r.label])), text.text, written.text, options, paths, io);
  if (options.write !== undefined) await writeSet(text, written.text, options.write, inPlace, result.changes.length > 0, options, io);
  return reporter.errors > 0 ? ExitCode.findings : ExitCode.ok;
}

/** `50%`, `50`, or `none` (null: each parameter anywhere in its range). */
export function parseMaxChange(text: string | undefined): number | null {
  if (text === undefined) return DEFAULT_MAX_CHANGE;
  if (text.trim().toLowerCase() === 'none') return null;
  const value = Number(text.trim().replace(/%$/, ''));
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0) {
    throw new TriageError('usage', `--max-change ${text} is not a percentage above 0`, {
      hint: 'give how far each parameter may move, as a share of its value, e.g. --max-change 50% (or none for anywhere in its range)',
      option: 'max-change',
    });
  }
  return value;
}

/** The parameter ids `--vary` names: groups (`weights`, `points`, `thresholds`) and ids, in the set's order. */
export function parseVary(text: string | undefined, policy: Policy): string[] {
  const all = parametersOf(policy).map((p) => p.id);
  const entries = (text ?? PARAMETER_GROUPS.join(','))
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  if (entries.length === 0) throw new TriageError('usage', '--vary names nothing to vary', { hint: 'e.g. --vary weights,points,thresholds', option: 'vary' });
  const chosen = new Set<string>();
  for (const entry of entries) {
    if ((PARAMETER_GROUPS as readonly string[]).includes(entry)) {
      for (const id of parametersIn(policy, [entry as ParameterGroup])) chosen.add(id);
    } else if (all.includes(entry)) chosen.add(entry);
    else {
      const near = closest(entry, [...PARAMETER_GROUPS, ...all]);
      throw new TriageError(
        'usage',
        `--vary ${entry}: not weights, points or thresholds, nor a parameter of the principle set${near ? `; did you mean "${near}"?` : ''}`,
        {
          hint: 'triage sensitivity lists the parameters by id, e.g. principles.insight-led.weight',
          option: 'vary',
        },
      );
    }
  }
  return all.filter((id) => chosen.has(id));
}

interface Read {
  cases: DecidedCase[];
  skipped: { expired: number; stale: number };
  unmatched: string[];
}

/** The items read that have a decision in force; the rest are only counted. */
async function readDecided(
  paths: string[],
  decisions: LoadedDecisions,
  loaded: LoadedPrinciples,
  options: CalibrateOptions,
  io: Io,
  reporter: ProblemReporter,
): Promise<Read> {
  const today = localDate();
  const seen = new Set<string>();
  const cases: DecidedCase[] = [];
  const skipped = { expired: 0, stale: 0 };
  for await (const item of readItems(paths, readerOptions(loaded, options, io, reporter))) {
    const decision = decisions.byId.get(item.id);
    if (!decision || seen.has(item.id)) continue;
    seen.add(item.id);
    if (isExpired(decision, today)) skipped.expired++;
    else if (isStale(decision, item)) skipped.stale++;
    else cases.push({ item, decided: decision.route, ...(decision.answers ? { answers: decision.answers } : {}) });
  }
  return { cases, skipped, unmatched: decisions.decisions.filter((d) => !seen.has(d.id)).map((d) => d.id) };
}

/** A warning for each decision that names no item read, at its place in the decisions file. */
function noteUnmatched(unmatched: readonly string[], decisions: LoadedDecisions, io: Io): void {
  for (const id of unmatched.slice(0, MAX_UNMATCHED_LINES)) {
    const at = decisions.positions.get(id);
    const where = at ? `${decisions.file}:${at.line}:${at.column}` : decisions.file;
    io.stderr.write(
      `${printable(`${where}: warning: decision for "${id}" matches no item in the input, so calibration leaves it out [decisions/unknown-item]`)}\n`,
    );
  }
  if (unmatched.length > MAX_UNMATCHED_LINES) io.stderr.write(`… and ${unmatched.length - MAX_UNMATCHED_LINES} more decisions matching no item\n`);
}

/**
 * Refuse a `--write` that would lose something, before the search: the bundled set, an input
 * of the run, or a file that exists (the set read included) without --force. Returns whether
 * it is the set read, written in place.
 */
async function checkWrite(options: CalibrateOptions, text: PrincipleSetText, paths: readonly string[]): Promise<boolean> {
  const path = options.write;
  if (path === undefined) return false;
  if (path === '' || path === '-') throw new TriageError('usage', '--write needs a file name', { hint: 'e.g. --write calibrated.yaml' });
  if (options.output !== undefined && options.output === path)
    throw new TriageError('usage', '--write and -o name the same file', { hint: 'give each its own file' });
  const info = await stat(path).catch(() => undefined);
  if (!info) return false;
  if (info.isDirectory())
    throw new TriageError('output', `cannot write to ${path}: it is a directory`, { hint: 'give a file name, e.g. --write calibrated.yaml' });
  const id = `${info.dev}:${info.ino}`;
  const identity = async (p: string | undefined): Promise<string | undefined> => {
    const s = p === undefined ? undefined : await stat(p).catch(() => undefined);
    return s ? `${s.dev}:${s.ino}` : undefined;
  };
  if (id === (await identity(fileURLToPath(DEFAULT_PRINCIPLES_URL)))) {
    throw new TriageError('output', `${path} is the bundled principle set, which stays as shipped`, {
      hint: 'write your own copy, e.g. --write principles.yaml',
    });
  }
  const inPlace = !text.bundled && id === (await identity(text.path));
  if (!inPlace)
    await refuseInputAsOutput(path, runInputs(paths, options), { hint: 'write the calibrated set to a file of its own, e.g. --write calibrated.yaml' });
  if (!options.force) {
    throw new TriageError('output', `${path} exists${inPlace ? ' (it is the principle set being read)' : ''}, and is written over only with --force`, {
      hint: inPlace ? 'add --force to update it in place, or name a new file' : 'add --force to replace it, or name a new file',
    });
  }
  return inPlace;
}

/** `a/principles/union.yaml` and `b/...` for a relative path (as git apply and patch -p1 read them); the path itself otherwise. */
function diffNames(file: string): [string, string] {
  return isAbsolute(file) || file.startsWith('<') ? [file, file] : [`a/${file}`, `b/${file}`];
}

async function writeReport(
  report: CalibrationReport,
  labels: ReadonlyMap<string, string>,
  before: string,
  after: string,
  options: CalibrateOptions,
  paths: readonly string[],
  io: Io,
): Promise<void> {
  const toFile = options.output !== undefined && options.output !== '-';
  let out: string;
  if (options.format === 'json') out = (await import('../formats/calibrate-json.js')).renderCalibrationJson(report);
  else if (options.format === 'diff') {
    // A patch to a file keeps the set's bytes; on a terminal, text from the file must not drive it.
    out = toFile || !io.stdout.isTTY ? report.diff : printable(report.diff, { lines: true });
  } else {
    out = (await import('../formats/calibrate-table.js')).renderCalibrationTable(report, {
      labels,
      color: !toFile && colorEnabled(io.stdout, io.env, options.color),
      limit: options.limit ?? DEFAULT_ITEM_LIMIT,
      before,
      after,
    });
  }
  const output = await openOutput(options.output, io.stdout, { inputs: runInputs([...paths], options), stdin: io.stdin, stderr: io.stderr });
  try {
    await output.write(out);
    await output.commit();
  } catch (error) {
    await output.abort();
    throw error;
  }
  if (toFile && !options.quiet) io.stderr.write(`${printable(`wrote ${options.output ?? ''}`)}\n`);
}

/** The calibrated set, atomically; in place only if nobody changed the file meanwhile. */
async function writeSet(
  text: PrincipleSetText,
  after: string,
  path: string,
  inPlace: boolean,
  changed: boolean,
  options: CalibrateOptions,
  io: Io,
): Promise<void> {
  if (inPlace && !changed) {
    if (!options.quiet) io.stderr.write(`${printable(`${path} was left as it is: no change agrees better`)}\n`);
    return;
  }
  await writeFileAtomically(path, Buffer.from(after, 'utf8'), {
    ...(inPlace
      ? {
          beforeRename: async () => {
            const now = await readBytes(path, { what: 'principle set', maxBytes: MAX_PRINCIPLES_BYTES }).catch(() => undefined);
            if (now === undefined || hashOf(now) !== text.hash) {
              throw new TriageError('output', `${path} changed while the calibration ran, so it was not written over`, {
                hint: 'run the command again on the file as it is now',
              });
            }
          },
        }
      : {}),
  });
  if (!options.quiet)
    io.stderr.write(`${printable(changed ? `calibrated principle set written to ${path}` : `no change agrees better: ${path} is a copy of ${text.file}`)}\n`);
}
