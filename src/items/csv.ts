/**
 * CSV work items, streamed record by record with csv-parse. Every record knows the physical
 * line it starts on (multi-line cells counted) and can find the column of any field.
 */
import { parse, CsvError } from 'csv-parse';
import { TriageError } from '../errors.js';
import type { RawRecord } from './normalise.js';

export interface CsvOptions {
  /** Field delimiter; `,` unless given or detected. */
  delimiter?: string;
  /** Accept quotes inside unquoted fields instead of refusing them. */
  relax?: boolean;
  /** Largest record, in characters. */
  maxRecordSize?: number;
  /** Most columns a file may have. */
  maxColumns?: number;
}

export const DEFAULT_MAX_RECORD_SIZE = 1024 * 1024;
export const DEFAULT_MAX_COLUMNS = 1000;

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

/** Stream the records of a CSV text, the first row being the header. */
export async function* readCsv(
  chunks: AsyncIterable<string>,
  file: string,
  resolveHeader: HeaderResolver,
  options: CsvOptions = {},
): AsyncGenerator<RawRecord> {
  const delimiter = options.delimiter ?? ',';
  const maxColumns = options.maxColumns ?? DEFAULT_MAX_COLUMNS;
  const parser = parse({
    delimiter,
    bom: true,
    raw: true,
    info: true,
    relax_quotes: options.relax ?? false,
    relax_column_count: false,
    skip_empty_lines: true,
    record_delimiter: ['\r\n', '\n', '\r'],
    max_record_size: options.maxRecordSize ?? DEFAULT_MAX_RECORD_SIZE,
  });

  // Feed the parser from the decoded chunks, honouring backpressure; errors end the parse.
  const feeding = (async () => {
    try {
      for await (const chunk of chunks) {
        if (parser.destroyed) return;
        if (!parser.write(chunk)) await drainedOrClosed(parser);
      }
      if (!parser.destroyed) parser.end();
    } catch (error) {
      parser.destroy(error as Error);
    }
  })();

  let nextLine = 1;
  let names: Array<string | undefined> | undefined;
  let width = 0;
  try {
    for await (const output of parser as AsyncIterable<{ record: string[]; raw: string }>) {
      const { record, raw } = output;
      const leading = leadingBreaks(raw);
      const line = nextLine + leading.breaks;
      nextLine += countBreaks(raw);
      if (names === undefined) {
        if (record.length > maxColumns) {
          throw new TriageError('syntax', `the header has ${record.length} columns, more than the limit of ${maxColumns}`, {
            position: { file, line, column: 1 },
            hint: 'check the delimiter (--delimiter)',
          });
        }
        const cells = record.map((name, k) => ({ name: name.trim(), ...locateField(raw, leading.offset, line, k, delimiter) }));
        names = resolveHeader(cells, file);
        width = record.length;
        continue;
      }
      if (record.every((cell) => cell.trim() === '')) continue;
      const values = Object.create(null) as Record<string, unknown>;
      const columnOf = new Map<string, number>();
      for (let k = 0; k < width; k++) {
        const name = names[k];
        if (name === undefined) continue;
        values[name] = record[k];
        columnOf.set(name, k);
      }
      const rawText = raw;
      const offset = leading.offset;
      yield {
        values,
        line,
        locate(field: string) {
          const k = columnOf.get(field);
          return k === undefined ? { line, column: 1 } : locateField(rawText, offset, line, k, delimiter);
        },
      };
    }
  } catch (error) {
    throw csvError(error, file, nextLine, names);
  } finally {
    // Stopping early (or failing) must not leave the feeder waiting for a drain that never comes.
    if (!parser.destroyed) parser.destroy();
    await feeding;
  }
}

function drainedOrClosed(stream: NodeJS.EventEmitter): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.once('drain', done);
    stream.once('close', done);
  });
}

/** Turn a csv-parse error into one clear line with the record's position and a fix. */
function csvError(error: unknown, file: string, recordLine: number, names: Array<string | undefined> | undefined): unknown {
  if (!(error instanceof CsvError)) return error;
  const details = error as CsvError & { column?: number | string };
  const position = { file, line: recordLine };
  const width = names?.length ?? 0;
  const columnName = typeof details.column === 'number' ? names?.[details.column] : undefined;
  const inColumn = columnName ? ` (column "${columnName}")` : '';
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return new TriageError('syntax', `a quoted field that starts in the record on line ${recordLine} is never closed`, {
        position,
        hint: 'add the closing double quote',
      });
    case 'INVALID_OPENING_QUOTE':
      return new TriageError('syntax', `a double quote inside an unquoted field${inColumn}`, {
        position,
        hint: 'quote the whole field and double the inner quotes (""), or pass --relax',
      });
    case 'CSV_INVALID_CLOSING_QUOTE':
      return new TriageError('syntax', `text follows a closing double quote in the same field${inColumn}`, {
        position,
        hint: 'quote the whole field and double the inner quotes ("")',
      });
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
    case 'CSV_RECORD_INCONSISTENT_COLUMNS': {
      const got = /got (\d+)/.exec(error.message)?.[1];
      return new TriageError('syntax', `this record has ${got ?? 'a different number of'} fields, but the header has ${width}`, {
        position,
        hint: 'every row needs one value per column: check for a missing or extra delimiter, or quote fields that contain it',
      });
    }
    case 'CSV_MAX_RECORD_SIZE':
      return new TriageError('syntax', 'a record is larger than the limit of 1 MB', {
        position,
        hint: 'check for an unclosed quote',
      });
    default:
      return new TriageError('syntax', error.message, { position });
  }
}

/** Line breaks at the start of a raw record (skipped empty lines), and where the record starts. */
function leadingBreaks(raw: string): { breaks: number; offset: number } {
  let i = 0;
  let breaks = 0;
  while (i < raw.length) {
    const c = raw.charCodeAt(i);
    if (c === 13) {
      breaks++;
      i += raw.charCodeAt(i + 1) === 10 ? 2 : 1;
    } else if (c === 10) {
      breaks++;
      i++;
    } else break;
  }
  return { breaks, offset: i };
}

/** Physical line breaks in a raw record: `\r\n`, `\r` and `\n` each count once. */
function countBreaks(raw: string): number {
  let breaks = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 10) breaks++;
    else if (c === 13) {
      breaks++;
      if (raw.charCodeAt(i + 1) === 10) i++;
    }
  }
  return breaks;
}

/** Line and column where field `k` of a raw record starts, scanning quotes as the parser does. */
function locateField(
  raw: string,
  start: number,
  firstLine: number,
  k: number,
  delimiter: string,
): { line: number; column: number } {
  let line = firstLine;
  let lineStart = start;
  let i = start;
  for (let field = 0; field < k; field++) {
    if (raw[i] === '"') {
      i++;
      while (i < raw.length) {
        const c = raw[i];
        if (c === '"') {
          if (raw[i + 1] === '"') i += 2;
          else {
            i++;
            break;
          }
        } else {
          if (c === '\n' || (c === '\r' && raw[i + 1] !== '\n')) {
            line++;
            lineStart = i + 1;
          }
          i++;
        }
      }
    }
    while (i < raw.length && !raw.startsWith(delimiter, i) && raw[i] !== '\n' && raw[i] !== '\r') i++;
    if (!raw.startsWith(delimiter, i)) break;
    i += delimiter.length;
  }
  return { line, column: i - lineStart + 1 };
}
