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
  return (list as unknown[]).map((entry, index) => {
    const path = [...prefix, index];
    if (!isObject(entry)) {
      const at = lineColumnAt(text, scanJson(text, path).found ?? 0);
      throw new TriageError('syntax', `item ${index + 1} is not an object of fields`, { position: { file, ...at } });
    }
    return objectRecord(entry, text, path, 0);
  });
}

/** Stream JSONL: one object per line; blank lines are skipped. */
export async function* readJsonLines(chunks: AsyncIterable<string>, file: string): AsyncGenerator<RawRecord> {
  let lineNumber = 0;
  for await (const line of splitLines(chunks)) {
    lineNumber++;
    if (line.trim() === '') continue;
    let data: unknown;
    try {
      data = JSON.parse(line);
    } catch {
      throw syntaxError(line, file, lineNumber);
    }
    if (!isObject(data)) {
      throw new TriageError('syntax', 'each line of a JSONL file must be one JSON object', {
        position: { file, line: lineNumber, column: 1 },
        hint: 'write one {"id": ..., "title": ...} per line',
      });
    }
    yield objectRecord(data, line, [], lineNumber - 1);
  }
}

function objectRecord(
  object: Record<string, unknown>,
  text: string,
  path: Array<string | number>,
  lineOffset: number,
): RawRecord {
  const values = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(object)) values[key.trim()] = object[key];
  const locateAt = (subPath: Array<string | number>): { line: number; column: number } => {
    const at = lineColumnAt(text, scanJson(text, subPath).found ?? 0);
    return { line: at.line + lineOffset, column: at.column };
  };
  let start: { line: number; column: number } | undefined;
  return {
    values,
    get line() {
      start ??= locateAt(path);
      return start.line;
    },
    locate(field: string) {
      return Object.hasOwn(object, field) ? locateAt([...path, field]) : (start ??= locateAt(path));
    },
  };
}

function syntaxError(text: string, file: string, firstLine: number): TriageError {
  const scan = scanJson(text);
  const offset = scan.error?.offset ?? 0;
  const at = lineColumnAt(text, offset);
  return new TriageError('syntax', `invalid JSON: ${scan.error?.message ?? 'cannot be parsed'}`, {
    position: { file, line: at.line + firstLine - 1, column: at.column },
  });
}

/** Lines of a chunked text; `\r\n`, `\n` and `\r` all end a line. */
async function* splitLines(chunks: AsyncIterable<string>): AsyncGenerator<string> {
  let rest = '';
  for await (const chunk of chunks) {
    rest += chunk;
    let start = 0;
    for (let i = 0; i < rest.length; i++) {
      const c = rest.charCodeAt(i);
      if (c === 10 || c === 13) {
        if (c === 13 && i === rest.length - 1) break; // a \r\n may be split across chunks
        yield rest.slice(start, i);
        if (c === 13 && rest.charCodeAt(i + 1) === 10) i++;
        start = i + 1;
      }
    }
    rest = rest.slice(start);
  }
  if (rest.length > 0) yield rest.endsWith('\r') ? rest.slice(0, -1) : rest;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
