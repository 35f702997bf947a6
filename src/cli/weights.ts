/**
 * `triage weights`: principle weights from pairwise comparisons (AHP). The judgements come
 * from a file (`--matrix`, for CI) or from questions in the terminal; the weights, λmax and
 * consistency ratio go to standard output, and with `--write` the weights go into a copy of
 * the principle set that keeps everything else byte for byte. Exit 1 when the consistency
 * ratio is above `--max-cr` (nothing is written then); Ctrl-C exits 130 with nothing written.
 */
import { stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { DEFAULT_MAX_CONSISTENCY_RATIO, MAX_ELEMENTS } from '../core/ahp.js';
import { printable } from '../core/printable.js';
import { formatLimit, weightsReport, type Judgement, type PrincipleRef, type WeightsReport } from '../core/weights-report.js';
import { ExitCode, TriageError } from '../errors.js';
import { renderWeightsJson } from '../formats/weights-json.js';
import { renderWeightsTable } from '../formats/weights-table.js';
import { terminalPrompter, type Prompter } from '../interactive/prompts.js';
import { runWeightsSession } from '../interactive/weights.js';
import { wrap } from '../formats/wrap.js';
import { writeFileAtomically } from '../io/atomic.js';
import { readBytes } from '../io/read.js';
import { positionAt } from '../io/yaml.js';
import { DEFAULT_PRINCIPLES_URL, MAX_PRINCIPLES_BYTES } from '../principles/load.js';
import { loadPairwise, renderPairwise } from '../principles/pairwise-file.js';
import { hashOf, readPrincipleSetText, withWeights, type PrincipleSetText } from '../principles/write-weights.js';
import { colorEnabled, terminalWidth, type Io } from './io.js';
import type { CommonOptions } from './shared.js';

export interface WeightsOptions extends CommonOptions {
  format: 'table' | 'json';
  /** A pairwise comparisons file; without it, the comparisons are asked in the terminal. */
  matrix?: string;
  /** Where to write the principle set with the new weights. */
  write?: string;
  /** Write over a file that exists (the principle set read included). */
  force?: boolean;
  /** The highest consistency ratio accepted, as text from the command line. */
  maxCr?: string;
  /** Where to save the answers given in the terminal, as a pairwise comparisons file. */
  saveMatrix?: string;
}

/** `prompter` replaces the terminal's prompts (tests drive the command with a scripted one). */
export async function weightsCommand(options: WeightsOptions, io: Io, prompter?: Prompter): Promise<number> {
  const maxCr = parseMaxCr(options.maxCr);
  const interactive = options.matrix === undefined;
  checkInputs(options, io, interactive);
  const loaded = await readPrincipleSetText(options.principles, { cwd: io.cwd, ...(needsStdin(options) ? { stdin: io.stdin } : {}) });
  const principles = principleRefs(loaded);
  const targets = await checkTargets(options, loaded);

  let judgements: Judgement[];
  let report: WeightsReport;
  if (interactive) {
    const result = await ask(principles, loaded.file, maxCr, options, io, prompter);
    if (result.interrupted) {
      io.stderr.write('\ninterrupted: nothing was written\n');
      return ExitCode.interrupted;
    }
    ({ judgements, report } = result);
    // A blank line between the last answer and the results, when both are on the same screen.
    if (io.stdout.isTTY) io.stdout.write('\n');
  } else {
    judgements = await loadPairwise(
      options.matrix as string,
      principles.map((p) => p.id),
      loaded.file,
      { stdin: io.stdin },
    );
    report = weightsReport(principles, judgements, maxCr);
  }

  const output =
    options.format === 'json'
      ? renderWeightsJson(report, { file: loaded.file })
      : renderWeightsTable(report, { file: loaded.file, color: colorEnabled(io.stdout, io.env, options.color) });
  io.stdout.write(output);
  if (targets.saveMatrix !== undefined) {
    await writeFileAtomically(
      targets.saveMatrix,
      Buffer.from(
        renderPairwise(
          judgements,
          principles.map((p) => p.id),
          matrixComment(loaded.file),
        ),
        'utf8',
      ),
    );
    if (!options.quiet) io.stderr.write(`${printable(`judgements saved to ${targets.saveMatrix}: run again with --matrix ${targets.saveMatrix}`)}\n`);
  }
  if (!report.consistent) {
    if (targets.write !== undefined) {
      io.stderr.write(
        `${printable(`triage: ${targets.write} was not written: the consistency ratio ${report.priorities.consistencyRatio.toFixed(3)} is above ${formatLimit(maxCr)}; reconsider the judgements named above, or accept more with --max-cr`)}\n`,
      );
    }
    return ExitCode.findings;
  }
  if (targets.write !== undefined) {
    await writeWeights(loaded, report, targets.write, targets.inPlace);
    if (!options.quiet) io.stderr.write(`${printable(`weights written to ${targets.write}`)}\n`);
  }
  return ExitCode.ok;
}

/** A number from 0 up: the consistency ratio allowed. */
function parseMaxCr(text: string | undefined): number {
  if (text === undefined) return DEFAULT_MAX_CONSISTENCY_RATIO;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0) {
    throw new TriageError('usage', `--max-cr ${text}: give a number, 0 or more`, { hint: "e.g. --max-cr 0.1 (Saaty's rule) or --max-cr 0.2" });
  }
  return value;
}

