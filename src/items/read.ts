/**
 * Read work items from any number of files (or standard input), whatever their format:
 * records stream from the readers, are renamed by the column mapping, normalised by the
 * principle set's fields and checked for duplicate ids. Invalid items are reported, not
 * yielded; file-level problems (syntax, missing file) throw.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import type { WorkItem } from '../core/types.js';
import { TriageError } from '../errors.js';
import { decodeChunks, type Encoding } from '../io/decode.js';
import { STDIN_NAME, displayName, fileError } from '../io/read.js';
import { readCsv, type CsvOptions, type HeaderCell } from './csv.js';
import { readJsonItems, readJsonLines } from './json.js';
import type { ItemProblem, Normaliser, RawRecord } from './normalise.js';
import { readYamlItems } from './yaml.js';

export const ITEM_FORMATS = ['csv', 'tsv', 'yaml', 'json', 'jsonl'] as const;
export type ItemFormat = (typeof ITEM_FORMATS)[number];

/** YAML and JSON are parsed whole; bigger backlogs should be CSV or JSONL, which stream. */
export const MAX_WHOLE_FILE_BYTES = 20 * 1024 * 1024;

/** Column names that could reach an object's prototype. */
const RESERVED_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

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
  encoding?: Encoding;
  /** Rename input columns to field names: `{ title: 'project_name' }` reads `project_name` as `title`. */
  mapping?: Readonly<Record<string, string>>;
  /** Called for each invalid item (which is then skipped) and each warning. */
  onProblem(problem: ItemProblemAt): void;
  /** Called as each file starts, with its size in bytes when known (for progress). */
  onFile?(file: string, bytes: number | undefined): void;
  /** Called with the number of bytes read so far of the current file. */
  onBytes?(bytes: number): void;
}

/** Every valid item of every file, in order. */
export async function* readItems(paths: readonly string[], options: ReadItemsOptions): AsyncGenerator<WorkItem> {
  const seen = new Map<string, { file: string; line: number; column: number }>();
  for (const path of paths) {
    const file = displayName(path);
    for await (const record of readRecords(path, file, options)) {
      const { item, problems } = options.normaliser.normalise(record, file);
      for (const problem of problems) options.onProblem({ ...problem, file });
      if (!item) continue;
      const first = seen.get(item.id);
      if (first) {
        const at = record.locate('id');
        options.onProblem({
          ruleId: 'item/duplicate-id',
          severity: 'error',
          field: 'id',
          message: `id "${item.id}" is used twice (first at ${first.file}:${first.line}:${first.column}): give each item its own id`,
          file,
          line: at.line,
          column: at.column,
          related: [{ ...first, message: `first item with id "${item.id}"` }],
        });
        continue;
      }
      seen.set(item.id, { file, ...record.locate('id') });
      yield item;
    }
  }
}

/** The raw records of one file, in the file's own format. */
export async function* readRecords(path: string, file: string, options: ReadItemsOptions): AsyncGenerator<RawRecord> {
  const bytes = await openBytes(path, file, options);
  let chunks = decodeChunks(bytes.chunks, file, options.encoding);
  let format = options.format ?? formatFromName(path);
  if (format === undefined) {
    const peeked = await peek(chunks);
    format = sniffFormat(peeked.head);
    chunks = peeked.chunks;
  }
  const mapping = options.mapping ?? {};
  switch (format) {
    case 'csv':
    case 'tsv': {
      const csv: CsvOptions = { ...options.csv, ...(format === 'tsv' && !options.csv?.delimiter ? { delimiter: '\t' } : {}) };
      const resolve = (cells: HeaderCell[], name: string) => resolveHeader(cells, name, options.normaliser.known, mapping);
      yield* readCsv(chunks, file, resolve, csv);
      return;
    }
    case 'jsonl':
      for await (const record of readJsonLines(chunks, file)) yield renameRecord(record, file, mapping);
      return;
    case 'yaml':
    case 'json': {
      const text = await collect(chunks, file);
      if (text.trim() === '') throw emptyFile(file);
      const records = format === 'yaml' ? readYamlItems(text, file) : readJsonItems(text, file);
      for (const record of records) yield renameRecord(record, file, mapping);
      return;
    }
  }
}

