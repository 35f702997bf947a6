/**
 * One range of a `triage score --jobs N` run (score-jobs.ts plans them): read with the same
 * reader as a single pass (the header first, then the range, told how many lines lie between
 * so that every line number is the file's own), assessed, and returned as finished output bytes:
 * no item object leaves it. With them go, per valid item in input order, its id and where it
 * is (the main thread finds ids used twice across ranges) and the byte length of its output
 * (so such an item can be cut out), and the problems found, each tagged with the record it
 * came after. Worker threads run it (score-worker.ts), and so does the main thread, which
 * takes ranges in turn with them: N jobs are the main thread and N - 1 workers.
 */
import { open } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { assess, assessRoute } from '../core/assess.js';
import { compilePolicy } from '../core/compile.js';
import type { Policy } from '../core/compile.js';
import type { AssessedItem, PrincipleSet, RoutedItem, WorkItem } from '../core/types.js';
import { TriageError } from '../errors.js';
import { formatNamed } from '../formats/index.js';
import type { FormatContext, OutputFormat, RoutedSink, RunMeta, Sink, Written } from '../formats/types.js';
import type { Normaliser } from '../items/normalise.js';
import { Uint32List } from '../io/uint32-list.js';
import { readItems, type ItemProblemAt } from '../items/read.js';
import type { LoadedPrinciples } from '../principles/load.js';
import type { Io } from './io.js';
import type { ScoreOptions } from './score.js';
import { ProblemReporter, readerOptions } from './shared.js';

export interface WorkerSetup {
  path: string;
  options: ScoreOptions;
  set: PrincipleSet;
  meta: RunMeta;
  /** Bytes of the header record (with its line break) and the line after it. */
  headerBytes: number;
  /** The most input bytes a range is given, but for one record longer than that. */
  pieceBytes: number;
  headerLines: number;
  routes: string[] | undefined;
  counterfactuals: boolean;
}

export interface PieceRequest {
  piece: number;
  start: number;
  end: number;
  line: number;
  /**
   * Output buffers of this thread's earlier ranges, written and given back (moved, not copied,
   * to a worker). A range writes into one of them: new buffers for every range, freed only
   * when a collection got round to them, held tens of megabytes of dead memory.
   */
  reuse?: ArrayBuffer[];
}

export interface TaggedProblem {
  /** Records normalised before the problem was reported (its own included). */
  after: number;
  problem: ItemProblemAt;
}

export interface PieceResult {
  piece: number;
  bytes: Uint8Array;
  /** Per valid item: its output's byte length (0: left out by --route or as a duplicate here). */
  lengths: Uint32Array;
  /** Per valid item: the record it was (counted from 1 in the range), and its id cell's line and column. */
  places: Uint32Array;
  /** Per valid item, its id: the UTF-16 units of all of them, and where each ends. */
  idUnits: Uint16Array;
  idEnds: Uint32Array;
  problems: TaggedProblem[];
  /** Records left out as invalid (not those whose id was used before: the main thread finds those). */
  invalid: number;
  /** What a fresh sink writes before its first item (the CSV header): the main thread writes it once, before the first item kept. */
  prefix: string;
  /**
   * Per valid item: which of `shapes` it has, for the run's warning that the fields the set
   * reads have no value at all (score.ts, noDataWarning), counted over the items kept.
   */
  shapes: Uint32Array;
  shapeList: ItemShape[];
  error?: SerialisedError;
}

/** The fields the principle set reads that an item has no value for, and whether it has columns the set does not read. */
export interface ItemShape {
  missing: string[];
  extra: boolean;
}

export interface SerialisedError {
  triage: boolean;
  code?: TriageError['code'];
  message: string;
  position?: TriageError['position'];
  hint?: string;
  exitCode?: number;
  stack?: string;
}

/** Problems are collected, not printed, so nothing is written here. */
const quietIo: Io = {
  stdout: new Writable({ write: (_c, _e, done) => done() }),
  stderr: new Writable({ write: (_c, _e, done) => done() }),
  // Read only if asked for: the main thread runs ranges too, and its stdin is left alone.
  get stdin() {
    return process.stdin;
  },
  env: {},
  cwd: process.cwd(),
};

