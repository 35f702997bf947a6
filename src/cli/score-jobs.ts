/**
 * `triage score --jobs N`: a big CSV file scored on N threads, the main thread and N - 1
 * workers. The main thread scans the file once for record-aligned byte ranges
 * (io/csv-split.ts) and hands them out in turn; each range is read and scored by one function
 * (score-piece.ts), on a worker (score-worker.ts) or here, and comes back as finished output
 * bytes, which the main thread writes in input order. The output is the same, byte for byte,
 * as one thread's; so are the problems reported, and in the same order.
 *
 * Only what can go in parallel does: one regular CSV/TSV file, in a format that writes each
 * item as it comes (csv, jsonl), in input order, without --decisions or --fail-on, and big
 * enough to be worth it. Everything else runs on one thread, as it always did.
 */
import { availableParallelism } from 'node:os';
import { open, stat } from 'node:fs/promises';
import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { Policy } from '../core/compile.js';
import type { PrincipleSet } from '../core/types.js';
import { TriageError, type ExitCode } from '../errors.js';
import type { RunMeta } from '../formats/types.js';
import { headerEnd, splitCsv, type ByteRange } from '../io/csv-split.js';
import type { Output } from '../io/output.js';
import { ParallelHeap, startWorkersYoungGeneration } from './heap.js';
import { pageMemory } from '../io/page-memory.js';
import type { Progress } from './progress.js';
import { displayName } from '../io/read.js';
import { IdIndex } from '../items/id-index.js';
import { formatFromName } from '../items/format.js';
import { duplicateId, type ItemProblemAt } from '../items/read.js';
import type { ScoreOptions } from './score.js';
import { pieceRunner, type ItemShape, type PieceRequest, type PieceResult, type SerialisedError, type TaggedProblem, type WorkerSetup } from './score-piece.js';

/** Formats whose rows a worker can write: each item's text depends on the item alone. */
const PARALLEL_FORMATS = new Set(['csv', 'jsonl']);
/** Below this, starting workers costs more than it saves. TRIAGE_JOBS_MIN_BYTES overrides it (tests). */
export const MIN_PARALLEL_BYTES = 16 * 1024 * 1024;
/** The most input bytes a range holds. TRIAGE_JOBS_PIECE_BYTES fixes every range's size (tests). */
const PIECE_BYTES = 1024 * 1024;
/**
 * Ranges are sized to make about this much output each. A jsonl row with its counterfactuals
 * is 14 times its CSV row: ranges of a fixed 1 MB of input made 14 MB of bytes each, and the
 * few held at once (in flight, or waiting for their turn to be written) took a 100k-row run to
 * 250 MB. csv writes less than it reads, so its ranges stay at PIECE_BYTES.
 */
const OUTPUT_BYTES = 1024 * 1024;
/** The first ranges, before any output says how big they should be, and the fewest bytes in one. */
const FIRST_PIECE_BYTES = 64 * 1024;
const MIN_PIECE_BYTES = 16 * 1024;
const HEAD_BYTES = 1024 * 1024;
/**
 * A worker holds one range's items at a time, so a small heap is plenty; left to itself
 * each thread's heap grows as one process's would, and three of them break the memory target.
 * A 16 MB young generation rather than 8 took 7% off a 1M-row run (four pairs side by side,
 * peak RSS within 5 MB); 32 MB was slower and 20 MB bigger.
 */
const WORKER_HEAP = { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 64 };

export interface ParallelPlan {
  jobs: number;
  path: string;
  headerBytes: number;
  /** The line the first record after the header starts on. */
  afterHeader: number;
  /** The file's size in bytes. */
  size: number;
  pieceBytes: number;
  /** Whether ranges are sized by the output they make (not when TRIAGE_JOBS_PIECE_BYTES fixes them). */
  adaptive: boolean;
}

/**
 * How many jobs a run gets, and the plan for them; undefined when it runs on one thread.
 * `--jobs` defaults to the available cores.
 */