function needsStdin(options: WeightsOptions): boolean {
  return options.principles === '-' || options.matrix === '-';
}

/** What can be refused before anything is read or asked. */
function checkInputs(options: WeightsOptions, io: Io, interactive: boolean): void {
  if (options.principles === '-' && options.matrix === '-') {
    throw new TriageError('usage', 'standard input (-) can be read only once, and both -p and --matrix name it', {
      hint: 'save one of the two to a file and name it',
    });
  }
  if (options.saveMatrix !== undefined && !interactive) {
    throw new TriageError('usage', '--save-matrix saves the answers given in the terminal, and with --matrix nothing is asked', {
      hint: 'leave out --save-matrix, or leave out --matrix to answer the comparisons in the terminal',
    });
  }
  if (!interactive) return;
  if (options.principles === '-') {
    throw new TriageError(
      'usage',
      'triage weights cannot read the principle set from standard input (-p -) while it asks questions: the keyboard is needed for the answers',
      {
        hint: 'name the principle set file, e.g. -p principles.yaml, or give the judgements with --matrix FILE',
      },
    );
  }
  if (!io.stdin.isTTY) {
    throw new TriageError('usage', 'triage weights asks questions, so it needs a terminal, and standard input is not one', {
      hint: 'run it in a terminal; in a script, give the judgements with --matrix FILE',
    });
  }
}

function principleRefs(loaded: PrincipleSetText): PrincipleRef[] {
  const principles = loaded.set.principles.map((p) => ({ id: p.id, title: p.title, weight: p.weight }));
  if (principles.length > MAX_ELEMENTS) {
    const at = positionAt(loaded.source, ['principles'], true);
    throw new TriageError('usage', `the principle set has ${principles.length} principles, and triage weights compares at most ${MAX_ELEMENTS}`, {
      position: { file: loaded.file, line: at.line, column: at.column },
      hint: `Saaty's random index, which the consistency ratio needs, is published for up to ${MAX_ELEMENTS}, and ${(principles.length * (principles.length - 1)) / 2} comparisons are hard to keep consistent: group related principles, or set the weights by hand`,
    });
  }
  return principles;
}

interface Targets {
  write?: string;
  /** The --write file is the principle set read (allowed with --force). */
  inPlace: boolean;
  saveMatrix?: string;
}

