/**
 * Read work items from any number of files (or standard input), whatever their format:
 * records stream from the readers, are renamed by the column mapping, normalised by the
 * principle set's fields and checked for duplicate ids. Invalid items are reported, not
 * yielded; file-level problems (syntax, missing file) throw.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { WorkItem } from '../core/types.js';
import { TriageError } from '../errors.js';
import { decodeChunks, type Encoding } from '../io/decode.js';
import { STDIN_NAME, displayName, fileError, refuseDirectoryStdin } from '../io/read.js';
import { readCsv, type CsvOptions, type HeaderCell, type HeaderResolver } from './csv.js';
import { resolveHeader } from './header.js';
import { IdIndex } from './id-index.js';
import { readJsonItems, readJsonLines } from './json.js';
import { RESERVED_NAMES, columnRef, type ColumnMapping } from './mapping.js';
import type { ItemProblem, Normaliser, RawRecord } from './normalise.js';
import type { WorkbookChoice, WorkbookOptions } from './xlsx/options.js';

import { formatFromName, sniffBytes, sniffFormat, type ItemFormat } from './format.js';
import { inSheet } from './xlsx/strings.js';

export { ITEM_FORMATS, formatFromName, sniffFormat, type ItemFormat } from './format.js';

/** YAML and JSON are parsed whole; bigger backlogs should be CSV or JSONL, which stream. */
export const MAX_WHOLE_FILE_BYTES = 20 * 1024 * 1024;

export { resolveHeader } from './header.js';

export type { WorkbookChoice } from './xlsx/options.js';

export interface ItemProblemAt extends ItemProblem {
  file: string;
  related?: Array<{ file: string; line: number; column: number; message: string }>;
}

export interface ReadItemsOptions {
  normaliser: Normaliser;
  stdin?: NodeJS.ReadableStream;
  /** Force a format instead of going by the file extension. */
  format?: ItemFormat;
  csv?: CsvOptions;
  /** Which sheet of a workbook, and which of its rows names the columns (found when not given). */
  workbook?: WorkbookChoice;
  encoding?: Encoding;
  /**
   * Rename input columns to field names: `{ title: 'project_name' }` reads `project_name` as
   * `title`; `colour_rating#2` is the second column called `colour_rating`.
   */
  mapping?: ColumnMapping;
  /** Called for each invalid item (which is then skipped) and each warning. */
  onProblem(problem: ItemProblemAt): void;
  /** Called as each file starts, with its size in bytes when known (for progress). */
  onFile?(file: string, bytes: number | undefined): void;
  /** Called with the number of bytes read so far of the current file. */
  onBytes?(bytes: number): void;
  /** Called as records are read, with how many (for progress). */
  onRecords?(count: number): void;
  /** Called once reading stops, whether it finished or failed (to clear progress). */
  onEnd?(): void;
  /** Called with a CSV file's header: each column's position and the field name it is read as. */
  onHeader?(columns: ReadonlyArray<HeaderCell & { field: string }>, file: string): void;
  /**
   * A regular file's bytes, read some other way than whole: a worker of `score --jobs` reads
   * the header and its own byte range (cli/score-jobs.ts). Undefined: the file as it is.
   */
  open?(path: string): AsyncIterable<Buffer> | undefined;
}

/**
 * Every valid item of every file, in order. Records are read a chunk at a time and items
 * yielded one by one, so memory stays flat whatever the input's size.
 */
export async function* readItems(paths: readonly string[], options: ReadItemsOptions): AsyncGenerator<WorkItem> {
  const seen = new IdIndex();
  try {
    for (const path of paths) {
      const file = displayName(path);
      for await (const records of readRecordBatches(path, file, options)) {
        options.onRecords?.(records.length);
        for (const record of records) {
          const item = checkedItem(record, file, seen, options);
          if (item) yield item;
        }
      }
    }
  } finally {
    options.onEnd?.();
  }
}

/** Normalise a record; report its problems, or its id when an earlier item has it. */
function checkedItem(record: RawRecord, file: string, seen: IdIndex, options: ReadItemsOptions): WorkItem | undefined {
  const { item, problems } = options.normaliser.normalise(record, file);
  for (const problem of problems) options.onProblem(inSheet({ ...problem, file }, record.sheet));
  if (!item) return undefined;
  const at = record.locate('id');
  const first = seen.add(item.id, { file, line: at.line, column: at.column });
  if (first === undefined) return item;
  options.onProblem(inSheet({
    ruleId: 'item/duplicate-id',
    severity: 'error',
    field: 'id',
    message: `id "${item.id}" is used twice (first at ${first.file}:${first.line}:${first.column}): give each item its own id`,
    file,
    line: at.line,
    column: at.column,
    related: [{ ...first, message: `first item with id "${item.id}"` }],
  }, record.sheet));
  return undefined;
}