export async function planJobs(paths: readonly string[], options: ScoreOptions, env: NodeJS.ProcessEnv): Promise<ParallelPlan | undefined> {
  if (!mayRunInParallel(paths, options)) return undefined;
  const jobs = options.jobs ?? availableParallelism();
  const [path] = paths as [string];
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) return undefined;
    size = info.size;
  } catch {
    return undefined; // the one-thread reader reports it
  }
  const min = numberFrom(env.TRIAGE_JOBS_MIN_BYTES) ?? MIN_PARALLEL_BYTES;
  if (size < min || size === 0) return undefined;
  const head = await readHead(path);
  // UTF-16 (its byte-order mark), leading blank lines (after a UTF-8 mark too), or a header
  // with no line break in sight: one thread.
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return undefined;
  const text = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  if (head[text] === 0x0a || head[text] === 0x0d) return undefined;
  const end = headerEnd(head);
  if (end < 0 || end >= size) return undefined;
  // A header ended by a lone `\r` would join the `\n`s a worker puts after it.
  if (head[end - 1] === 0x0d) return undefined;
  let afterHeader = 1;
  for (let i = 0; i < end; i++) if (head[i] === 0x0a || (head[i] === 0x0d && head[i + 1] !== 0x0a)) afterHeader++;
  const fixed = numberFrom(env.TRIAGE_JOBS_PIECE_BYTES);
  return { jobs, path, size, headerBytes: end, afterHeader, pieceBytes: fixed ?? PIECE_BYTES, adaptive: fixed === undefined };
}

/** Whether the options and the names of the files allow several threads: `planJobs` then looks at the file. */
export function mayRunInParallel(paths: readonly string[], options: ScoreOptions): boolean {
  const jobs = options.jobs ?? availableParallelism();
  if (jobs <= 1 || paths.length !== 1) return false;
  const [path] = paths as [string];
  if (path === '-' || !PARALLEL_FORMATS.has(options.format) || options.chart) return false;
  if (options.sort !== 'input' || options.decisions !== undefined || (options.failOn?.length ?? 0) > 0) return false;
  // Ids by row or hash number and de-duplicate the whole file; --lenient's counts are the run's.
  if (options.ids !== undefined || options.lenient) return false;
  const input = options.inputFormat ?? formatFromName(path);
  if (input !== 'csv' && input !== 'tsv') return false;
  // With --relax a quote inside an unquoted field is text, so quotes say nothing of where records end.
  return !options.relax && options.encoding !== 'utf16le';
}

