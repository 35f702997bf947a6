/**
 * YAML for untrusted files: one place that parses with safe options, refuses aliases,
 * deep nesting and prototype keys, and maps any path in the data back to a line and column.
 */
import {
  Composer,
  Lexer,
  LineCounter,
  Parser,
  isMap,
  isPair,
  isScalar,
  parseDocument,
  visit,
  type CST,
  type Document,
  type DocumentOptions,
  type Node,
  type ParseOptions,
  type SchemaOptions,
} from 'yaml';
import type { RuleId } from '../rule-ids.js';

/**
 * Collections (block or flow) nested deeper than this inside the top-level one are refused
 * before the document is composed: composing them recurses, and deep enough nesting exhausts
 * the stack or the heap beyond any `catch`.
 */
export const MAX_YAML_DEPTH = 64;

/**
 * Past this many problems in one file, reading stops. Junk can make the parser report one
 * problem per character, each costing time and memory (a 20 MB file: minutes, gigabytes),
 * and nobody reads the thousandth.
 */
export const MAX_YAML_PROBLEMS = 100;

/**
 * Most tokens (scalars, indicators, spaces, line breaks) read from one YAML text. Memory and
 * time follow tokens, not bytes: the parser keeps 150 to 400 bytes for each, so 9 MB of
 * `[x, x, x, ...]` needed 3.7 GB and aborted the process, and reading takes about a second
 * per million. A million tokens allow some 12,000 items written one field per line (80 tokens
 * an item); backlogs larger than that belong in CSV or JSONL, which stream.
 */
export const MAX_YAML_TOKENS = 1_000_000;

export interface YamlProblem {
  /** A stable id: `yaml/syntax`, `yaml/alias`, `yaml/too-deep`, `yaml/forbidden-key`, ... */
  ruleId: RuleId;
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

/** The options the yaml package documents for untrusted input: YAML 1.2 core schema, no merge keys, unique keys. */
const OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  version: '1.2',
  schema: 'core',
  merge: false,
  uniqueKeys: true,
  stringKeys: true,
  strict: true,
  customTags: [],
  resolveKnownTags: false,
};

/** Parse one YAML document with the options the yaml package documents for untrusted input. */
export function parseYaml(text: string): YamlSource {
  const lineCounter = new LineCounter();
  const composed = compose(text, lineCounter);
  if (composed.refused) {
    // Too deep, or too broken: nothing was (or will be) composed of it.
    return { doc: parseDocument('', { lineCounter: new LineCounter() }), lineCounter, problems: composed.refused };
  }
  const doc = composed.doc;
  const problems: YamlProblem[] = [];
  for (const error of [...doc.errors, ...doc.warnings]) {
    const at = lineCounter.linePos(error.pos[0]);
    problems.push({
      ruleId: error.code === 'DUPLICATE_KEY' ? 'yaml/duplicate-key' : 'yaml/syntax',
      message: withFix(firstLine(error.message), error.code),
      line: at.line,
      column: at.col,
    });
  }
  if (composed.secondDocument !== undefined) problems.push(secondDocumentProblem(composed.secondDocument, lineCounter));
  // As many problems as the parser may report, then a note where reading stopped: a file of
  // millions of aliases would otherwise make millions of findings.
  let stoppedAt: LineColumn | undefined;
  const full = (range: readonly number[] | null | undefined): boolean => {
    if (problems.length < MAX_YAML_PROBLEMS) return false;
    stoppedAt = rangePosition(lineCounter, range);
    return true;
  };
  visit(doc, {
    Alias(_, node) {
      if (full(node.range)) return visit.BREAK;
      problems.push({
        ruleId: 'yaml/alias',
        message: `YAML aliases (*${node.source}) are not accepted: write the value out in full`,
        ...rangePosition(lineCounter, node.range),
      });
      return undefined;
    },
    Pair(_, pair) {
      if (isScalar(pair.key) && typeof pair.key.value === 'string' && FORBIDDEN_KEYS.has(pair.key.value)) {
        if (full(pair.key.range)) return visit.BREAK;
        problems.push({
          ruleId: 'yaml/forbidden-key',
          message: `the key "${pair.key.value}" is not allowed: rename it`,
          ...rangePosition(lineCounter, pair.key.range),
        });
      }
      return undefined;
    },
  });
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  if (stoppedAt) problems.push({ ruleId: 'yaml/syntax', message: tooManyMessage(), line: stoppedAt.line, column: stoppedAt.column });
  return { doc, lineCounter, problems };
}

interface Composed {
  /** The first document (an empty one for an empty text). */
  doc: Document.Parsed;
  /** Offset of a second document that has content: a YAML stream of several documents. */
  secondDocument?: number;
  /** Why the document was not composed (too deep, too many problems): the problems to report. */
  refused?: YamlProblem[];
}

