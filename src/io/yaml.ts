/**
 * YAML for untrusted files: one place that parses with safe options, refuses aliases,
 * deep nesting and prototype keys, and maps any path in the data back to a line and column.
 */
import {
  Lexer,
  LineCounter,
  isMap,
  isPair,
  isScalar,
  parseDocument,
  visit,
  type Document,
  type Node,
} from 'yaml';

/** Flow collections nested deeper than this are refused before the document is composed. */
export const MAX_YAML_DEPTH = 64;

export interface YamlProblem {
  /** A stable id: `yaml/syntax`, `yaml/alias`, `yaml/too-deep`, `yaml/forbidden-key`, ... */
  ruleId: string;
  message: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

export interface YamlSource {
  doc: Document.Parsed;
  lineCounter: LineCounter;
  /** Problems that make the document unusable; empty when it parsed cleanly. */
  problems: YamlProblem[];
}

export interface LineColumn {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Parse one YAML document with the options the yaml package documents for untrusted input. */
export function parseYaml(text: string): YamlSource {
  const lineCounter = new LineCounter();
  const depthProblem = checkDepth(text);
  if (depthProblem) {
    // Never compose a document that is nested deep enough to exhaust memory.
    return { doc: parseDocument('', { lineCounter: new LineCounter() }), lineCounter, problems: [depthProblem] };
  }
  const doc = parseDocument(text, {
    lineCounter,
    version: '1.2',
    schema: 'core',
    merge: false,
    uniqueKeys: true,
    stringKeys: true,
    strict: true,
    customTags: [],
    resolveKnownTags: false,
    prettyErrors: true,
    logLevel: 'silent',
  });
  const problems: YamlProblem[] = [];
  for (const error of [...doc.errors, ...doc.warnings]) {
    const at = lineCounter.linePos(error.pos[0]);
    problems.push({
      ruleId: error.code === 'DUPLICATE_KEY' ? 'yaml/duplicate-key' : 'yaml/syntax',
      message: firstLine(error.message),
      line: at.line,
      column: at.col,
    });
  }
  visit(doc, {
    Alias(_, node) {
      problems.push({
        ruleId: 'yaml/alias',
        message: `YAML aliases (*${node.source}) are not accepted: write the value out in full`,
        ...rangePosition(lineCounter, node.range),
      });
    },
    Pair(_, pair) {
      if (isScalar(pair.key) && typeof pair.key.value === 'string' && FORBIDDEN_KEYS.has(pair.key.value)) {
        problems.push({
          ruleId: 'yaml/forbidden-key',
          message: `the key "${pair.key.value}" is not allowed: rename it`,
          ...rangePosition(lineCounter, pair.key.range),
        });
      }
    },
  });
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return { doc, lineCounter, problems };
}

/** The plain value of a parsed document; only call when it has no problems. */
export function toPlain(source: YamlSource): unknown {
  return source.doc.toJS({ maxAliasCount: 0 });
}

/**
 * Position of the value at `path` (keys and indexes). When the path does not exist, the
 * position of its nearest existing ancestor. `key: true` points at the key instead.
 */
export function positionAt(source: YamlSource, path: ReadonlyArray<string | number>, key = false): LineColumn {
  let node: unknown = source.doc.contents;
  let best: LineColumn = { line: 1, column: 1 };
  const here = (n: unknown): void => {
    const range = (n as Node | null)?.range;
    if (range) best = rangePosition(source.lineCounter, range);
  };
  here(node);
  for (let i = 0; i < path.length; i++) {
    const segment = path[i] as string | number;
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) return best;
      if (last && key) {
        here(pair.key);
        return best;
      }
      node = pair.value;
      here(node ?? pair.key);
    } else if (node && typeof node === 'object' && 'items' in node && Array.isArray((node as { items: unknown[] }).items)) {
      const item = (node as { items: unknown[] }).items[Number(segment)];
      if (item === undefined) return best;
      node = item;
      here(node);
    } else {
      return best;
    }
  }
  return best;
}

function rangePosition(lineCounter: LineCounter, range: readonly number[] | null | undefined): LineColumn {
  if (!range) return { line: 1, column: 1 };
  const start = lineCounter.linePos(range[0] ?? 0);
  const end = lineCounter.linePos(range[1] ?? range[0] ?? 0);
  return { line: start.line, column: start.col, endLine: end.line, endColumn: end.col };
}

/** Refuse flow nesting deeper than MAX_YAML_DEPTH, by counting brackets in the token stream. */
function checkDepth(text: string): YamlProblem | undefined {
  let depth = 0;
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    if (token === '[' || token === '{') {
      depth++;
      if (depth > MAX_YAML_DEPTH) {
        const at = linePosOf(text, offset);
        return {
          ruleId: 'yaml/too-deep',
          message: `nesting deeper than ${MAX_YAML_DEPTH} levels is refused: flatten the data`,
          line: at.line,
          column: at.column,
        };
      }
    } else if (token === ']' || token === '}') {
      depth--;
    }
    if (!LEXER_MARKERS.has(token)) offset += token.length;
  }
  return undefined;
}

// The lexer's control tokens mark where things start; they are not part of the source text.
const LEXER_MARKERS: ReadonlySet<string> = new Set(['\x02', '\x18', '\x1f']);

function linePosOf(text: string, offset: number): LineColumn {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  // The yaml package appends " at line L, column C:"; the position is reported separately.
  return line.replace(/ at line \d+, column \d+:?$/, '').trim();
}