function numberFrom(text: string | undefined): number | undefined {
  if (text === undefined || text === '') return undefined;
  const n = Number(text);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

async function readHead(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    // Dropped once read: in pages of its own, so freeing it leaves glibc's thresholds alone (io/page-memory.ts).
    const buffer = Buffer.from(pageMemory(HEAD_BYTES));
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

export interface ParallelRun {
  plan: ParallelPlan;
  options: ScoreOptions;
  set: PrincipleSet;
  /** The set compiled: the main thread scores ranges with it. */
  policy: Policy;
  meta: RunMeta;
  routes: Set<string> | undefined;
  counterfactuals: boolean;
  output: Output;
  report(problem: ItemProblemAt): void;
  /** Items left out: as invalid, or because an earlier item had their id. */
  leftOut(count: number): void;
  /** The progress line, for a person at a terminal: how far the writing has got. */
  progress?: Progress;
}

/**
 * The worker's module: built JavaScript beside this one (tests run the sources, workers the
 * build), as one bundled file when the build made one no older than the modules (it starts in
 * half the time: 100 ms against 200 ms measured), else the modules.
 */
function workerUrl(): URL {
  const here = new URL(import.meta.url);
  const folder = here.pathname.endsWith('.ts') ? new URL('../../dist/cli/', here) : new URL('./', here);
  const modules = new URL('score-worker.js', folder);
  const bundle = new URL('score-worker.bundle.js', folder);
  try {
    if (statSync(bundle).mtimeMs >= statSync(modules).mtimeMs) return bundle;
  } catch {
    // No bundle (a build without esbuild): the modules.
  }
  return modules;
}

/** What a run on workers wrote: the items, and what the run's end-of-run warning reads (score.ts). */
export interface ParallelOutcome {
  written: number;
  /** Per field the principle set reads: the items written with no value for it. */
  missing: Record<string, number>;
  /** Whether an item read (written or left out by --route) had columns the set does not read. */
  unreadColumns: boolean;
}

/** Score the plan's file on its workers, writing to the output in input order. */
export async function scoreInParallel(run: ParallelRun): Promise<ParallelOutcome> {
  const { plan } = run;
  const file = displayName(plan.path);
  const setup: WorkerSetup = {
    path: plan.path,
    // Only data crosses: the options as JSON would keep them.
    options: JSON.parse(JSON.stringify(run.options)) as ScoreOptions,
    set: run.set,
    meta: run.meta,
    headerBytes: plan.headerBytes,
    pieceBytes: plan.pieceBytes,
    headerLines: plan.afterHeader,
    routes: run.routes ? [...run.routes] : undefined,
    counterfactuals: run.counterfactuals,
  };
  // N jobs: the main thread and N - 1 workers. The main thread's own work (finding ranges,
  // checking ids, writing) is a small share of its time, and a thread fewer is a heap fewer.
  startWorkersYoungGeneration();
  const workers = Array.from({ length: plan.jobs - 1 }, () => new Worker(workerUrl(), { workerData: setup, resourceLimits: WORKER_HEAP }));
  const local = await pieceRunner(setup, run.policy);
  const MAIN = 'main' as const;
  type Thread = Worker | typeof MAIN;
  /** Ranges sent to each thread and not yet back: a worker gets its next before it is done. */
  const outstanding = new Map<Thread, number>([[MAIN, 0], ...workers.map((w) => [w, 0] as const)]);
  const room = (thread: Thread): number => (thread === MAIN ? 1 : 2) - (outstanding.get(thread) as number);
  const waiting = new Map<number, PieceResult>();
  /** Output buffers written and owed back to the thread that filled them. */
  const giveBack = new Map<Thread, ArrayBuffer[]>([[MAIN, []], ...workers.map((w): [Thread, ArrayBuffer[]] => [w, []])]);
  /**
   * Each range out or waiting: its bytes in the file (the progress line counts bytes written,
   * in order, and their output sizes the next) and the thread scoring it.
   */
  const handedOut = new Map<number, { range: ByteRange; thread: Thread }>();
  const seen = new IdIndex();
  const outcome: ParallelOutcome = { written: 0, missing: {}, unreadColumns: false };
  for (const field of run.policy.leavesByField.keys()) outcome.missing[field] = 0;
  let failure: unknown = undefined;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const back = (thread: Thread, result: PieceResult): void => {
    outstanding.set(thread, (outstanding.get(thread) as number) - 1);
    waiting.set(result.piece, result);
    notify();
  };
  for (const worker of workers) {
    worker.on('message', (result: PieceResult) => back(worker, result));
    worker.on('error', (error) => {
      failure ??= error;
      notify();
    });
  }
  const until = (): Promise<void> => new Promise((resolve) => (wake = resolve));
  /** The worker with most room; the main thread takes a range only when every worker has two. */
  const freeThread = (): Thread | undefined => {
    let best: Worker | undefined;
    for (const worker of workers) if (room(worker) > 0 && (best === undefined || room(worker) > room(best))) best = worker;
    return best ?? (room(MAIN) > 0 ? MAIN : undefined);
  };

  // The splitter reads the size as it cuts each range, so the sizes follow the output.
  const split = { pieceBytes: plan.adaptive ? Math.min(FIRST_PIECE_BYTES, plan.pieceBytes) : plan.pieceBytes };
  const ranges = splitCsv(plan.path, plan.headerBytes, plan.afterHeader, split);
  let next = 0; // the next piece to hand out
  let due = 0; // the next piece to write
  let exhausted = false;
  const heap = new ParallelHeap();
  // Pieces out or done but not yet written: a bound on them keeps memory flat.
  const limit = plan.jobs * 2 + 1;
  try {
    let first: ByteRange | undefined = { start: 0, end: plan.headerBytes, line: 1 };
    for (;;) {
      if (failure) throw failure instanceof Error ? failure : new Error('a worker thread failed');
      let thread: Thread | undefined;
      while (!exhausted && next - due < limit && (thread = freeThread()) !== undefined) {
        let range: ByteRange;
        if (first) {
          // The first range takes the header with it, and so needs no header of its own.
          const step = await ranges.next();
          range = step.done ? first : { start: 0, end: step.value.end, line: 1 };
          if (step.done) exhausted = true;
          first = undefined;
        } else {
          const step = await ranges.next();
          if (step.done) {
            exhausted = true;
            break;
          }
          range = step.value;
        }
        const reuse = (giveBack.get(thread) as ArrayBuffer[]).splice(0);
        const request: PieceRequest = { piece: next++, ...range, reuse };
        handedOut.set(request.piece, { range, thread });
        outstanding.set(thread, (outstanding.get(thread) as number) + 1);
        if (thread === MAIN) {
          // Scored at the next turn, so the loop first writes what is ready.
          setImmediate(() => void local(request).then((result) => back(MAIN, result)));
        } else thread.postMessage(request, reuse);
      }
      const result = waiting.get(due);
      if (result) {
        waiting.delete(due);
        const before = outcome.written;
        outcome.written += await take(result, file, seen, run, outcome, before === 0);
        // Written (an output is done with bytes when their write resolves): the buffer can be filled again.
        const { range, thread: scorer } = handedOut.get(due) as { range: ByteRange; thread: Thread };
        (giveBack.get(scorer) as ArrayBuffer[]).push(result.bytes.buffer as ArrayBuffer);
        run.progress?.read(range.end);
        if (plan.adaptive) split.pieceBytes = pieceBytesFor(range.end - range.start, result.bytes.length, plan.pieceBytes);
        run.progress?.counted(outcome.written - before);
        heap.check();
        handedOut.delete(due);
        due++;
        continue;
      }
      if (exhausted && due === next) break;
      await until();
    }
  } finally {
    run.progress?.clear();
    await ranges.return(undefined);
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return outcome;
}

/** Input bytes for a range to make about OUTPUT_BYTES, from the last range's input and output. */
function pieceBytesFor(input: number, output: number, most: number): number {
  const bytes = Math.round((OUTPUT_BYTES * input) / Math.max(output, 1));
  return Math.max(MIN_PIECE_BYTES, Math.min(most, bytes));
}

/**
 * A finished range, in its turn: problems reported in reading order, ids checked against
 * every range before, items whose id was used before cut out, the rest written.
 */
async function take(result: PieceResult, file: string, seen: IdIndex, run: ParallelRun, outcome: ParallelOutcome, nothingYet: boolean): Promise<number> {
  const { lengths, places, idUnits, idEnds, problems, shapes, shapeList } = result;
  const shapeCounts = new Array<number>(shapeList.length).fill(0);
  if (result.invalid > 0) run.leftOut(result.invalid);
  let p = 0;
  const reportUpTo = (records: number): void => {
    while (p < problems.length && (problems[p] as TaggedProblem).after <= records) run.report((problems[p++] as TaggedProblem).problem);
  };
  let offset = 0;
  let kept = 0;
  let items = 0;
  const parts: Uint8Array[] = [];
  for (let k = 0; k < idEnds.length; k++) {
    const record = places[3 * k] as number;
    const line = places[3 * k + 1] as number;
    const column = places[3 * k + 2] as number;
    const length = lengths[k] as number;
    reportUpTo(record);
    const idStart = k === 0 ? 0 : (idEnds[k - 1] as number);
    const idEnd = idEnds[k] as number;
    const first = seen.addUnits(idUnits, idStart, idEnd, { file, line, column });
    if (first !== undefined) {
      run.report(duplicateId(unitsText(idUnits, idStart, idEnd), first, { file, line, column }));
      run.leftOut(1);
      if (length > 0) {
        if (offset > kept) parts.push(result.bytes.subarray(kept, offset));
        kept = offset + length;
      }
    } else {
      const shape = shapes[k] as number;
      if ((shapeList[shape] as ItemShape).extra) outcome.unreadColumns = true;
      if (length > 0) {
        items++;
        (shapeCounts[shape] as number)++;
      }
    }
    offset += length;
  }
  shapeList.forEach((shape, i) => {
    for (const field of shape.missing) outcome.missing[field] = (outcome.missing[field] ?? 0) + (shapeCounts[i] as number);
  });
  if (offset > kept) parts.push(result.bytes.subarray(kept, offset));
  if (nothingYet && parts.length > 0) await run.output.write(result.prefix);
  for (const part of parts) await writeBytes(run.output, part);
  reportUpTo(Number.POSITIVE_INFINITY);
  if (result.error) throw revive(result.error);
  return items;
}

/** The text of UTF-16 units, a few thousand at a time (an argument list has a limit). */
function unitsText(units: Uint16Array, start: number, end: number): string {
  let text = '';
  for (let at = start; at < end; at += 4096) text += String.fromCharCode(...units.subarray(at, Math.min(end, at + 4096)));
  return text;
}

async function writeBytes(output: Output, bytes: Uint8Array): Promise<void> {
  if (bytes.length === 0) return;
  if (output.writeBytes) await output.writeBytes(bytes);
  else await output.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8'));
}

/** The problem a single pass reports for an id used twice (items/read.ts says the same). */
function revive(error: SerialisedError): Error {
  if (error.triage && error.code) {
    return new TriageError(error.code, error.message, {
      ...(error.position ? { position: error.position } : {}),
      ...(error.hint !== undefined ? { hint: error.hint } : {}),
      ...(error.exitCode !== undefined ? { exitCode: error.exitCode as ExitCode } : {}),
    });
  }
  const revived = new Error(error.message);
  if (error.stack) revived.stack = error.stack;
  return revived;
}