/**
 * Lex, parse and compose, as `parseDocument` does, but watching the parser's stack: nesting
 * deeper than MAX_YAML_DEPTH stops everything before the composer sees it. A document token
 * reaches the composer only when it is complete, so a deep one is never composed.
 */
function compose(text: string, lineCounter: LineCounter): Composed {
  const parser = new Parser(lineCounter.addNewLine);
  const composer = new Composer(OPTIONS);
  const { counted, note } = countProblems(composer);
  try {
    return composeAll(text, lineCounter, parser, composer, note);
  } catch (error) {
    if (!(error instanceof TooManyProblems)) throw error;
    const problems = counted.slice(0, MAX_YAML_PROBLEMS).map(({ offset, code, message }): YamlProblem => {
      const at = lineCounter.linePos(offset);
      return {
        ruleId: code === 'DUPLICATE_KEY' ? 'yaml/duplicate-key' : 'yaml/syntax',
        message: withFix(firstLine(message), code),
        line: at.line,
        column: at.col,
      };
    });
    const last = lineCounter.linePos(counted[MAX_YAML_PROBLEMS]?.offset ?? 0);
    problems.push({ ruleId: 'yaml/syntax', message: tooManyMessage(), line: last.line, column: last.col });
    return { doc: emptyDocument(), refused: problems };
  }
}

class TooManyProblems extends Error {}

function tooManyMessage(): string {
  return `more than ${MAX_YAML_PROBLEMS} problems, so reading stopped here; check that this is a YAML file, and fix the first problems first`;
}

interface CountedProblem {
  offset: number;
  code: string;
  message: string;
}

type Note = (offset: number, code: string, message: string) => void;

/**
 * Record each problem as it is reported, and stop everything once there are too many: those
 * the composer reports inside a document, and the parser's error tokens between documents.
 * The composer's error callback is not public API: if a future version of the yaml package has
 * none, problems inside a document are not bounded, but nothing breaks (a test would notice).
 */
function countProblems(composer: Composer): { counted: CountedProblem[]; note: Note } {
  type OnError = (source: unknown, code: string, message: string, warning?: boolean) => void;
  const counted: CountedProblem[] = [];
  const note: Note = (offset, code, message) => {
    counted.push({ offset, code, message });
    if (counted.length > MAX_YAML_PROBLEMS) throw new TooManyProblems();
  };
  const hooked = composer as unknown as { onError?: OnError };
  const original = hooked.onError;
  if (typeof original === 'function') {
    hooked.onError = (source, code, message, warning) => {
      note(offsetOf(source), code, message);
      original(source, code, message, warning);
    };
  }
  return { counted, note };
}

/** Where a problem the composer reports starts: an offset, a range, or a token with an offset. */
function offsetOf(source: unknown): number {
  if (typeof source === 'number') return source;
  if (Array.isArray(source)) return Number(source[0]) || 0;
  return Number((source as { offset?: number } | null)?.offset) || 0;
}

function composeAll(text: string, lineCounter: LineCounter, parser: Parser, composer: Composer, note: Note): Composed {
  const docs: Document.Parsed[] = [];
  const starts: number[] = [];
  const take = (tokens: Iterable<CST.Token>): void => {
    for (const token of tokens) {
      if (token.type === 'document') {
        starts.push(token.offset);
        // A trailing empty document is harmless; a third is a stream of them, which could be
        // millions (`---` on every line), each composed and kept: stop at once.
        if (starts.length > 2) throw new ManyDocuments(starts[1] as number);
      }
      // Between documents, the composer records these itself, past any callback.
      else if (token.type === 'error')
        note(token.offset, 'UNEXPECTED_TOKEN', token.source ? `${token.message}: ${JSON.stringify(token.source)}` : token.message);
      for (const doc of composer.next(token)) docs.push(doc);
    }
  };
  lineCounter.addNewLine(0);
  let tokens = 0;
  let previous = '';
  try {
    for (const lexeme of new Lexer().lex(text)) {
      if (++tokens > MAX_YAML_TOKENS) return { doc: emptyDocument(), refused: [tooManyTokens(parser.offset, lineCounter)] };
      // An alias is a lexeme of its own starting with `*`; a plain or block scalar's text
      // comes after the scalar marker, so `*bold*` in a description is not one.
      if (lexeme.charCodeAt(0) === 42 && previous !== SCALAR_MARK) {
        return { doc: docs[0] ?? emptyDocument(), refused: [aliasProblem(lexeme, parser.offset, lineCounter)] };
      }
      previous = lexeme;
      take(parser.next(lexeme));
      if (parser.stack.length > MAX_YAML_DEPTH + 1) {
        const tooDeep = depthProblem(parser.stack, lineCounter);
        if (tooDeep) return { doc: docs[0] ?? emptyDocument(), refused: [tooDeep] };
      }
    }
    take(parser.end());
  } catch (error) {
    if (!(error instanceof ManyDocuments)) throw error;
    return { doc: docs[0] ?? emptyDocument(), refused: [secondDocumentProblem(error.offset, lineCounter)] };
  }
  for (const doc of composer.end(true, text.length)) docs.push(doc);
  const [doc, second] = docs as [Document.Parsed, ...Document.Parsed[]];
  const index = docs.findIndex((d, k) => k > 0 && !isEmptyDocument(d));
  const secondDocument = second !== undefined && index > 0 ? starts[index] : undefined;
  return secondDocument === undefined ? { doc } : { doc, secondDocument };
}