/** Collects problems instead of printing them, each tagged with how far the reading had got. */
class Collector extends ProblemReporter {
  records = 0;
  problems: TaggedProblem[] = [];
  /** Items left out here because an earlier item in the range had their id. */
  duplicates = 0;
  override report(problem: ItemProblemAt): void {
    // Ids used twice are found by the main thread, across ranges.
    if (problem.ruleId === 'item/duplicate-id') {
      this.duplicates++;
      return;
    }
    this.problems.push({ after: this.records, problem });
  }
}

/** What a thread needs once, before its first range. */
interface Prepared {
  setup: WorkerSetup;
  policy: Policy;
  loaded: LoadedPrinciples;
  routes: Set<string> | undefined;
  format: OutputFormat;
  /** The same format, when its rows show only the routed part of an assessment: the rest is then not worked out. */
  routed: OutputFormat<RoutedSink> | undefined;
  /** Output buffers given back by the main thread once written, for the next ranges. */
  spare: ArrayBuffer[];
  /** The buffer ranges are read into, kept from range to range. */
  input?: Buffer;
  /** What a range notes per item, in columns kept from range to range (see Columns). */
  columns: Columns;
}

/** A function that scores one range; the policy is compiled here unless the caller has it already. */
export async function pieceRunner(setup: WorkerSetup, compiled?: Policy): Promise<(request: PieceRequest) => Promise<PieceResult>> {
  const policy = compiled ?? compilePolicy(setup.set);
  const descriptor = formatNamed(setup.options.format);
  if (!descriptor) throw new Error(`unknown format ${setup.options.format}`);
  const prepared: Prepared = {
    setup,
    policy,
    loaded: { policy, set: setup.set } as unknown as LoadedPrinciples,
    routes: setup.routes ? new Set(setup.routes) : undefined,
    format: await descriptor.load(),
    routed: setup.counterfactuals ? undefined : await descriptor.loadRouted?.(),
    spare: [],
    columns: new Columns(),
  };
  return async (request) => {
    try {
      return await runPiece(prepared, request);
    } catch (error) {
      return failed(request, error);
    }
  };
}

/** The result of a range whose work failed before it could start: the error alone. */
function failed(request: PieceRequest, error: unknown): PieceResult {
  return {
    piece: request.piece,
    bytes: new Uint8Array(0),
    lengths: new Uint32Array(0),
    places: new Uint32Array(0),
    idUnits: new Uint16Array(0),
    idEnds: new Uint32Array(0),
    problems: [],
    invalid: 0,
    shapes: new Uint32Array(0),
    shapeList: [],
    prefix: '',
    error: serialise(error),
  };
}