/** The format a file's name says it holds, if it says. */
export function formatFromName(path: string): ItemFormat | undefined {
  switch (extname(path).toLowerCase()) {
    case '.csv':
      return 'csv';
    case '.tsv':
    case '.tab':
      return 'tsv';
    case '.yaml':
    case '.yml':
      return 'yaml';
    case '.json':
      return 'json';
    case '.jsonl':
    case '.ndjson':
      return 'jsonl';
    default:
      return undefined;
  }
}

/** Guess the format of unnamed input (standard input) from its first characters. */
export function sniffFormat(head: string): ItemFormat {
  const text = head.replace(/^\uFEFF/, '').trimStart();
  if (text.startsWith('[')) return 'json';
  if (text.startsWith('{')) {
    const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
    return firstLine.trimEnd().endsWith('}') ? 'jsonl' : 'json';
  }
  if (/^(?:---|-\s|items:|#)/.test(text)) return 'yaml';
  return 'csv';
}

interface ByteSource {
  chunks: AsyncIterable<Buffer>;
}

async function openBytes(path: string, file: string, options: ReadItemsOptions): Promise<ByteSource> {
  if (path === '-') {
    options.onFile?.(STDIN_NAME, undefined);
    return { chunks: counted(options.stdin ?? process.stdin, options, file) };
  }
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) {
      throw new TriageError('file-unreadable', `${file} is a directory, not an item file`, {
        position: { file },
        hint: 'give the path of a CSV, YAML, JSON or JSONL file',
      });
    }
    size = info.size;
  } catch (error) {
    throw fileError(error, file, 'item file');
  }
  if (size === 0) throw emptyFile(file);
  options.onFile?.(file, size);
  return { chunks: counted(createReadStream(path, { highWaterMark: 256 * 1024 }), options, file) };
}

async function* counted(stream: NodeJS.ReadableStream, options: ReadItemsOptions, file: string): AsyncGenerator<Buffer> {
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
 * Name each CSV column: the mapping first (an export's `project_name` read as `title`), then
 * the declared field it matches regardless of case, else its own name. Empty, reserved and
 * duplicate names are refused, naming both columns.
 */
export function resolveHeader(
  cells: HeaderCell[],
  file: string,
  known: ReadonlySet<string>,
  mapping: Readonly<Record<string, string>>,
): string[] {
  const fromSource = new Map<string, string>();
  for (const [field, column] of Object.entries(mapping)) fromSource.set(column.toLowerCase(), field);
  const byLower = new Map<string, string>();
  for (const name of known) byLower.set(name.toLowerCase(), name);
  const taken = new Map<string, HeaderCell>();
  return cells.map((cell, k) => {
    const at = { file, line: cell.line, column: cell.column };
    if (cell.name === '') {
      throw new TriageError('syntax', `column ${k + 1} of the header has no name`, {
        position: at,
        hint: 'name the column, or remove it',
      });
    }
    const lower = cell.name.toLowerCase();
    const name = fromSource.get(lower) ?? byLower.get(lower) ?? cell.name;
    if (RESERVED_NAMES.has(name) || RESERVED_NAMES.has(cell.name)) {
      throw new TriageError('syntax', `the column name "${cell.name}" is not allowed`, { position: at, hint: 'rename the column' });
    }
    const other = taken.get(name);
    if (other) {
      throw new TriageError('syntax', `columns "${other.name}" (column ${cells.indexOf(other) + 1}) and "${cell.name}" (column ${k + 1}) are both read as "${name}"`, {
        position: at,
        hint: 'rename one of them, or map one explicitly with --map',
      });
    }
    taken.set(name, cell);
    return name;
  });
}

/** Apply the column mapping and field-name case folding to a YAML/JSON record. */
function renameRecord(record: RawRecord, file: string, mapping: Readonly<Record<string, string>>): RawRecord {
  const entries = Object.entries(mapping);
  const reserved = Object.keys(record.values).find((key) => RESERVED_NAMES.has(key));
  if (reserved !== undefined) {
    throw new TriageError('syntax', `the key "${reserved}" is not allowed`, {
      position: { file, ...record.locate(reserved) },
      hint: 'rename it',
    });
  }
  if (entries.length === 0) return record;
  const values = Object.create(null) as Record<string, unknown>;
  const sourceOf = new Map<string, string>();
  const mapped = new Map(entries.map(([field, column]) => [column, field]));
  for (const key of Object.keys(record.values)) {
    const name = mapped.get(key) ?? key;
    values[name] = record.values[key];
    sourceOf.set(name, key);
  }
  return {
    values,
    line: record.line,
    locate: (field) => record.locate(sourceOf.get(field) ?? field),
  };
}