/** The lexer's mark before a scalar's text (yaml's CST.SCALAR). */
const SCALAR_MARK = '\x1f';

class ManyDocuments extends Error {
  constructor(readonly offset: number) {
    super('more than two YAML documents');
  }
}

/** A document with nothing in it (`---` at the end of a file): no data to lose. */
function isEmptyDocument(doc: Document.Parsed): boolean {
  const contents = doc.contents;
  return doc.errors.length === 0 && (contents === null || (isScalar(contents) && contents.value === null && !contents.source));
}

function secondDocumentProblem(offset: number, lineCounter: LineCounter): YamlProblem {
  const at = lineCounter.linePos(offset);
  return {
    ruleId: 'yaml/syntax',
    message: 'a second YAML document starts here, and only one is read: remove the "---" line to make one document, or put the second in a file of its own',
    line: at.line,
    column: at.col,
  };
}

/** The first alias: refused where it stands, before anything could expand it. */
function aliasProblem(lexeme: string, offset: number, lineCounter: LineCounter): YamlProblem {
  const at = lineCounter.linePos(offset);
  return {
    ruleId: 'yaml/alias',
    message: `YAML aliases (${lexeme.slice(0, 40)}) are not accepted: write the value out in full`,
    line: at.line,
    column: at.col,
    endLine: at.line,
    endColumn: at.col + lexeme.length,
  };
}

function tooManyTokens(offset: number, lineCounter: LineCounter): YamlProblem {
  const at = lineCounter.linePos(offset);
  return {
    ruleId: 'file/too-large',
    message: `more than ${MAX_YAML_TOKENS.toLocaleString('en-GB')} YAML tokens, more than can be read safely at once: large backlogs stream as CSV or JSONL, so convert it to one of those`,
    line: at.line,
    column: at.col,
  };
}

function emptyDocument(): Document.Parsed {
  return parseDocument('', { lineCounter: new LineCounter() });
}

const COLLECTIONS: ReadonlySet<string> = new Set(['block-map', 'block-seq', 'flow-collection']);

/** Collections open on the parser's stack, the top-level one not counted. */
function depthProblem(stack: readonly CST.Token[], lineCounter: LineCounter): YamlProblem | undefined {
  let depth = -1;
  let deepest: CST.Token | undefined;
  for (const token of stack) {
    if (COLLECTIONS.has(token.type)) {
      depth++;
      deepest = token;
    }
  }
  if (depth <= MAX_YAML_DEPTH || deepest === undefined) return undefined;
  const at = lineCounter.linePos(deepest.offset);
  return {
    ruleId: 'yaml/too-deep',
    message: `nesting deeper than ${MAX_YAML_DEPTH} levels is refused: flatten the data`,
    line: at.line,
    column: at.col,
  };
}

/** What to do about each kind of problem the yaml package reports, by its error code. */
const FIXES: Readonly<Record<string, string>> = {
  DUPLICATE_KEY: 'keep one of the two, or rename one',
  TAB_AS_INDENT: 'indent with spaces, not tabs',
  BAD_INDENT: 'line the entries up at the same column, indenting with spaces',
  MISSING_CHAR: 'close the quote, [ or { that was opened before this point',
  BAD_DQ_ESCAPE: 'write \\\\ for a backslash in double quotes, or use single quotes',
  BAD_SCALAR_START: 'put the value in quotes',
  MULTILINE_IMPLICIT_KEY: 'put a value that holds ": " in quotes, or check the indentation',
  BLOCK_AS_IMPLICIT_KEY: 'put a value that holds ": " in quotes, or check the indentation',
  TAG_RESOLVE_FAILED: 'remove the tag: tags such as !name are not accepted',
  BAD_ALIAS: 'write the value out in full: aliases are not accepted',
  NON_STRING_KEY: 'write the key as plain text',
  KEY_OVER_1024_CHARS: 'shorten the key',
};

function withFix(message: string, code: string): string {
  const fix = Object.hasOwn(FIXES, code) ? FIXES[code] : 'fix the YAML here: text that holds ": ", " #" or starts with a special character needs quotes';
  return `${message}; ${fix}`;
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

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  // The yaml package appends " at line L, column C:"; the position is reported separately.
  return line.replace(/ at line \d+, column \d+:?$/, '').trim();
}