async function runPiece(prepared: Prepared, request: PieceRequest): Promise<PieceResult> {
  const { setup, policy, loaded, routes, format, routed } = prepared;
  const collector = new Collector(quietIo, { quiet: true });
  const reading = readerOptions(loaded, { ...setup.options, quiet: true }, quietIo, collector);
  const real = reading.normaliser;
  const { columns } = prepared;
  columns.clear();
  const shapes = new Shapes(policy, columns.shapes);
  // Every valid item is noted as it is normalised, before duplicates are looked for.
  const normaliser: Normaliser = Object.create(real) as Normaliser;
  normaliser.normalise = (record, file) => {
    const result = real.normalise(record, file);
    collector.records++;
    if (result.item) {
      const at = record.locate('id');
      columns.addId(result.item.id);
      columns.places.push(collector.records);
      columns.places.push(at.line);
      columns.places.push(at.column);
      columns.lengths.push(0);
      shapes.add(result.item);
    }
    return result;
  };
  const context: FormatContext = {
    policy,
    meta: setup.meta,
    color: false,
    width: 100,
    ...(setup.options.keepColumns ? { keepColumns: [...new Set(setup.options.keepColumns)] } : {}),
  };
  const routedSink = routed?.create(context);
  const sink = routedSink ? undefined : format.create(context);
  if (request.reuse) prepared.spare.push(...request.reuse);
  // The range is written into a buffer given back, or a new one; the result is that buffer.
  let out = outputBuffer(prepared.spare, setup.pieceBytes, request.end - request.start);
  let used = 0;
  let first = true;
  let prefix = '';
  // A fresh sink starts its document (the CSV header) with its first item: the item's own text
  // is what a sink already under way writes for it (`again`), and the rest is the prefix.
  const firstRow = (text: string, again: string): string => {
    first = false;
    if (!text.endsWith(again)) throw new Error(`--jobs: the ${setup.options.format} format writes an item differently the second time`);
    prefix = text.slice(0, text.length - again.length);
    return again;
  };
  const options = { counterfactuals: setup.counterfactuals };
  let error: SerialisedError | undefined;
  try {
    const lineGap = request.start > 0 ? { afterBytes: setup.headerBytes, lines: request.line - setup.headerLines } : undefined;
    for await (const item of readItems([setup.path], {
      ...reading,
      normaliser,
      open: () => rangeBytes(setup, request, prepared),
      ...(lineGap ? { lineGap } : {}),
    })) {
      let text: string;
      if (routedSink) {
        const result: RoutedItem = { item, assessment: assessRoute(policy, item) };
        if (routes && !routes.has(result.assessment.route)) continue;
        text = written(routedSink, result);
        if (first) text = firstRow(text, written(routedSink, result));
      } else {
        const result: AssessedItem = { item, assessment: assess(policy, item, options) };
        if (routes && !routes.has(result.assessment.route)) continue;
        text = written(sink as Sink, result);
        if (first) text = firstRow(text, written(sink as Sink, result));
      }
      const need = used + text.length * 3;
      if (need > out.length) {
        const bigger = Buffer.allocUnsafeSlow(Math.max(need, out.length * 2));
        out.copy(bigger, 0, 0, used);
        out = bigger;
      }
      const length = out.write(text, used, 'utf8');
      used += length;
      columns.lengths.setLast(length);
    }
  } catch (caught) {
    error = serialise(caught);
  }
  return {
    piece: request.piece,
    bytes: new Uint8Array(out.buffer, 0, used),
    lengths: columns.lengths.copy(),
    places: columns.places.copy(),
    idUnits: columns.idUnits.slice(0, columns.unitsUsed),
    idEnds: columns.idEnds.copy(),
    problems: collector.problems,
    invalid: collector.leftOut - collector.duplicates,
    prefix,
    shapes: columns.shapes.copy(),
    shapeList: shapes.list,
    ...(error ? { error } : {}),
  };
}

/**
 * The shape of each item of a range, as an index into the few distinct ones. A shape is a bit
 * mask while the set reads at most 30 fields (a string of flags beyond), since it is made for
 * every item.
 */
class Shapes {
  readonly list: ItemShape[] = [];
  private readonly index = new Map<number | string, number>();
  private readonly reads: readonly string[];
  constructor(
    policy: Policy,
    private readonly of: Uint32List,
  ) {
    this.reads = [...policy.leavesByField.keys()];
  }
  add(item: WorkItem): void {
    const { reads } = this;
    const { values } = item;
    let extra = false;
    for (const _ in item.extra) {
      extra = true;
      break;
    }
    let key: number | string;
    if (reads.length <= 30) {
      key = extra ? 1 : 0;
      for (let i = 0; i < reads.length; i++) if (values[reads[i] as string] === undefined) key |= 2 << i;
    } else {
      key = extra ? '+' : '';
      for (const field of reads) key += values[field] === undefined ? '1' : '0';
    }
    let at = this.index.get(key);
    if (at === undefined) {
      at = this.list.length;
      this.index.set(key, at);
      this.list.push({ missing: reads.filter((field) => values[field] === undefined), extra });
    }
    this.of.push(at);
  }
}

/**
 * What a range notes per item (its id, where it is, its output's length, its shape), kept in
 * typed arrays reused by every range of a thread. As arrays of numbers and strings, they
 * lived as long as the range did, so every young collection during a range moved them and
 * then promoted them to the old generation: ten times what a single pass promotes.
 */
class Columns {
  readonly lengths = new Uint32List();
  readonly places = new Uint32List();
  readonly idEnds = new Uint32List();
  readonly shapes = new Uint32List();
  idUnits = new Uint16Array(16384);
  unitsUsed = 0;

