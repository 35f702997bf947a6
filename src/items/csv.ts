/**
 * CSV work items, streamed a chunk of records at a time. Every record knows the physical
 * line it starts on (multi-line cells counted) and can find the column of any field. The
 * delimiter is given, or read from the header line: `;` and tab are detected, `,` is the
 * default.
 */
import { TriageError } from '../errors.js';
import { CsvScanner, CsvSyntaxError, locateCell, type ScannedRecord } from './csv-scan.js';
import type { RawRecord } from './normalise.js';

export interface CsvOptions {
  /** Field delimiter (one character); detected from the header line when not given. */
  delimiter?: string;
  /** Accept quotes inside unquoted fields instead of refusing them. */
  relax?: boolean;
  /** Largest record, in characters. */
  maxRecordSize?: number;
  /** Most columns a file may have. */
  maxColumns?: number;
  /** Lines the text leaves out after its header (ScanOptions.linesAfterFirst). */
  linesAfterHeader?: number;
}

export const DEFAULT_MAX_RECORD_SIZE = 1024 * 1024;
export const DEFAULT_MAX_COLUMNS = 1000;

/** Delimiters recognised from the header line when none is given. */
const DETECTED = [';', '\t'] as const;

/** Where a header cell is, for messages about columns. */
export interface HeaderCell {
  name: string;
  line: number;
  column: number;
}

/**
 * Decides what each column is called on the way in (the column mapping, case folding...);
 * returns one name per column, or `undefined` for a column to drop. Throws on a bad header.
 */
export type HeaderResolver = (cells: HeaderCell[], file: string) => Array<string | undefined>;

/** What every record of one file shares: the column names and how to find a column. */
interface Layout {
  names: ReadonlyArray<string | undefined>;
  indexOf: ReadonlyMap<string, number>;
  delimiter: string;
}

/**
 * A CSV record: the cells as read, named by the shared layout. `values` is built only when
 * asked; the normaliser reads the cells directly.
 */
class CsvRecord implements RawRecord {
  private named: Record<string, unknown> | undefined;

  constructor(
    readonly cells: readonly string[],
    readonly line: number,
    private readonly text: string,
    private readonly start: number,
    private readonly layout: Layout,
  ) {}

  get columns(): ReadonlyArray<string | undefined> {
    return this.layout.names;
  }

  get values(): Record<string, unknown> {
    if (this.named === undefined) {
      const values = Object.create(null) as Record<string, unknown>;
      this.layout.names.forEach((name, k) => {
        if (name !== undefined) values[name] = this.cells[k];
      });
      this.named = values;
    }
    return this.named;
  }

  locate(field: string): { line: number; column: number } {
    const k = this.layout.indexOf.get(field);
    if (k === undefined) return { line: this.line, column: 1 };
    return locateCell(this.text, this.start, this.line, k, this.layout.delimiter);
  }
}

/** Stream the records of a CSV text in batches (one per chunk), the first row being the header. */
export async function* readCsv(
  chunks: AsyncIterable<string>,
  file: string,
  resolveHeader: HeaderResolver,
  options: CsvOptions = {},
): AsyncGenerator<RawRecord[]> {
  const maxRecordSize = options.maxRecordSize ?? DEFAULT_MAX_RECORD_SIZE;
  let scanner: CsvScanner | undefined;
  let layout: Layout | undefined;
  // Text held back until the header line is complete, since the delimiter is read from it.
  let pending = '';
  const take = (scanned: ScannedRecord[]): RawRecord[] => {
    const records: RawRecord[] = [];
    for (const record of scanned) {
      if (layout === undefined) layout = headerLayout(record, file, resolveHeader, scanner as CsvScanner, options);
      else if (!isBlank(record.cells)) records.push(checkedRecord(record, layout));
    }
    return records;
  };
  try {
    for await (const chunk of chunks) {
      let text = chunk;
      if (scanner === undefined) {
        pending += chunk;
        if (!hasLineBreak(pending) && pending.length <= maxRecordSize) continue;
        scanner = createScanner(pending, options, maxRecordSize);
        text = pending;
        pending = '';
      }
      const records = take(scanner.push(text));
      if (records.length > 0) yield records;
    }
    scanner ??= createScanner(pending, options, maxRecordSize);
    const records = take([...scanner.push(pending), ...scanner.end()]);
    if (records.length > 0) yield records;
  } catch (error) {
    // The header may be in the same chunk as the record at fault: read it, to name the column
    // (and so that a problem with the header itself, on line 1, is the one reported).
    const header = scanner?.completed[0];
    if (layout === undefined && error instanceof CsvSyntaxError && header !== undefined && header.line < error.line) {
      layout = headerLayout(header, file, resolveHeader, scanner as CsvScanner, options);
    }
    throw csvError(error, file, layout?.names);
  }
}

