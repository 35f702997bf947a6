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
import { decodeChunks, type Encoding, type LineGap } from '../io/decode.js';
import { STDIN_NAME, displayName, fileError, refuseDirectoryStdin } from '../io/read.js';
import { readCsv, type CsvOptions, type HeaderCell, type HeaderResolver } from './csv.js';
import { closestColumn, mapFlag } from './column-hint.js';
import { resolveColumns, type DerivedColumn } from './header.js';
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
  onFile?: (file: string, bytes: number | undefined) => void;
  /** Called with the number of bytes read so far of the current file. */
  onBytes?: (bytes: number) => void;
  /** Called as records are read, with how many (for progress). */
  onRecords?(count: number): void;
  /** Called once reading stops, whether it finished or failed (to clear progress). */
  onEnd?(): void;
  /** Called with a CSV file's header: each column's position and the field name it is read as. */
  onHeader?(columns: ReadonlyArray<HeaderCell & { field: string }>, file: string): void;
  /**
   * Fields the principle set reads: a file with a header but no column for some of them gets
   * one warning naming them (they are unknown for every item).
   */
  reads?: readonly string[];
  /**
   * Columns to pass through (`--keep-columns`): each must be a column of a file with a header;
   * a mapped column is passed through under its own name too.
   */
  keepColumns?: readonly string[];
  /** Called with the number of records left out as invalid (items, not problems). */
  onLeftOut?(count: number): void;
  /**
   * A regular file's bytes, read some other way than whole: a worker of `score --jobs` reads
   * the header and its own byte range (cli/score-jobs.ts). Undefined: the file as it is.
   */
  open?(path: string): AsyncIterable<Buffer> | undefined;
  /** Lines `open`'s bytes leave out after the header, so that every line keeps its number in the file. */
  lineGap?: LineGap;
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
  if (!item) {
    options.onLeftOut?.(1);
    return undefined;
  }
  const at = record.locate('id');
  const first = seen.add(item.id, { file, line: at.line, column: at.column });
  if (first === undefined) return item;
  options.onLeftOut?.(1);
  options.onProblem(inSheet(duplicateId(item.id, first, { file, line: at.line, column: at.column }), record.sheet));
  return undefined;
}

