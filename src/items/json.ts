/**
 * JSON work items (an array of objects) and JSONL (one object per line, streamed).
 * JSON.parse does the reading; the scanner finds positions only when a message needs one.
 */
import { TriageError } from '../errors.js';
import { lineColumnAt, scanJson } from './json-scan.js';
import type { RawRecord } from './normalise.js';

/** The records of a JSON array (or `{ "items": [...] }`); syntax problems throw. */
export function readJsonItems(text: string, file: string): RawRecord[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw syntaxError(text, file, 1);
  }
  refuseDeepNesting(text, file, 1);
  let list: unknown;
  let prefix: Array<string | number> = [];
  if (Array.isArray(data)) list = data;
  else if (isObject(data) && Array.isArray(data['items'])) {
    list = data['items'];
    prefix = ['items'];
  } else {
    throw new TriageError('syntax', 'a JSON items file must hold an array of items (or {"items": [...]})', {
      position: { file, line: 1, column: 1 },
    });
  }
  // One scan finds where every item is; each item's positions are then looked up in its own
  // text, so a large file is not rescanned once per item.
  const spans: Array<[number, number]> = [];
  scanJson(text, prefix, spans);
  const origins = new Origins(text);
  return (list as unknown[]).map((entry, index) => {
    const [start, end] = spans[index] ?? [0, text.length];
    const origin = origins.at(start);
    if (!isObject(entry)) {
      throw new TriageError('syntax', `item ${index + 1} is not an object of fields`, { position: { file, ...origin } });
    }
    return objectRecord(entry, text.slice(start, end), origin, file);
  });
}

/** Line and column of offsets met in increasing order, counting each line once. */
class Origins {
  private line = 1;
  private lineStart = 0;
  /** The first line break not yet counted (Infinity when there is none): each is found once. */
  private nextBreak: number;

  constructor(private readonly text: string) {
    this.nextBreak = this.breakFrom(0);
  }

  /** Line and column of an offset; offsets come in increasing order. */
  at(offset: number): { line: number; column: number } {
    while (this.nextBreak < offset) {
      this.line++;
      this.lineStart = this.nextBreak + 1;
      this.nextBreak = this.breakFrom(this.lineStart);
    }
    return { line: this.line, column: offset - this.lineStart + 1 };
  }

  private breakFrom(from: number): number {
    const k = this.text.indexOf('\n', from);
    return k === -1 ? Infinity : k;
  }
}

/** Stream JSONL: one object per line, a batch per chunk of text; blank lines are skipped. */
export async function* readJsonLines(chunks: AsyncIterable<string>, file: string): AsyncGenerator<RawRecord[]> {
  let lineNumber = 0;
  for await (const lines of splitLines(chunks, file)) {
    const records: RawRecord[] = [];
    for (const line of lines) {
      lineNumber++;
      if (line.trim() !== '') records.push(jsonLine(line, file, lineNumber));
    }
    if (records.length > 0) yield records;
  }
}

function jsonLine(line: string, file: string, lineNumber: number): RawRecord {
  let data: unknown;
  try {
    data = JSON.parse(line);
  } catch {
    throw syntaxError(line, file, lineNumber);
  }
  refuseDeepNesting(line, file, lineNumber);
  if (!isObject(data)) {
    throw new TriageError('syntax', 'each line of a JSONL file must be one JSON object', {
      position: { file, line: lineNumber, column: 1 },
      hint: 'write one {"id": ..., "title": ...} per line',
    });
  }
  return objectRecord(data, line, { line: lineNumber, column: 1 }, file);
}

/** A record of a JSON object whose text starts at `origin` of the file. */
function objectRecord(object: Record<string, unknown>, text: string, origin: { line: number; column: number }, file: string): RawRecord {
  const within = (offset: number): { line: number; column: number } => {
    const at = lineColumnAt(text, offset);
    return at.line === 1 ? { line: origin.line, column: origin.column + at.column - 1 } : { line: origin.line + at.line - 1, column: at.column };
  };
  refuseDuplicateKeys(text, file, within);
  const values = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(object)) values[key.trim()] = object[key];
  const locate = (field: string): { line: number; column: number } => {
    if (!Object.hasOwn(object, field)) return origin;
    return within(scanJson(text, [field]).found ?? 0);
  };
  return { values, line: origin.line, locate };
}