/** Refuse outputs that would lose something, before any question is asked. */
async function checkTargets(options: WeightsOptions, loaded: PrincipleSetText): Promise<Targets> {
  const targets: Targets = { inPlace: false };
  const inputs = await identities([loaded.path, options.matrix === '-' ? undefined : options.matrix, fileURLToPath(DEFAULT_PRINCIPLES_URL)]);
  const [principlesId, matrixId, bundledId] = inputs;
  for (const [flag, path] of [
    ['--write', options.write],
    ['--save-matrix', options.saveMatrix],
  ] as const) {
    if (path === undefined) continue;
    if (path === '' || path === '-') {
      throw new TriageError('usage', `${flag} needs a file name`, {
        hint: flag === '--write' ? 'e.g. --write principles.yaml --force' : 'e.g. --save-matrix judgements.yaml',
      });
    }
    const info = await stat(path).catch(() => undefined);
    if (!info) continue;
    const id = `${info.dev}:${info.ino}`;
    if (info.isDirectory()) throw new TriageError('output', `cannot write to ${path}: it is a directory`, { hint: 'give a file name' });
    if (id === bundledId) {
      throw new TriageError('output', `${path} is the bundled principle set, which stays as shipped`, {
        hint: 'write your own copy, e.g. --write principles.yaml',
      });
    }
    if (id === matrixId)
      throw new TriageError('output', `${path} is the pairwise comparisons file being read: it is never written over`, { hint: 'choose another file' });
    const inPlace = flag === '--write' && id === principlesId;
    if (flag === '--save-matrix' && id === principlesId) {
      throw new TriageError('output', `${path} is the principle set being read: judgements are never saved over it`, {
        hint: 'e.g. --save-matrix judgements.yaml',
      });
    }
    if (!options.force) {
      throw new TriageError('output', `${path} exists${inPlace ? ' (it is the principle set being read)' : ''}, and is written over only with --force`, {
        hint: inPlace ? 'add --force to update its weights in place, or name a new file' : 'add --force to replace it, or name a new file',
      });
    }
    if (flag === '--write') targets.inPlace = inPlace;
  }
  if (options.write !== undefined) targets.write = options.write;
  if (options.saveMatrix !== undefined) targets.saveMatrix = options.saveMatrix;
  if (targets.write !== undefined && targets.write === targets.saveMatrix) {
    throw new TriageError('usage', '--write and --save-matrix name the same file', { hint: 'give each its own file' });
  }
  return targets;
}

/** `device:inode` of each path that exists, so a file is recognised under any name. */
async function identities(paths: ReadonlyArray<string | undefined>): Promise<Array<string | undefined>> {
  return Promise.all(
    paths.map(async (path) => {
      if (path === undefined) return undefined;
      const info = await stat(path).catch(() => undefined);
      return info ? `${info.dev}:${info.ino}` : undefined;
    }),
  );
}

/** The session in the terminal: prompts where a person sees them, Ctrl-C as an interrupt. */
async function ask(principles: PrincipleRef[], file: string, maxCr: number, options: WeightsOptions, io: Io, prompter: Prompter | undefined) {
  // Results may be piped (`-f json > weights.json`): questions then go to stderr.
  const screen = io.stdout.isTTY ? io.stdout : io.stderr;
  const color = colorEnabled(screen, io.env, options.color);
  const pairs = (principles.length * (principles.length - 1)) / 2;
  if (!options.quiet) {
    const text = `Compare the ${principles.length} principles of ${file} in pairs (${pairs} ${pairs === 1 ? 'comparison' : 'comparisons'}): which is more important, and how much, on Saaty's scale. Enter keeps the ratio of the current weights; Ctrl-C stops without writing anything.`;
    screen.write(`${wrap(printable(text), Math.min(terminalWidth(screen, io.env), 100)).join('\n')}\n\n`);
  }
  const controller = new AbortController();
  const onSignal = (): void => controller.abort();
  process.on('SIGINT', onSignal);
  try {
    return await runWeightsSession({
      principles,
      prompter: prompter ?? terminalPrompter({ input: io.stdin, output: screen, color, signal: controller.signal }),
      maxConsistencyRatio: maxCr,
      write: (text) => void screen.write(text),
    });
  } finally {
    process.removeListener('SIGINT', onSignal);
  }
}

/** The principle set with the scaled weights, atomically; in place only if nobody changed it meanwhile. */
async function writeWeights(loaded: PrincipleSetText, report: WeightsReport, path: string, inPlace: boolean): Promise<void> {
  const weights = new Map(report.principles.map((p, k) => [p.id, report.scaled[k] as number]));
  const text = withWeights(loaded, weights);
  await writeFileAtomically(path, Buffer.from(text, 'utf8'), {
    ...(inPlace
      ? {
          beforeRename: async () => {
            const now = await readBytes(path, { what: 'principle set', maxBytes: MAX_PRINCIPLES_BYTES }).catch(() => undefined);
            if (now === undefined || hashOf(now) !== loaded.hash) {
              throw new TriageError('output', `${path} changed while the weights were worked out, so it was not written over`, {
                hint: 'run the command again on the file as it is now',
              });
            }
          },
        }
      : {}),
  });
}

function matrixComment(file: string): string {
  return [
    `Pairwise comparisons of the principles in ${printable(file)}, for triage weights --matrix.`,
    'a: { b: 3 } says a is moderately more important than b (b: { a: 1/3 } says the same).',
    "Saaty's scale: 1 equally, 3 moderately, 5 strongly, 7 very strongly, 9 extremely (2, 4, 6, 8 between).",
  ].join('\n');
}
