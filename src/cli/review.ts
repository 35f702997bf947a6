/**
 * `triage review`: walk the items that need a person, in the terminal, saving each decision
 * as it is made. Ctrl-C ends the session cleanly (exit 130); running again carries on.
 */
import { capacityPlan } from '../core/capacity/ledger.js';
import { CapacityTally } from '../core/capacity/tally.js';
import { userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { printable } from '../core/printable.js';
import type { WorkItem } from '../core/types.js';
import type { Policy } from '../core/compile.js';
import type { Decision } from '../core/decisions.js';
import { DecisionStore } from '../decisions/store.js';
import { ExitCode, TriageError } from '../errors.js';
import { terminalPrompter, type Prompter } from '../interactive/prompts.js';
import { buildQueue } from '../interactive/queue.js';
import { runReview, summaryLine, type MinutesSink, type ReviewResult } from '../interactive/review.js';
import { renderMinutes, type Minute, type MinutesHeader } from '../formats/minutes.js';
import { writeFileAtomically } from '../io/atomic.js';
import { wrap } from '../formats/wrap.js';
import { refuseInputAsOutput } from '../io/target.js';
import { readItems } from '../items/read.js';
import { clock } from '../io/clock.js';
import { colorEnabled, terminalWidth, type Io } from './io.js';
import { ProblemReporter, loadPolicyFor, readerOptions, runInputs, type ItemInputOptions } from './shared.js';

export interface ReviewOptions extends ItemInputOptions {
  /** The decisions file; default `decisions.yaml` beside the first item file. */
  decisions?: string;
  /** Review every item not yet decided. */
  all?: boolean;
  /** Review items whose confidence is below this (0-1), as text from the command line. */
  minConfidence?: string;
  /** Who decides; default the user's login name. */
  by?: string;
  /** Also review items whose route the missing facts could still change. */
  unsettled?: boolean;
  /** Write the session's minutes (Markdown) to this file as it goes. */
  minutes?: string;
}

/** `prompter` replaces the terminal's prompts (tests drive the command with a scripted one). */
export async function reviewCommand(files: string[], options: ReviewOptions, io: Io, prompter?: Prompter): Promise<number> {
  checkFiles(files);
  if (options.principles === '-') {
    throw new TriageError('usage', 'triage review cannot read the principle set from standard input (-p -): the keyboard is needed for the answers', {
      hint: 'name the principle set file, e.g. -p principles.yaml',
    });
  }
  const minConfidence = parseShare(options.minConfidence ?? '0.5');
  if (!io.stdin.isTTY) {
    throw new TriageError('usage', 'triage review asks questions, so it needs a terminal, and standard input is not one', {
      hint: 'run it in a terminal; in a script, use triage score --decisions FILE to apply decisions already made',
    });
  }
  const loaded = await loadPolicyFor(options, io);
  const { policy } = loaded;
  const reporter = new ProblemReporter(io, { quiet: options.quiet });
  const items: WorkItem[] = [];
  for await (const item of readItems(files, readerOptions(loaded, options, io, reporter))) items.push(item);
  reporter.finish();
  const found = reporter.errors > 0 ? ExitCode.findings : ExitCode.ok;

  const file = options.decisions ?? join(dirname(files[0] as string), 'decisions.yaml');
  // Decisions saved over an item file (or the principle set) would replace it.
  await refuseInputAsOutput(file, runInputs(files, { ...options, decisions: undefined }), { hint: 'choose another file with --decisions' });
  if (options.minutes !== undefined) {
    // The decisions file may not exist yet, so it has no identity to compare: compare paths too.
    if (resolve(io.cwd, options.minutes) === resolve(io.cwd, file)) {
      throw new TriageError('usage', `cannot write the minutes to ${options.minutes}: decisions are saved there`, {
        position: { file: options.minutes },
        hint: 'choose another file with --minutes',
      });
    }
    await refuseInputAsOutput(options.minutes, [...runInputs(files, { ...options, decisions: undefined }), { path: file, what: 'decisions file' }], {
      hint: 'choose another file with --minutes',
    });
  }
  const store = await DecisionStore.open(file, { policy });
  try {
    const now = clock(io.env);
    const queue = buildQueue(policy, items, (id) => store.get(id), {
      all: options.all ?? false,
      unsettled: options.unsettled ?? false,
      minConfidence,
      today: localDate(now),
    });
    if (queue.length === 0) {
      io.stdout.write(`${printable(`Nothing needs review: ${nothingLeft(items.length, options.all ?? false, minConfidence, file)}`)}\n`);
      return found;
    }
    const width = terminalWidth(io.stdout, io.env);
    if (!options.quiet) io.stdout.write(intro(queue.length, file, width));
    const color = colorEnabled(io.stdout, io.env, options.color);
    const result = await withInterrupts((signal) =>
      runReview({
        ...reviewCapacity(policy, items, (id) => store.get(id)),
        policy,
        queue,
        store,
        prompter: prompter ?? terminalPrompter({ input: io.stdin, output: io.stdout, color, signal }),
        now: () => clock(io.env),
        by: options.by?.trim() || userName(io.env),
        write: (text) => void io.stdout.write(text),
        card: { color, width },
        ...(options.minutes !== undefined
          ? {
              minutes: minutesFile(options.minutes, {
                policy,
                principlesFile: loaded.file,
                principlesHash: loaded.hash,
                decisionsFile: file,
                by: options.by?.trim() || userName(io.env),
                started: now,
              }),
            }
          : {}),
      }),
    );
    if (result.interrupted || result.failure !== undefined) {
      io.stderr.write(`\n${tally(result)}\n`);
      if (result.failure !== undefined) throw result.failure instanceof Error ? result.failure : new Error(`review failed: ${JSON.stringify(result.failure)}`);
      return ExitCode.interrupted;
    }
    io.stdout.write(summaryLine(result, file));
    return found;
  } finally {
    await store.close();
  }
}

/** The minutes, written whole and atomically after each entry, so the file is always complete. */
function minutesFile(path: string, header: MinutesHeader): MinutesSink {
  const minutes: Minute[] = [];
  return {
    async record(entry) {
      minutes.push(entry);
      await writeFileAtomically(path, new TextEncoder().encode(renderMinutes(header, minutes)));
    },
  };
}

function checkFiles(files: string[]): void {
  if (files.length === 0) {
    throw new TriageError('usage', 'no item files given', { hint: 'name the files to review, e.g. triage review examples/backlog.csv' });
  }
  if (files.includes('-')) {
    throw new TriageError('usage', 'triage review cannot read items from standard input (-): the keyboard is needed for the answers', {
      hint: 'save the items to a file and name it, e.g. triage review backlog.csv',
    });
  }
}

/** A number from 0 to 1. */
function parseShare(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new TriageError('usage', `--min-confidence ${text}: give a number from 0 to 1`, { hint: 'e.g. --min-confidence 0.7', option: 'min-confidence' });
  }
  return value;
}

