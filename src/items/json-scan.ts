/**
 * A small JSON scanner for positions: JSON.parse is fast but says little about where things
 * are. Used only when a position is needed: the offset of a syntax error, or of the value at
 * a path (an item's field) for a message.
 */

export interface JsonScan {
  /** The first syntax error, if any. */
  error?: { offset: number; message: string };
  /** Offset of the value at the requested path, when it exists. */
  found?: number;
}

const MAX_DEPTH = 256;

class Stop extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Scan a JSON text; when `path` is given, find the offset of the value there. When `spans`
 * is given and that value is an array, collect where each element starts and ends.
 */
export function scanJson(text: string, path: ReadonlyArray<string | number> = [], spans?: Array<[number, number]>): JsonScan {
  let i = 0;
  let found: number | undefined;

  const ws = (): void => {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else break;
    }
  };
  const fail = (message: string): never => {
    throw new Stop(i, message);
  };
  const expect = (ch: string, message: string): void => {
    if (text[i] !== ch) fail(message);
    i++;
  };

  const string = (): string => {
    expect('"', 'expected a string in double quotes');
    let out = '';
    while (i < text.length) {
      const c = text[i] as string;
      if (c === '"') {
        i++;
        return out;
      }
      if (c === '\\') {
        const next = text[i + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('bad \\u escape');
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else if (next !== undefined && '"\\/bfnrt'.includes(next)) {
          out += next;
          i += 2;
        } else fail('bad escape in a string');
      } else if (c.charCodeAt(0) < 0x20) {
        fail('a control character (such as a raw line break) inside a string');
      } else {
        out += c;
        i++;
      }
    }
    return fail('a string is never closed');
  };

  const value = (rest: ReadonlyArray<string | number>, depth: number, onPath: boolean): void => {
    ws();
    if (onPath && rest.length === 0) found = i;
    if (depth > MAX_DEPTH) fail(`nesting deeper than ${MAX_DEPTH} levels`);
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        const key = string();
        ws();
        expect(':', 'expected ":" after a key');
        value(rest.slice(1), depth + 1, onPath && rest.length > 0 && rest[0] === key);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return;
        } else fail('expected "," or "}" after a value');
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      const collect = spans !== undefined && onPath && rest.length === 0;
      for (let index = 0; ; index++) {
        ws();
        const from = i;
        value(rest.slice(1), depth + 1, onPath && rest.length > 0 && rest[0] === index);
        if (collect) spans.push([from, i]);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return;
        } else fail('expected "," or "]" after a value');
      }
    } else if (c === '"') {
      string();
    } else {
      const match = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
      if (!match) fail(i >= text.length ? 'the JSON ends too early' : 'expected a value');
      i += (match as RegExpExecArray)[0].length;
    }
  };

  try {
    value(path, 0, true);
    ws();
    if (i < text.length) fail('unexpected text after the JSON value');
    return found === undefined ? {} : { found };
  } catch (error) {
    if (error instanceof Stop) return { error: { offset: error.offset, message: error.message }, ...(found === undefined ? {} : { found }) };
    throw error;
  }
}

/** 1-based line and column of an offset in a text. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let k = text.indexOf('\n'); k !== -1 && k < offset; k = text.indexOf('\n', k + 1)) {
    line++;
    lineStart = k + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