/** The raw records of one file, in the file's own format. */
export async function* readRecords(path: string, file: string, options: ReadItemsOptions): AsyncGenerator<RawRecord> {
  for await (const records of readRecordBatches(path, file, options)) yield* records;
}

/**
 * The raw records of one file, in batches as they become complete (a chunk's worth for
 * CSV and JSONL), so a stream is passed on as it arrives with one step per batch.
 */
export async function* readRecordBatches(path: string, file: string, options: ReadItemsOptions): AsyncGenerator<RawRecord[]> {
  let format = options.format ?? formatFromName(path);
  // A workbook on disk is read where it lies: its zip directory is at the end.
  if (format === 'xlsx' && path !== '-') {
    yield* (await import('./xlsx/reader.js')).readWorkbookFile(path, file, workbookOptions(options));
    return;
  }
  const bytes = await openBytes(path, file, options);
  let source: AsyncIterable<Buffer> = bytes.chunks;
  if (format === undefined || format === 'xlsx') {
    // No telling name (standard input, `backlog.dat`): a workbook shows itself by its first bytes.
    const peeked = await peekBytes(bytes.chunks);
    if (format === 'xlsx' || sniffBytes(peeked.head) === 'xlsx') {
      const reader = await import('./xlsx/reader.js');
      if (path === '-') yield* reader.readWorkbookStream(peeked.chunks, file, workbookOptions(options));
      else {
        await bytes.chunks.return(undefined);
        yield* reader.readWorkbookFile(path, file, workbookOptions(options));
      }
      return;
    }
    source = peeked.chunks;
  }
  let chunks = decodeChunks(source, file, options.encoding);
  if (format === undefined) {
    const peeked = await peek(chunks);
    format = sniffFormat(peeked.head);
    chunks = peeked.chunks;
  }
  const mapping = options.mapping ?? {};
  switch (format) {
    case 'xlsx':
      return; // read above
    case 'csv':
    case 'tsv': {
      const csv: CsvOptions = { ...options.csv, ...(format === 'tsv' && !options.csv?.delimiter ? { delimiter: '\t' } : {}) };
      yield* readCsv(chunks, file, headerResolver(options), csv);
      return;
    }
    case 'jsonl':
      for await (const records of readJsonLines(chunks, file)) yield records.map((record) => renameRecord(record, file, mapping));
      return;
    case 'yaml':
    case 'json': {
      const text = await collect(chunks, file);
      if (text.trim() === '') throw emptyFile(file);
      // The YAML parser is loaded only when a YAML file is read: CSV and JSON runs start faster.
      const records = format === 'yaml' ? (await import('./yaml.js')).readYamlItems(text, file) : readJsonItems(text, file);
      yield records.map((record) => renameRecord(record, file, mapping));
      return;
    }
  }
}

/** How a CSV or workbook header is named: the mapping, the principle set's fields, and `onHeader`. */
function headerResolver(options: ReadItemsOptions): HeaderResolver {
  const mapping = options.mapping ?? {};
  return (cells: HeaderCell[], name: string) => {
    const names = resolveHeader(cells, name, options.normaliser.known, mapping);
    options.onHeader?.(cells.map((cell, k) => ({ ...cell, field: names[k] ?? cell.name })), name);
    return names;
  };
}

function workbookOptions(options: ReadItemsOptions): WorkbookOptions {
  return {
    ...(options.workbook?.sheet !== undefined ? { sheet: options.workbook.sheet } : {}),
    ...(options.workbook?.headerRow !== undefined ? { headerRow: options.workbook.headerRow } : {}),
    resolveHeader: headerResolver(options),
    onProblem: (problem) => options.onProblem(problem),
    ...(options.onFile ? { onFile: options.onFile } : {}),
    ...(options.onBytes ? { onBytes: options.onBytes } : {}),
  };
}

/** The first chunk of a byte stream (for sniffing), and the stream whole again. */
async function peekBytes(chunks: AsyncGenerator<Buffer>): Promise<{ head: Buffer; chunks: AsyncGenerator<Buffer> }> {
  const first = await chunks.next();
  const head = first.done ? Buffer.alloc(0) : first.value;
  async function* again(): AsyncGenerator<Buffer> {
    if (head.length > 0) yield head;
    yield* chunks;
  }
  return { head, chunks: again() };
}