  clear(): void {
    this.lengths.clear();
    this.places.clear();
    this.idEnds.clear();
    this.shapes.clear();
    this.unitsUsed = 0;
  }

  addId(id: string): void {
    const end = this.unitsUsed + id.length;
    if (end > this.idUnits.length) {
      const bigger = new Uint16Array(Math.max(end, this.idUnits.length * 2));
      bigger.set(this.idUnits.subarray(0, this.unitsUsed));
      this.idUnits = bigger;
    }
    const units = this.idUnits;
    for (let k = 0; k < id.length; k++) units[this.unitsUsed + k] = id.charCodeAt(k);
    this.unitsUsed = end;
    this.idEnds.push(end);
  }
}

function written<R>(sink: { write(result: R): Written }, result: R): string {
  const text = sink.write(result);
  if (typeof text !== 'string' && text !== undefined) throw new Error('--jobs needs a format whose sink writes text as it goes');
  return text ?? '';
}

/**
 * Bytes read at a time: as many as one thread reads a file by. The reader turns each chunk
 * into a batch of records held at once, and a worker's young heap is small: batches of a
 * whole 1 MB range survived its collections, and the worker spent 18% of its time in them.
 */
const CHUNK_BYTES = 65536;

/**
 * A buffer for a range's output: the biggest given back, if any, so that one grown for a long
 * range is kept. Its own ArrayBuffer (never a slice of Node's pool), since it is moved whole.
 * A new one has room for twice the most input a range is given, so that it need not grow:
 * a buffer outgrown is freed, and freeing a big one costs memory (io/page-memory.ts). Pages
 * never written are never resident, so the room costs nothing until used.
 */
function outputBuffer(spare: ArrayBuffer[], pieceBytes: number, inputBytes: number): Buffer {
  let best = -1;
  for (let i = 0; i < spare.length; i++) if (best < 0 || (spare[i] as ArrayBuffer).byteLength > (spare[best] as ArrayBuffer).byteLength) best = i;
  if (best >= 0) return Buffer.from(spare.splice(best, 1)[0] as ArrayBuffer);
  return Buffer.allocUnsafeSlow(Math.max(65536, 2 * pieceBytes, 2 * inputBytes));
}

/**
 * The header, then the range: what the reader reads (the lines between are a LineGap, not
 * bytes). Every chunk is a view of one buffer per thread, reused by the next range: the
 * reader is done with a range's chunks when the range is (it copies the few bytes it carries
 * from one chunk to the next, io/decode.ts), and ranges are read one at a time.
 */
async function* rangeBytes(setup: WorkerSetup, request: PieceRequest, prepared: Prepared): AsyncGenerator<Buffer> {
  const handle = await open(setup.path, 'r');
  try {
    const header = request.start > 0 ? setup.headerBytes : 0;
    const length = header + request.end - request.start;
    if (!prepared.input || prepared.input.length < length)
      prepared.input = Buffer.allocUnsafeSlow(Math.max(length, prepared.input ? prepared.input.length * 2 : header + setup.pieceBytes));
    const input = prepared.input;
    if (header > 0) {
      await handle.read(input, 0, header, 0);
      yield input.subarray(0, header);
    }
    let at = header;
    let position = request.start;
    while (position < request.end) {
      const size = Math.min(CHUNK_BYTES, request.end - position);
      const { bytesRead } = await handle.read(input, at, size, position);
      if (bytesRead === 0) break;
      yield input.subarray(at, at + bytesRead);
      at += bytesRead;
      position += bytesRead;
    }
  } finally {
    await handle.close();
  }
}

function serialise(error: unknown): SerialisedError {
  if (error instanceof TriageError) {
    return {
      triage: true,
      code: error.code,
      message: error.message,
      ...(error.position ? { position: error.position } : {}),
      ...(error.hint !== undefined ? { hint: error.hint } : {}),
      exitCode: error.exitCode,
    };
  }
  const e = error instanceof Error ? error : new Error(String(error));
  return { triage: false, message: e.message, ...(e.stack ? { stack: e.stack } : {}) };
}
