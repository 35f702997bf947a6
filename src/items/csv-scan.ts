/**
 * A strict, streaming CSV tokenizer. Text goes in chunk by chunk; whole records come out,
 * each with the physical line it starts on. It is ours rather than csv-parse because the
 * reader is the hot path of scoring a large backlog: csv-parse with the `raw` and `info`
 * options we need for line numbers took most of a run's time (CHANGELOG.md has the figures).
 *
 * Rules, as RFC 4180 and the exports we meet: a field is quoted or not; a quoted field may
 * hold delimiters, line breaks and doubled quotes; `\r\n`, `\n` and `\r` each end a record;
 * empty lines are skipped. Anything else is an error naming the record's first line:
 * a quote never closed, text after a closing quote, a quote inside an unquoted field
 * (allowed with `relax`), a record larger than the limit.
 */

const QUOTE = 34;
const LF = 10;
const CR = 13;
/** `scanRecord` could not finish: the record goes on in text not seen yet. */
const INCOMPLETE = -1;

export type CsvProblemKind = 'unclosed-quote' | 'quote-in-unquoted' | 'text-after-quote' | 'record-too-large';

/** A syntax problem at a record; the reader turns it into a message with names. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly kind: CsvProblemKind,
    /** Line where the record starts. */
    readonly line: number,
    /** 0-based index of the field, when one is to blame. */
    readonly field?: number,
    /** The character to blame (an opening or stray quote), when there is one. */
    readonly at?: { line: number; column: number },
  ) {
    super(kind);
  }
}

export interface ScannedRecord {
  cells: string[];
  /** Physical line where the record starts (1-based). */
  line: number;
  /** The text the record was read from, and its offset there, to locate fields lazily. */
  text: string;
  start: number;
}

export interface ScanOptions {
  /** One character. */
  delimiter: string;
  relax: boolean;
  /** Largest record, in characters. */
  maxRecordSize: number;
  /**
   * Lines the text leaves out after its first record: a `score --jobs` range is its file's
   * header and then a byte range from further on, whose lines keep their numbers in the file.
   */
  linesAfterFirst?: number;
}

/**
 * Where a character next occurs in a text, found with indexOf (fast native search) and
 * remembered: the scanner only moves forward, so each character is searched for once.
 */
class NextOf {
  private text = '';
  private searchedFrom = 0;
  private found = 0;

  constructor(private readonly char: string) {}

  reset(text: string): void {
    this.text = text;
    this.searchedFrom = 0;
    this.found = -1;
  }

  /** The position of the character at or after `from`, or the text's length when there is none. */
  from(from: number): number {
    if (this.found < from || from < this.searchedFrom) {
      const at = this.text.indexOf(this.char, from);
      this.found = at === -1 ? this.text.length : at;
      this.searchedFrom = from;
    }
    return this.found;
  }
}

export class CsvScanner {
  private rest = '';
  /** Chunks held back while a long unfinished record waits for enough text (see push). */
  private waiting: string[] = [];
  private waitingLength = 0;
  private line = 1;
  /** Lines still to skip once the first record ends (ScanOptions.linesAfterFirst). */
  private gap: number;
  private readonly delimiter: number;
  private readonly nextDelimiter: NextOf;
  private readonly nextQuote = new NextOf('"');
  private readonly nextLf = new NextOf('\n');
  private readonly nextCr = new NextOf('\r');
  // Results of scanRecord, kept on the instance so the hot loop allocates nothing else.
  private cells: string[] = [];
  private breaks = 0;
  /** Where the record being scanned starts in the text, for positions in messages. */
  private recordStart = 0;
  /** The records completed by the last push or end, those before a syntax error included. */
  completed: ScannedRecord[] = [];

  constructor(private readonly options: ScanOptions) {
    if (options.delimiter.length !== 1) throw new RangeError('the CSV delimiter must be one character');
    this.delimiter = options.delimiter.charCodeAt(0);
    this.nextDelimiter = new NextOf(options.delimiter);
    this.gap = options.linesAfterFirst ?? 0;
  }

  get delimiterText(): string {
    return this.options.delimiter;
  }

  /** The records completed by this chunk; an unfinished last record waits for the next. */
  push(chunk: string): ScannedRecord[] {
    if (this.rest === '') return this.scan(chunk, false);
    // An unfinished record is scanned again from its start once more text comes. A long one
    // (a large quoted cell) waits until the new text is at least as long as itself, so each
    // character is scanned a few times at most, not once per chunk.
    this.waiting.push(chunk);
    this.waitingLength += chunk.length;
    // Past the record size limit it is scanned at once: it ends, or it is refused.
    if (this.waitingLength < this.rest.length && this.rest.length + this.waitingLength <= this.options.maxRecordSize) {
      this.completed = [];
      return [];
    }
    return this.scan(this.takeWaiting(), false);
  }

  /** The records left when the text ends. */
  end(): ScannedRecord[] {
    return this.scan(this.takeWaiting(), true);
  }

  /** The unfinished record with the text that came after it. */
  private takeWaiting(): string {
    const text = this.waiting.length === 0 ? this.rest : this.rest + this.waiting.join('');
    this.waiting = [];
    this.waitingLength = 0;
    return text;
  }