interface ByteSource {
  chunks: AsyncGenerator<Buffer>;
}

async function openBytes(path: string, file: string, options: ReadItemsOptions): Promise<ByteSource> {
  if (path === '-') {
    const stdin = options.stdin ?? process.stdin;
    refuseDirectoryStdin(stdin);
    options.onFile?.(STDIN_NAME, undefined);
    return { chunks: counted(stdin, options, file) };
  }
  // Known for a regular file; a pipe or a device (`<(...)`, /dev/stdin) has no size to go by.
  let size: number | undefined;
  try {
    const info = await stat(path);
    if (info.isDirectory()) {
      throw new TriageError('file-unreadable', `${file} is a directory, not an item file`, {
        position: { file },
        hint: 'give the path of a CSV, YAML, JSON or JSONL file',
      });
    }
    size = info.isFile() ? info.size : undefined;
  } catch (error) {
    throw fileError(error, file, 'item file');
  }
  if (size === 0) throw emptyFile(file);
  options.onFile?.(file, size);
  const own = options.open?.(path);
  return { chunks: counted(own ?? createReadStream(path, { highWaterMark: 65536 }), options, file) };
}

async function* counted(stream: AsyncIterable<Buffer | string>, options: ReadItemsOptions, file: string): AsyncGenerator<Buffer> {
  let total = 0;
  try {
    for await (const chunk of stream) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      total += buffer.length;
      options.onBytes?.(total);
      yield buffer;
    }
  } catch (error) {
    throw fileError(error, file, 'item file');
  }
  if (total === 0) throw emptyFile(file);
}

function emptyFile(file: string): TriageError {
  return new TriageError('syntax', `${file} is empty`, {
    position: { file },
    hint: 'an item file needs a header row (CSV) or a list of items (YAML, JSON)',
  });
}

async function collect(chunks: AsyncIterable<string>, file: string): Promise<string> {
  let text = '';
  for await (const chunk of chunks) {
    text += chunk;
    if (text.length > MAX_WHOLE_FILE_BYTES) {
      throw new TriageError('file-unreadable', `${file} is larger than ${MAX_WHOLE_FILE_BYTES / 1024 / 1024} MB, the limit for YAML and JSON`, {
        position: { file },
        hint: 'large backlogs stream as CSV or JSONL: convert it to one of those',
      });
    }
  }
  return text;
}

async function peek(chunks: AsyncGenerator<string>): Promise<{ head: string; chunks: AsyncGenerator<string> }> {
  const first = await chunks.next();
  const head = first.done ? '' : first.value;
  async function* again(): AsyncGenerator<string> {
    if (head) yield head;
    yield* chunks;
  }
  return { head, chunks: again() };
}

/**
 * Apply the column mapping to a YAML/JSON record. Keys are unique in a record, so
 * `name#1` is just `name`; a renamed key that meets a key already there is an error, as two
 * CSV columns read under one name are.
 */
function renameRecord(record: RawRecord, file: string, mapping: ColumnMapping): RawRecord {
  const entries = Object.entries(mapping);
  const reserved = Object.keys(record.values).find((key) => RESERVED_NAMES.has(key));
  if (reserved !== undefined) {
    throw new TriageError('syntax', `the key "${reserved}" is not allowed`, {
      position: { file, ...record.locate(reserved) },
      hint: 'rename it',
    });
  }
  if (entries.length === 0) return record;
  const mapped = new Map<string, string>();
  for (const [field, source] of entries) {
    const ref = columnRef(source);
    mapped.set(Object.hasOwn(record.values, source) || (ref.nth ?? 1) !== 1 ? source : ref.name, field);
  }
  const values = Object.create(null) as Record<string, unknown>;
  const sourceOf = new Map<string, string>();
  for (const key of Object.keys(record.values)) {
    const name = mapped.get(key) ?? key;
    const other = sourceOf.get(name);
    if (other !== undefined) {
      throw new TriageError('syntax', `the keys "${other}" and "${key}" are both read as "${name}"`, {
        position: { file, ...record.locate(key) },
        hint: 'rename one of them, or change the mapping (--map)',
      });
    }
    values[name] = record.values[key];
    sourceOf.set(name, key);
  }
  return {
    values,
    line: record.line,
    locate: (field) => record.locate(sourceOf.get(field) ?? field),
  };
}