function createScanner(head: string, options: CsvOptions, maxRecordSize: number): CsvScanner {
  return new CsvScanner({
    delimiter: options.delimiter ?? detectDelimiter(head),
    relax: options.relax ?? false,
    maxRecordSize,
    ...(options.linesAfterHeader ? { linesAfterFirst: options.linesAfterHeader } : {}),
  });
}

function hasLineBreak(text: string): boolean {
  return text.includes('\n') || text.includes('\r');
}

/**
 * The delimiter a header line uses: `;` or tab when it has more of them than commas
 * (outside quotes), else `,`. Exports from European spreadsheets use `;`.
 */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>([[',', 0]]);
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && (c === ',' || c === ';' || c === '\t')) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let best = ',';
  for (const candidate of DETECTED) if ((counts.get(candidate) ?? 0) > (counts.get(best) ?? 0)) best = candidate;
  return best;
}

function headerLayout(record: ScannedRecord, file: string, resolveHeader: HeaderResolver, scanner: CsvScanner, options: CsvOptions): Layout {
  const maxColumns = options.maxColumns ?? DEFAULT_MAX_COLUMNS;
  const { cells, line } = record;
  if (cells.length > maxColumns) {
    throw new TriageError('syntax', `the header has ${cells.length} columns, more than the limit of ${maxColumns}`, {
      position: { file, line, column: 1 },
      hint: 'check the delimiter (--delimiter)',
    });
  }
  const delimiter = scanner.delimiterText;
  const header = cells.map((name, k) => ({ name: name.trim(), ...locateCell(record.text, record.start, line, k, delimiter) }));
  const names = resolveHeader(header, file);
  const indexOf = new Map<string, number>();
  names.forEach((name, k) => {
    if (name !== undefined) indexOf.set(name, k);
  });
  return { names, indexOf, delimiter };
}

function checkedRecord(record: ScannedRecord, layout: Layout): CsvRecord {
  if (record.cells.length !== layout.names.length) {
    // Blame the first field too many, or the end of a record one short.
    const k = Math.min(record.cells.length, layout.names.length);
    const at = locateCell(record.text, record.start, record.line, k, layout.delimiter);
    throw new RaggedRecord(record.cells.length, at.line, at.column);
  }
  return new CsvRecord(record.cells, record.line, record.text, record.start, layout);
}

function isBlank(cells: readonly string[]): boolean {
  for (const cell of cells) if (cell.trim() !== '') return false;
  return true;
}

class RaggedRecord extends Error {
  constructor(
    readonly got: number,
    readonly line: number,
    readonly column: number,
  ) {
    super('ragged record');
  }
}

/** Turn a tokenizer error into one clear line with the record's position and a fix. */
function csvError(error: unknown, file: string, names: ReadonlyArray<string | undefined> | undefined): unknown {
  if (error instanceof RaggedRecord) {
    return new TriageError('syntax', `this record has ${error.got} fields, but the header has ${names?.length ?? 0}`, {
      position: { file, line: error.line, column: error.column },
      hint: 'every row needs one value per column: check for a missing or extra delimiter, or quote fields that contain it',
    });
  }
  if (!(error instanceof CsvSyntaxError)) return error;
  // Without a place of its own, the error is at the record's start: the first column of its line.
  const position = { file, line: error.at?.line ?? error.line, column: error.at?.column ?? 1 };
  const columnName = error.field !== undefined ? names?.[error.field] : undefined;
  const inColumn = columnName ? ` (column "${columnName}")` : error.field !== undefined ? ` (field ${error.field + 1})` : '';
  switch (error.kind) {
    case 'unclosed-quote':
      return new TriageError('syntax', `a quoted field that starts in the record on line ${error.line} is never closed`, {
        position,
        hint: 'add the closing double quote',
      });
    case 'quote-in-unquoted':
      return new TriageError('syntax', `a double quote inside an unquoted field${inColumn}`, {
        position,
        hint: 'quote the whole field and double the inner quotes (""), or pass --relax',
      });
    case 'text-after-quote':
      return new TriageError('syntax', `text follows a closing double quote in the same field${inColumn}`, {
        position,
        hint: 'quote the whole field and double the inner quotes ("")',
      });
    case 'record-too-large':
      return new TriageError('syntax', `a record is larger than the limit of ${Math.round(DEFAULT_MAX_RECORD_SIZE / 1024 / 1024)} MB`, {
        position,
        hint: 'check for an unclosed quote, and that this is a CSV file',
      });
  }
}