  private scan(text: string, final: boolean): ScannedRecord[] {
    for (const next of [this.nextDelimiter, this.nextQuote, this.nextLf, this.nextCr]) next.reset(text);
    const records: ScannedRecord[] = [];
    this.completed = records;
    const n = text.length;
    let i = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === LF || c === CR) {
        // An empty line; a `\r` at the very end may be the first half of `\r\n`.
        if (c === CR && i + 1 === n && !final) break;
        i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
        this.line++;
        continue;
      }
      const end = this.scanRecord(text, i, final);
      if (end === INCOMPLETE) break;
      if (end - i > this.options.maxRecordSize) throw new CsvSyntaxError('record-too-large', this.line);
      records.push({ cells: this.cells, line: this.line, text, start: i });
      this.line += this.breaks + this.gap;
      this.gap = 0;
      i = end;
    }
    this.rest = final ? '' : text.slice(i);
    if (this.rest.length > this.options.maxRecordSize) throw new CsvSyntaxError('record-too-large', this.line);
    return records;
  }

  /** Scan one record from `i`: its end (past the line break), or INCOMPLETE. */
  private scanRecord(text: string, i: number, final: boolean): number {
    const n = text.length;
    const cells: string[] = [];
    this.breaks = 0;
    this.recordStart = i;
    for (;;) {
      const next = i < n && text.charCodeAt(i) === QUOTE ? this.quoted(text, i, final, cells) : this.unquoted(text, i, cells);
      if (next === INCOMPLETE) return INCOMPLETE;
      i = next;
      if (i >= n) {
        if (!final) return INCOMPLETE;
        this.cells = cells;
        return n;
      }
      const c = text.charCodeAt(i);
      if (c === this.delimiter) {
        i++;
        continue;
      }
      // A line break ends the record (quoted and unquoted fields stop only at these).
      if (c === CR) {
        if (i + 1 >= n && !final) return INCOMPLETE;
        i += text.charCodeAt(i + 1) === LF ? 2 : 1;
      } else i++;
      this.breaks++;
      this.cells = cells;
      return i;
    }
  }

  /** An unquoted field from `i`: pushes its value, returns where it stops. */
  private unquoted(text: string, i: number, cells: string[]): number {
    const end = Math.min(this.nextDelimiter.from(i), this.nextLf.from(i), this.nextCr.from(i));
    if (!this.options.relax && this.nextQuote.from(i) < end) throw this.problem('quote-in-unquoted', text, this.nextQuote.from(i), cells.length);
    cells.push(text.slice(i, end));
    return end;
  }

  /** A quoted field from its opening quote at `i`: pushes its value, returns past the closing quote. */
  private quoted(text: string, i: number, final: boolean, cells: string[]): number {
    const n = text.length;
    let value = '';
    let from = i + 1;
    let breaks = 0;
    for (;;) {
      const quote = this.nextQuote.from(from);
      if (quote >= n) {
        if (final) throw this.problem('unclosed-quote', text, i, cells.length);
        return INCOMPLETE;
      }
      if (quote + 1 >= n && !final) return INCOMPLETE; // the next chunk may start with its pair
      breaks += this.lineBreaks(text, from, quote);
      if (text.charCodeAt(quote + 1) === QUOTE) {
        value += text.slice(from, quote + 1);
        from = quote + 2;
        continue;
      }
      const after = text.charCodeAt(quote + 1);
      if (quote + 1 < n && after !== this.delimiter && after !== LF && after !== CR) {
        throw this.problem('text-after-quote', text, quote + 1, cells.length);
      }
      cells.push(value + text.slice(from, quote));
      this.breaks += breaks;
      return quote + 1;
    }
  }

  /** A problem in the record being scanned, blaming the character at `offset`. */
  private problem(kind: CsvProblemKind, text: string, offset: number, field: number): CsvSyntaxError {
    let line = this.line;
    let lineStart = this.recordStart;
    for (let k = this.recordStart; k < offset; k++) {
      const c = text.charCodeAt(k);
      if (c === LF || (c === CR && text.charCodeAt(k + 1) !== LF)) {
        line++;
        lineStart = k + 1;
      }
    }
    return new CsvSyntaxError(kind, this.line, field, { line, column: offset - lineStart + 1 });
  }

  /** Line breaks in `text[from, to)`: each `\n`, and each `\r` not followed by `\n`. */
  private lineBreaks(text: string, from: number, to: number): number {
    let breaks = 0;
    for (let at = this.nextLf.from(from); at < to; at = this.nextLf.from(at + 1)) breaks++;
    for (let at = this.nextCr.from(from); at < to; at = this.nextCr.from(at + 1)) if (text.charCodeAt(at + 1) !== LF) breaks++;
    return breaks;
  }
}

/**
 * Line and column where field `k` of a record starts, scanning quotes as the tokenizer does.
 * Used only when a message needs a position, so it may be slow.
 */
export function locateCell(text: string, start: number, firstLine: number, k: number, delimiter: string): { line: number; column: number } {
  let line = firstLine;
  let lineStart = start;
  let i = start;
  for (let field = 0; field < k; field++) {
    if (text[i] === '"') {
      i++;
      while (i < text.length) {
        const c = text[i];
        if (c === '"') {
          if (text[i + 1] === '"') i += 2;
          else {
            i++;
            break;
          }
        } else {
          if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) {
            line++;
            lineStart = i + 1;
          }
          i++;
        }
      }
    }
    while (i < text.length && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') i++;
    if (text[i] !== delimiter) break;
    i++;
  }
  return { line, column: i - lineStart + 1 };
}