/**
 * While the session runs, Ctrl-C between two questions (when the terminal is not in raw
 * mode) ends it as cleanly as Ctrl-C at a question: the signal aborts the prompts instead
 * of killing the process halfway through a save.
 */
async function withInterrupts(run: (signal: AbortSignal) => Promise<ReviewResult>): Promise<ReviewResult> {
  const controller = new AbortController();
  const onSignal = (): void => controller.abort();
  process.on('SIGINT', onSignal);
  try {
    return await run(controller.signal);
  } finally {
    process.removeListener('SIGINT', onSignal);
  }
}

function intro(count: number, file: string, width: number): string {
  const text =
    `${count} ${count === 1 ? 'item needs' : 'items need'} a person. Each decision is saved to ${file} as soon as it is made. ` +
    'Enter confirms a concrete recommendation; an item the rules could not place is only decided when you choose a route and say why, so Enter alone skips it. Ctrl-C stops, and running the same command again carries on.';
  return `${wrap(printable(text), Math.min(width, 100)).join('\n')}\n\n`;
}

function tally(result: ReviewResult): string {
  const saved = `${result.saved} ${result.saved === 1 ? 'decision' : 'decisions'} saved`;
  return `${saved}, ${result.left} left${result.left > 0 ? ': run the same command again to carry on' : ''}`;
}

function nothingLeft(count: number, all: boolean, minConfidence: number, file: string): string {
  if (count === 0) return 'the files hold no valid items.';
  if (all) return `every one of the ${count} items already has a decision in ${file}.`;
  return `of ${count} items, every one routed to review or with confidence below ${minConfidence} already has a decision in ${file}.`;
}

/** Who is deciding: the login name, or the environment's idea of it. */
function userName(env: Io['env']): string {
  try {
    const name = userInfo().username;
    if (name) return name;
  } catch {
    // Some containers have no user entry for the current uid.
  }
  return env['USER'] ?? env['USERNAME'] ?? 'unknown';
}

/** Today where the user is, as YYYY-MM-DD: when a decision's `expires` is compared. */
function localDate(now: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The capacity tally for a session: what the decisions already in the file take of each body. */
function reviewCapacity(policy: Policy, items: readonly WorkItem[], decided: (id: string) => Decision | undefined): { capacity?: CapacityTally } {
  const plan = capacityPlan(policy);
  if (!plan) return {};
  const tally = new CapacityTally(plan);
  for (const item of items) {
    const decision = decided(item.id);
    if (decision && decision.commit !== 'out') tally.set(item.id, decision.route, item);
  }
  return { capacity: tally };
}