/** An item whose id an earlier item has, at `at`: one reader's check, or `score --jobs` across ranges. */
export function duplicateId(
  id: string,
  first: { file: string; line: number; column: number },
  at: { file: string; line: number; column: number },
): ItemProblemAt {
  return {
    ruleId: 'item/duplicate-id',
    severity: 'error',
    field: 'id',
    message: `id "${id}" is used twice (first at ${first.file}:${first.line}:${first.column}): give each item its own id`,
    ...at,
    related: [{ ...first, message: `first item with id "${id}"` }],
  };
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
  const header = new FileHeader(options);
  // A workbook on disk is read where it lies: its zip directory is at the end.
  if (format === 'xlsx' && path !== '-') {
    yield* header.wrapAll((await import('./xlsx/reader.js')).readWorkbookFile(path, file, workbookOptions(options, header)));
    return;
  }
  const bytes = await openBytes(path, file, options);
  let source: AsyncIterable<Buffer> = bytes.chunks;
  if (format === undefined || format === 'xlsx') {
    // No telling name (standard input, `backlog.dat`): a workbook shows itself by its first bytes.
    const peeked = await peekBytes(bytes.chunks);
    if (format === 'xlsx' || sniffBytes(peeked.head) === 'xlsx') {
      const reader = await import('./xlsx/reader.js');
      if (path === '-') yield* header.wrapAll(reader.readWorkbookStream(peeked.chunks, file, workbookOptions(options, header)));
      else {
        await bytes.chunks.return(undefined);
        yield* header.wrapAll(reader.readWorkbookFile(path, file, workbookOptions(options, header)));
      }
      return;
    }
    source = peeked.chunks;
  }
  let chunks = decodeChunks(source, file, options.encoding, options.lineGap);
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
      const csv: CsvOptions = {
        ...options.csv,
        ...(format === 'tsv' && !options.csv?.delimiter ? { delimiter: '\t' } : {}),
        ...(options.lineGap ? { linesAfterHeader: options.lineGap.lines } : {}),
      };
      yield* header.wrapAll(readCsv(chunks, file, header.resolve, csv));
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

/**
 * One CSV or workbook file's header: how its columns are named (the mapping, the principle
 * set's fields), the fields read from several columns, and what the file cannot give. A
 * required field with no column is one problem here, at the header, and every record of the
 * file is left out, rather than one problem per row.
 */
class FileHeader {
  private derived: readonly DerivedColumn[] = [];
  private names: readonly string[] = [];
  private columns: ReadonlyArray<string | undefined> = [];
  private unusable = false;

  constructor(private readonly options: ReadItemsOptions) {}

  readonly resolve: HeaderResolver = (cells: HeaderCell[], file: string) => {
    const { options } = this;
    const resolved = resolveColumns(cells, file, options.normaliser.known, options.mapping ?? {});
    const derived = [...resolved.derived, ...keptColumns(cells, resolved.names, resolved.derived, file, options.keepColumns ?? [])];
    this.names = resolved.names;
    this.derived = derived;
    this.columns = [...resolved.names, ...derived.map((d) => d.name)];
    options.onHeader?.(
      [
        // A column a mapping reads as a field among others (`lead=Lead body#2|Lead body#1`) is that field's.
        ...cells.map((cell, k) => ({ ...cell, field: this.mappedField(k) ?? resolved.names[k] ?? cell.name })),
        ...resolved.derived.map((d) => ({ ...(cells[d.sources[0] as number] as HeaderCell), field: d.name })),
      ],
      file,
    );
    this.check(cells, file);
    return resolved.names;
  };

  /** The declared field a mapping reads from column `k` when the column is not read as a field by its own name. */
  private mappedField(k: number): string | undefined {
    if (this.options.normaliser.known.has(this.names[k] ?? '')) return undefined;
    return this.derived.find((d) => d.sources.includes(k) && this.options.normaliser.known.has(d.name))?.name;
  }

  /** The file's records, with the fields read from several columns, or none when the file cannot give items. */
  async *wrapAll(batches: AsyncIterable<RawRecord[]>): AsyncGenerator<RawRecord[]> {
    for await (const batch of batches) {
      if (this.unusable) {
        this.options.onLeftOut?.(batch.length);
        continue;
      }
      yield this.derived.length === 0 ? batch : batch.map((record) => this.withDerived(record));
    }
  }

  private withDerived(record: RawRecord): RawRecord {
    const cells = record.cells ?? this.names.map((name) => record.values[name]);
    const chosen = this.derived.map((d) => d.sources.find((k) => !isBlank(cells[k])) ?? (d.sources[0] as number));
    const all = [...cells, ...chosen.map((k) => cells[k])];
    const { names, derived, columns } = this;
    return {
      line: record.line,
      cells: all,
      columns,
      ...(record.sheet !== undefined ? { sheet: record.sheet } : {}),
      get values() {
        const values = Object.create(null) as Record<string, unknown>;
        columns.forEach((name, k) => {
          if (name !== undefined) values[name] = all[k];
        });
        return values;
      },
      locate(field: string) {
        const j = derived.findIndex((d) => d.name === field);
        return record.locate(j === -1 ? field : (names[chosen[j] as number] as string));
      },
    };
  }

  /** Required fields with no column, and fields the set reads that the file does not have. */
  private check(cells: HeaderCell[], file: string): void {
    const { options } = this;
    const has = new Set(this.columns);
    const at = { line: cells[0]?.line ?? 1, column: 1 };
    const ids = options.normaliser.ids;
    if (ids !== undefined && has.has('id')) {
      const k = this.names.indexOf('id');
      const cell = cells[k] ?? cells[0];
      throw new TriageError(
        'usage',
        `--ids ${ids} gives every item an id, but ${file} has a column read as "id"${cell && k !== -1 ? ` ("${cell.name}")` : ''}`,
        {
          position: { file, line: cell?.line ?? 1, column: cell?.column ?? 1 },
          hint: `leave out --ids to use the file's ids, or map that column to another field, e.g. --map ref=${cell?.name ?? 'id'}`,
          option: 'ids',
        },
      );
    }
    // Columns no declared field reads: where a missing field may be.
    const free = cells.filter((_, k) => !options.normaliser.known.has(this.names[k] ?? '') && this.mappedField(k) === undefined).map((cell) => cell.name);
    const list = cells.map((cell) => cell.name).join(', ');
    for (const field of options.normaliser.required ?? []) {
      if (has.has(field) || (field === 'id' && ids !== undefined)) continue;
      this.unusable = true;
      const near = closestColumn(field, free);
      const fix = near !== undefined ? `if "${near}" holds it, add ${mapFlag([[field, near]])}` : `add --map ${field}=<column> naming the column that holds it`;
      const alsoIds = field === 'id' ? ', or give items ids with --ids row or --ids hash' : '';
      options.onProblem({
        ruleId: 'item/missing-required',
        severity: 'error',
        field,
        message: `the file has no column read as "${field}", which every item needs, so none of its items can be read; its columns are: ${list}; ${fix}${alsoIds}`,
        file,
        ...at,
      });
    }
    const required = new Set(options.normaliser.required ?? []);
    const reads = options.reads ?? [];
    const absent = reads.filter((field) => !has.has(field) && !required.has(field));
    // Someone else's export: most of what the set reads is not there, and some columns are not read at all.
    if (absent.length === 0 || absent.length * 2 <= reads.length || free.length === 0) return;
    const pairs: Array<[string, string]> = [];
    for (const field of absent) {
      const near = closestColumn(
        field,
        free.filter((name) => !pairs.some(([, column]) => column === name)),
      );
      if (near !== undefined) pairs.push([field, near]);
    }
    const hint = pairs.length > 0 ? `if those columns hold them, add ${mapFlag(pairs)}` : 'if a column holds one, add --map <field>=<column>';
    options.onProblem({
      ruleId: 'item/unknown-column',
      severity: 'warning',
      message: `the file has no column for ${absent.length} of the ${options.reads?.length ?? 0} fields the principle set reads, so they are unknown for every item: ${absent.join(', ')}; ${hint}`,
      file,
      ...at,
    });
  }
}

/**
 * `--keep-columns` names as the file has them: each must be a column of the file (by the name
 * it is read as, or its own name when the mapping reads it as a field, which is then passed
 * through under that name as well).
 */
function keptColumns(cells: HeaderCell[], names: readonly string[], derived: readonly DerivedColumn[], file: string, keep: readonly string[]): DerivedColumn[] {
  const added: DerivedColumn[] = [];
  const lower = (text: string): string => text.toLowerCase();
  for (const name of keep) {
    if (names.includes(name) || derived.some((d) => d.name === name)) continue;
    let j = cells.findIndex((cell) => cell.name === name);
    if (j === -1) j = cells.findIndex((cell) => lower(cell.name) === lower(name));
    if (j === -1) j = names.findIndex((n) => lower(n) === lower(name));
    if (j !== -1) {
      added.push({ name, sources: [j] });
      continue;
    }
    throw new TriageError('usage', `--keep-columns ${name}: ${file} has no column "${name}"`, {
      position: { file, line: cells[0]?.line ?? 1, column: 1 },
      hint: `its columns are: ${cells.map((cell) => cell.name).join(', ')}`,
      option: 'keep-columns',
    });
  }
  return added;
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function workbookOptions(options: ReadItemsOptions, header: FileHeader): WorkbookOptions {
  return {
    ...(options.workbook?.sheet !== undefined ? { sheet: options.workbook.sheet } : {}),
    ...(options.workbook?.headerRow !== undefined ? { headerRow: options.workbook.headerRow } : {}),
    resolveHeader: header.resolve,
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
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
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