/**
 * Refuse an object that names a field twice (`"id"` twice, or `"id"` and `" id "`):
 * JSON.parse keeps the last silently, and an item would lose a value nobody sees go.
 */
function refuseDuplicateKeys(text: string, file: string, within: (offset: number) => { line: number; column: number }): void {
  const seen = new Map<string, string>();
  for (const { key, offset } of memberKeys(text)) {
    const name = key.trim();
    const earlier = seen.get(name);
    if (earlier !== undefined) {
      const same = earlier === key ? `"${key}" appears twice` : `"${earlier}" and "${key}" name the same field`;
      throw new TriageError('syntax', `${same} in one item, and only one value could be kept`, {
        position: { file, ...within(offset) },
        hint: 'remove one of them, or rename it',
      });
    }
    seen.set(name, key);
  }
}

/** The keys of an object's own members (not nested ones), with their offsets, from its JSON text. */
function memberKeys(text: string): Array<{ key: string; offset: number }> {
  const keys: Array<{ key: string; offset: number }> = [];
  let depth = 0;
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      const start = i;
      for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92) i++;
      if (depth === 1 && expectKey) {
        keys.push({ key: JSON.parse(text.slice(start, i + 1)) as string, offset: start });
        expectKey = false;
      }
    } else if (c === 123 || c === 91) {
      depth++;
      expectKey = depth === 1 && c === 123;
    } else if (c === 125 || c === 93) depth--;
    else if (c === 44 && depth === 1) expectKey = true;
  }
  return keys;
}

/** As for YAML: arrays and objects nested deeper than this inside the top-level one are refused. */
export const MAX_JSON_DEPTH = 64;

/**
 * Refuse nesting deeper than MAX_JSON_DEPTH. JSON.parse copes with any depth, but everything
 * after it that walks a value (JSON.stringify of a passed-through column, for one) recurses.
 * A scan of the brackets outside strings: no recursion of its own.
 */
function refuseDeepNesting(text: string, file: string, firstLine: number): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // a backslash escapes the next character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > MAX_JSON_DEPTH + 1) {
        const at = lineColumnAt(text, i);
        throw new TriageError('syntax', `nesting deeper than ${MAX_JSON_DEPTH} levels is refused`, {
          position: { file, line: at.line + firstLine - 1, column: at.column },
          hint: 'flatten the data',
        });
      }
    } else if (c === 93 || c === 125) depth--;
  }
}

function syntaxError(text: string, file: string, firstLine: number): TriageError {
  const scan = scanJson(text);
  const offset = scan.error?.offset ?? 0;
  const at = lineColumnAt(text, offset);
  return new TriageError('syntax', `invalid JSON: ${scan.error?.message ?? 'cannot be parsed'}`, {
    position: { file, line: at.line + firstLine - 1, column: at.column },
  });
}

/** Lines of a chunked text, those each chunk completes; `\r\n`, `\n` and `\r` all end a line. */
async function* splitLines(chunks: AsyncIterable<string>, file: string): AsyncGenerator<string[]> {
  let rest = '';
  let done = 0;
  for await (const chunk of chunks) {
    rest += chunk;
    const lines: string[] = [];
    let start = 0;
    for (let i = 0; i < rest.length; i++) {
      const c = rest.charCodeAt(i);
      if (c === 10 || c === 13) {
        if (c === 13 && i === rest.length - 1) break; // a \r\n may be split across chunks
        lines.push(rest.slice(start, i));
        if (c === 13 && rest.charCodeAt(i + 1) === 10) i++;
        start = i + 1;
      }
    }
    rest = rest.slice(start);
    done += lines.length;
    if (rest.length > MAX_JSONL_LINE) throw lineTooLong(file, done + 1);
    if (lines.length > 0) yield lines;
  }
  if (rest.length > 0) yield [rest.endsWith('\r') ? rest.slice(0, -1) : rest];
}

/** Longest JSONL line, in characters: as for a CSV record, so a file with no line breaks cannot fill memory. */
export const MAX_JSONL_LINE = 1024 * 1024;

function lineTooLong(file: string, line: number): TriageError {
  return new TriageError('syntax', `line ${line} is longer than the limit of ${MAX_JSONL_LINE / 1024 / 1024} MB`, {
    position: { file, line, column: 1 },
    hint: 'a JSONL file holds one item per line: check the line breaks',
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
